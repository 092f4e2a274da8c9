package dev.pairlab.store;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairWriter;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a project's pairs in a format, streaming. The file appears whole or not at all
 * ({@link OutputFile}: written beside the target and moved into place at the end).
 */
public final class PairExport {

    /** @param skipped pairs the format could not hold (for example no gold label in a chosen/rejected format) */
    public record Report(Path file, String format, long written, long skipped) {
    }

    private PairExport() {
    }

    /** Writes the pairs to {@code out}, which is refused if it is one of the project's own files. */
    public static Report run(Project project, PairFormat format, OutputFile out, Set<Split> splits, boolean revealHidden,
                             ProgressListener progress, Cancellation cancel) throws IOException, CancelledException, BadInputException {
        OutputFile target = Project.protect(out, project.file());
        long total = Pairs.count(project);
        long[] counts = new long[2];
        target.<CancelledException>write(raw -> {
            try (OutputStream os = out.file().getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 PairWriter writer = format.writer(os)) {
                Pairs.<IOException, CancelledException>forEach(project, splits, revealHidden, (Pair p) -> {
                    if (writer.write(p)) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                    }
                    long n = counts[0] + counts[1];
                    if (n % 1000 == 0) {
                        cancel.throwIfCancelled();
                        progress.progress(n, total, "exporting");
                    }
                });
            }
        });
        progress.progress(total, total, "exported");
        return new Report(out.file(), format.id(), counts[0], counts[1]);
    }
}
