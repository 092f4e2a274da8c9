package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Embeddings;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version diff of an exemplar LF reads both versions' votes from the project's stored embeddings. */
class LfVersionDiffExemplarTest {

    @TempDir
    Path dir;

    private static float[] unit(double x, double y) {
        double n = Math.hypot(x, y);
        return new float[] {(float) (x / n), (float) (y / n)};
    }

    @Test
    void aWiderMarginTurnsEveryVoteIntoAnAbstention() throws Exception {
        try (Project p = Project.create(dir.resolve("ex.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults()); // 898 pairs, all train
            long[] ids = Pairs.ids(p, Pairs.allSplits());
            List<Embeddings.Row> rows = new ArrayList<>();
            for (long id : ids) {
                // Answer A points at the good example (cosine 1), answer B away from it (cosine 0.196): A is preferred by 0.80.
                rows.add(new Embeddings.Row(id, Embeddings.quantize(unit(1, 0)), Embeddings.quantize(unit(1, 0)), Embeddings.quantize(unit(0.2, 1))));
            }
            Embeddings.save(p, "fake-2d", rows);
            ExemplarRule v1 = new ExemplarRule("fake-2d", List.of("good"), List.of(), List.of(unit(1, 0)), List.of(), 0.1);
            ExemplarRule v2 = new ExemplarRule("fake-2d", List.of("good"), List.of(), List.of(unit(1, 0)), List.of(), 1.5);
            Lfs.save(p, "near_good", ExemplarRule.KIND, v1.toJson().toString());
            Lfs.save(p, "near_good", ExemplarRule.KIND, v2.toJson().toString());

            LfVersionDiff d = LfVersionDiff.of(p, "near_good", null, null, EnumSet.of(Split.TRAIN), ProgressListener.NONE, Cancellation.none());

            assertEquals(1, d.from());
            assertEquals(2, d.to());
            assertEquals(1.0, d.stats()[0].coverage(), 1e-12, "v1 votes A on every pair");
            assertEquals(0.0, d.stats()[1].coverage(), 1e-12, "v2 abstains on every pair");
            assertEquals(898, d.diff().changed());
            assertEquals(898, d.diff().fixed().length + d.diff().broken().length, "MT-Bench pairs all have gold");
            assertTrue(d.diff().fixed().length > 0 && d.diff().broken().length > 0);
        }
    }
}
