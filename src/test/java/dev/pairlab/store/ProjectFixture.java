package dev.pairlab.store;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for tests that work on real project files. */
public final class ProjectFixture {

    private ProjectFixture() {
    }

    public static ImportReport importFile(Project p, Path file, ImportOptions options)
            throws BadInputException, IOException, CancelledException {
        return PairImport.run(p, file, options, null, ProgressListener.NONE, Cancellation.none());
    }

    /** All pairs with hidden gold revealed, in id order. */
    public static List<Pair> all(Project p) {
        List<Pair> out = new ArrayList<>();
        Pairs.<RuntimeException, RuntimeException>forEach(p, Pairs.allSplits(), true, out::add);
        return out;
    }

    /** A fingerprint of every row of every table: equal fingerprints mean an unchanged project. */
    public static String fingerprint(Project p) {
        return p.read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String table : List.of("pairs", "imports", "split_runs", "meta", "schema_version")) {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            sb.append(rs.getString(i)).append('\u0001');
                        }
                        sb.append('\n');
                    }
                }
                sb.append("--").append(table).append('\n');
            }
            return Integer.toHexString(sb.toString().hashCode()) + ":" + sb.length();
        });
    }
}
