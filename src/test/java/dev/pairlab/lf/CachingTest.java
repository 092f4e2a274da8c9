package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pairlab.TestData;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Columns;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features and LF votes are kept in the project; what is unchanged is not recomputed. */
class CachingTest {

    @TempDir
    Path dir;

    @Test
    void featuresArePersistedAndNewPairsAppended() throws Exception {
        Path file = dir.resolve("p.pairlab");
        FeatureTable first;
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            first = FeatureCache.ensure(p, ProgressListener.NONE, Cancellation.none());
        }
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            AtomicLong calls = new AtomicLong();
            FeatureTable again = FeatureCache.ensure(p, (d, t, m) -> calls.incrementAndGet(), Cancellation.none());
            assertEquals(0, calls.get(), "reopening computes nothing");
            assertArrayEquals(first.a("length"), again.a("length"));
            assertArrayEquals(first.b("vader_compound"), again.b("vader_compound"));
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            List<Long> progress = new ArrayList<>();
            FeatureTable grown = FeatureCache.ensure(p, (d, t, m) -> progress.add(t), Cancellation.none());
            assertEquals(898 + 386, grown.size());
            assertEquals(386L, progress.get(progress.size() - 1), "only the 386 new pairs were computed");
            for (int i = 0; i < 898; i++) {
                assertEquals(first.a("length")[i], grown.a("length")[i]);
            }
        }
    }

    @Test
    void changingOneLfRecomputesOnlyItsColumn() throws Exception {
        try (Project p = Project.create(dir.resolve("q.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            PatternRule sorry = new PatternRule(List.of(), List.of("sorry"), false, false, true, PatternRule.Count.OCCURRENCES);
            PatternRule example = new PatternRule(List.of("for example"), List.of(), false, false, false, PatternRule.Count.PRESENCE);
            LfRecord a = Lfs.save(p, "sorry", sorry.kind(), sorry.toJson().toString());
            LfRecord b = Lfs.save(p, "example", example.kind(), example.toJson().toString());
            ProjectLabeling.Labeled first = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            String hash = Columns.idsHash(first.matrix().ids());
            assertNotNull(Columns.loadVotes(p, a.id(), 1, hash));
            assertNotNull(Columns.loadVotes(p, b.id(), 1, hash));
            PatternRule example2 = new PatternRule(List.of("for example", "such as"), List.of(), false, false, false, PatternRule.Count.PRESENCE);
            LfRecord b2 = Lfs.save(p, "example", example2.kind(), example2.toJson().toString());
            assertEquals(2, b2.version());
            assertNull(Columns.loadVotes(p, b.id(), 2, hash), "version 2 not computed yet");
            ProjectLabeling.Labeled second = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            assertArrayEquals(first.matrix().column(0), second.matrix().column(0));
            assertNotNull(Columns.loadVotes(p, b.id(), 2, hash));
            long changed = 0;
            for (int i = 0; i < second.matrix().n(); i++) {
                if (first.matrix().get(i, 1) != second.matrix().get(i, 1)) {
                    changed++;
                }
            }
            assertEquals(true, changed > 0, "adding 'such as' changes some votes");
            assertEquals(2, Lfs.list(p).size());
        }
    }
}
