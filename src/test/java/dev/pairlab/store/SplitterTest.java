package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitterTest {

    @TempDir
    Path dir;

    private Map<Split, Long> split(Project p, SplitParams params) throws Exception {
        return Splitter.split(p, params, ProgressListener.NONE, Cancellation.none());
    }

    @Test
    void fractionsFollowTheMethodAndPinnedPairsStay() throws Exception {
        try (Project p = Project.create(dir.resolve("ub.pairlab"))) {
            ProjectFixture.importFile(p, TestData.ub2(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            Map<Split, Long> counts = split(p, new SplitParams(0.1, 0.02, 0.05, 123, false));
            // 968 unpinned: round(96.8) = 97 test; of 871: round(17.42) = 17 train, round(43.55) = 44 dev.
            assertEquals(97L, counts.get(Split.TEST));
            assertEquals(17L, counts.get(Split.TRAIN));
            assertEquals(44L, counts.get(Split.DEV));
            assertEquals(968L - 97 - 17 - 44, counts.get(Split.POOL));
            List<Pair> all = ProjectFixture.all(p);
            assertEquals(386, all.stream().filter(x -> x.source().startsWith("MT-BENCH-evaluation")).filter(x -> x.split() == Split.TEST).count());
            assertEquals(97 + 386, all.stream().filter(x -> x.split() == Split.TEST).count());
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() throws Exception {
        List<List<Split>> runs = new ArrayList<>();
        for (long seed : new long[] {123, 123, 7}) {
            Path f = dir.resolve("p" + runs.size() + ".pairlab");
            try (Project p = Project.create(f)) {
                ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
                split(p, new SplitParams(0.1, 0.1, 0, seed, false));
                runs.add(ProjectFixture.all(p).stream().map(Pair::split).toList());
            }
        }
        assertEquals(runs.get(0), runs.get(1));
        assertNotEquals(runs.get(0), runs.get(2));
    }

    @Test
    void unlabeledPairsGoToThePoolAndPoolGoldIsHidden() throws Exception {
        Path f = dir.resolve("mixed.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String label = i % 4 == 0 ? "null" : Integer.toString(i % 2);
            sb.append("{\"instruction\":\"q").append(i).append("\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":").append(label).append("}\n");
        }
        Files.writeString(f, sb.toString());
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            ProjectFixture.importFile(p, f, ImportOptions.defaults());
            assertEquals(25L, Pairs.info(p).splits().get(Split.POOL).pairs(), "unlabeled pairs are imported into the pool");
            split(p, new SplitParams(0.2, 0.5, 0, 1, false));
            List<Pair> revealed = ProjectFixture.all(p);
            for (Pair x : revealed) {
                if (!x.gold().known()) {
                    assertEquals(Split.POOL, x.split());
                }
            }
            assertEquals(15L, revealed.stream().filter(x -> x.split() == Split.TEST).count());
            assertEquals(30L, revealed.stream().filter(x -> x.split() == Split.TRAIN).count());
            List<Pair> hidden = new ArrayList<>();
            Pairs.<RuntimeException, RuntimeException>forEach(p, EnumSet.of(Split.POOL), false, hidden::add);
            assertEquals(55, hidden.size());
            assertTrue(hidden.stream().allMatch(x -> x.gold() == Gold.NONE), "pool gold must read as hidden");
            assertTrue(revealed.stream().filter(x -> x.split() == Split.POOL).anyMatch(x -> x.gold().known()),
                    "hidden gold is kept for weak-label evaluation");
            ProjectInfo.SplitCounts pool = Pairs.info(p).splits().get(Split.POOL);
            assertTrue(pool.goldHidden());
            assertEquals(0, pool.a() + pool.b());
        }
    }

    @Test
    void byContextKeepsAPromptsPairsTogether() throws Exception {
        Path f = dir.resolve("prompts.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("{\"instruction\":\"prompt ").append(i % 40).append("\",\"answer_0\":\"a").append(i)
                    .append("\",\"answer_1\":\"b\",\"label\":").append(i % 2).append("}\n");
        }
        Files.writeString(f, sb.toString());
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            ProjectFixture.importFile(p, f, ImportOptions.defaults());
            split(p, new SplitParams(0.25, 0.3, 0, 5, true));
            Map<String, Split> splitOfPrompt = new HashMap<>();
            for (Pair x : ProjectFixture.all(p)) {
                Split prev = splitOfPrompt.putIfAbsent(x.context(), x.split());
                if (prev != null) {
                    assertEquals(prev, x.split(), "prompt '" + x.context() + "' is in two splits");
                }
            }
            assertTrue(splitOfPrompt.containsValue(Split.TEST) && splitOfPrompt.containsValue(Split.TRAIN)
                    && splitOfPrompt.containsValue(Split.POOL));
        }
    }

    @Test
    void badFractionsAreRejected() {
        // The record holds what was asked; validate() says what is wrong, and the job refuses to run it.
        assertEquals("eval", new SplitParams(1.5, 0.1, 0, 1, false).validate().get(0).field());
        assertEquals("labeled", new SplitParams(0.1, -0.1, 0, 1, false).validate().get(0).field());
        assertEquals("", new SplitParams(0.1, 0.7, 0.5, 1, false).validate().get(0).field());
        assertEquals("eval", new SplitParams(Double.NaN, 0.1, 0, 1, false).validate().get(0).field());
        assertThrows(dev.pairlab.task.InvalidParametersException.class, () -> new SplitParams(1.5, 0.1, 0, 1, false).requireValid());
    }
}
