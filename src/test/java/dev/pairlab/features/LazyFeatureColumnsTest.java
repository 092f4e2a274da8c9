package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Columns;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature column is computed when first read, stored, and extended with pairs imported later (issue 22). */
class LazyFeatureColumnsTest {

    @TempDir
    Path dir;

    private static FeatureTable reference(Project p) {
        List<Pair> pairs = ProjectFixture.all(p);
        return FeatureCache.compute(pairs.stream().mapToLong(Pair::id).toArray(), pairs.stream().map(Pair::answerA).toList(),
                pairs.stream().map(Pair::answerB).toList());
    }

    @Test
    void statsWithLengthLikeLfsComputeAndStoreOnlyTheirColumns() throws Exception {
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Lfs.save(p, "length", FeatureRule.KIND, new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null).toJson().toString());
            Lfs.save(p, "numbers", FeatureRule.KIND, new FeatureRule("numbers", FeatureRule.Prefer.HIGHER, 1, null).toJson().toString());
            PatternRule example = new PatternRule(List.of("for example"), List.of("sorry"), false, false, false, PatternRule.Count.PRESENCE);
            Lfs.save(p, "example", example.kind(), example.toJson().toString());
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());

            // The old code computed and stored all eleven text features here, VADER included.
            assertEquals(Set.of("length", "numbers"), Columns.loadFeatures(p).columns().keySet());
            assertEquals(List.of("length", "numbers"), l.features().computedNames());
            assertFalse(l.features().computed("vader_compound"));

            FeatureTable ref = reference(p);
            assertArrayEquals(ref.a("length"), l.features().a("length"));
            assertArrayEquals(ref.b("numbers"), l.features().b("numbers"));
            // Reading another column later computes it then (and stores it beside the others).
            assertArrayEquals(ref.b("vader_compound"), l.features().b("vader_compound"));
            assertEquals(Set.of("length", "numbers", "vader_compound"), Columns.loadFeatures(p).columns().keySet());
        }
    }

    @Test
    void aColumnComputedBeforeAnImportGetsTheNewPairsWhenRead() throws Exception {
        Path file = dir.resolve("q.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            FeatureCache.ensure(p, List.of("length"), ProgressListener.NONE, Cancellation.none());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            // Another column computed over all 1,284 pairs: the stored index grows; length still covers its 898.
            FeatureCache.ensure(p, List.of("word_count"), ProgressListener.NONE, Cancellation.none());
            Columns.FeatureIndex index = Columns.loadFeatureIndex(p);
            assertEquals(1284, index.ids().length);
            assertEquals(898, index.columns().get("length").rows());
            assertEquals(1284, index.columns().get("word_count").rows());

            List<Long> totals = new ArrayList<>();
            FeatureTable t = FeatureCache.ensure(p, List.of("length"), (d, total, m) -> totals.add(total), Cancellation.none());
            assertEquals(386L, totals.get(totals.size() - 1), "only the 386 new pairs were computed");
            FeatureTable ref = reference(p);
            assertEquals(1284, t.size());
            assertArrayEquals(ref.a("length"), t.a("length"));
            assertArrayEquals(ref.b("length"), t.b("length"));
            assertEquals(1284, Columns.loadFeatureIndex(p).columns().get("length").rows());
        }
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            AtomicLong calls = new AtomicLong();
            FeatureTable t = FeatureCache.ensure(p, List.of("length", "word_count"), (d, total, m) -> calls.incrementAndGet(),
                    Cancellation.none());
            assertEquals(0, calls.get(), "both columns come from the project");
            assertTrue(t.computed("word_count"));
            assertFalse(t.computed("reading_ease"));
            assertArrayEquals(reference(p).a("word_count"), t.a("word_count"));
        }
    }

    @Test
    void repeatedAnswersGiveTheSameColumnsAsComputingEachOne() throws Exception {
        try (Project p = Project.create(dir.resolve("twice.pairlab"))) {
            // The same 898 pairs twice, and the pattern LF's votes on both copies: values reused from recent texts must be
            // bit for bit what computing each answer (and evaluating each pair) gives.
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            PatternRule example = new PatternRule(List.of("for example", "\\d+\\."), List.of("sorry"), true, false, false,
                    PatternRule.Count.OCCURRENCES);
            Lfs.save(p, "example", example.kind(), example.toJson().toString());
            Lfs.save(p, "ease", FeatureRule.KIND, new FeatureRule("reading_ease", FeatureRule.Prefer.LOWER, 5, null).toJson().toString());
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            FeatureTable all = FeatureCache.ensure(p, ProgressListener.NONE, Cancellation.none());
            FeatureTable ref = reference(p);
            assertEquals(1796, ref.size());
            for (String f : ref.names()) {
                assertArrayEquals(ref.a(f), all.a(f), f);
                assertArrayEquals(ref.b(f), all.b(f), f);
            }
            assertArrayEquals(ref.a("reading_ease"), l.features().a("reading_ease"));
            PatternRule.Compiled c = example.compile();
            List<Pair> pairs = ProjectFixture.all(p);
            byte[] votes = l.matrix().column(0);
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(c.vote(pairs.get(i).answerA(), pairs.get(i).answerB()), votes[i], "pair " + pairs.get(i).id());
            }
        }
    }

    @Test
    void cancellingTheLfPassStopsItsReaderAndStoresNoColumn() throws Exception {
        try (Project p = Project.create(dir.resolve("c.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Lfs.save(p, "numbers", FeatureRule.KIND, new FeatureRule("numbers", FeatureRule.Prefer.HIGHER, 1, null).toJson().toString());
            PatternRule example = new PatternRule(List.of("for example"), List.of(), false, false, false, PatternRule.Count.PRESENCE);
            Lfs.save(p, "example", example.kind(), example.toJson().toString());
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Cancellation cancel = new Cancellation();
            // Cancelled after the first chunk of 1,024 pairs (of 898 + 898): the pass ends, and nothing half-done is stored.
            org.junit.jupiter.api.Assertions.assertThrows(dev.pairlab.task.CancelledException.class,
                    () -> ProjectLabeling.label(p, false, (done, total, message) -> cancel.cancel(), cancel));
            assertEquals(0, Columns.loadFeatureIndex(p).columns().size());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("pairlab-read-pairs") && t.isAlive()),
                    "the reading thread has ended");
            // And a later pass is whole.
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            assertArrayEquals(reference(p).a("numbers"), l.features().a("numbers"));
        }
    }

    @Test
    void aReadOnlyProjectComputesColumnsWithoutStoringThem() throws Exception {
        Path file = dir.resolve("r.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
        }
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            FeatureTable t = FeatureCache.open(p);
            assertArrayEquals(reference(p).a("sentence_count"), t.a("sentence_count"));
            assertEquals(0, Columns.loadFeatureIndex(p).ids().length);
        }
    }

    @Test
    void derivedTablesComputeOnlyWhatIsRead() throws Exception {
        try (Project p = Project.create(dir.resolve("s.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            FeatureTable t = FeatureCache.open(p);
            FeatureTable some = t.rows(new int[] {5, 2, 7});
            FeatureTable swapped = t.swapped();
            FeatureTable ref = reference(p);
            assertEquals(ref.a("urls")[2], some.a("urls")[1]);
            assertArrayEquals(ref.b("list_items"), swapped.a("list_items"));
            assertArrayEquals(ref.a("list_items"), swapped.b("list_items"));
            assertEquals(List.of("list_items", "urls"), t.computedNames());
            assertEquals(Set.of("list_items", "urls"), Columns.loadFeatures(p).columns().keySet());
        }
    }

    @Test
    void embeddingColumnsAreReadWhenFirstReadNotWhenTheTableOpens() throws Exception {
        try (Project p = Project.create(dir.resolve("e.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            long[] ids = dev.pairlab.store.Pairs.ids(p, dev.pairlab.store.Pairs.allSplits());
            // Three pairs get embeddings (4-dimensional int8 vectors), the others none.
            List<dev.pairlab.store.Embeddings.Row> rows = List.of(
                    new dev.pairlab.store.Embeddings.Row(ids[0], new byte[] {127, 0, 0, 0}, new byte[] {127, 0, 0, 0}, new byte[] {0, 127, 0, 0}),
                    new dev.pairlab.store.Embeddings.Row(ids[5], new byte[] {0, 0, 127, 0}, new byte[] {90, 0, 90, 0}, new byte[] {0, 0, 127, 0}),
                    new dev.pairlab.store.Embeddings.Row(ids[9], new byte[] {0, 0, 0, 127}, new byte[] {0, 0, 0, -127}, new byte[] {0, 0, 0, 127}));
            dev.pairlab.store.Embeddings.save(p, "test-model", rows);
            Lfs.save(p, "length", FeatureRule.KIND, new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null).toJson().toString());

            FeatureTable opened = FeatureCache.open(p);
            assertTrue(opened.names().containsAll(EmbeddingFeatures.NAMES), "a project with embeddings names their features");
            // The old code read every stored embedding here, whatever was asked later.
            assertFalse(opened.computed(EmbeddingFeatures.RELEVANCE));
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            assertFalse(l.features().computed(EmbeddingFeatures.RELEVANCE), "a length LF reads no embedding");
            assertFalse(l.features().computed(EmbeddingFeatures.SIMILARITY));

            float[] relevanceA = l.features().a(EmbeddingFeatures.RELEVANCE);
            float[] relevanceB = l.features().b(EmbeddingFeatures.RELEVANCE);
            float[] similarity = l.features().a(EmbeddingFeatures.SIMILARITY);
            assertEquals(1.0f, relevanceA[0], 1e-6);
            assertEquals(0.0f, relevanceB[0], 1e-6);
            assertEquals(0.0f, similarity[0], 1e-6);
            assertEquals((float) Math.sqrt(0.5), relevanceA[5], 1e-6);
            assertEquals(1.0f, relevanceB[5], 1e-6);
            assertEquals(-1.0f, relevanceA[9], 1e-6);
            assertEquals(-1.0f, similarity[9], 1e-6);
            assertArrayEquals(similarity, l.features().b(EmbeddingFeatures.SIMILARITY), "one value for both answers");
            assertTrue(Float.isNaN(relevanceA[1]) && Float.isNaN(similarity[2]), "no embeddings: NaN");
            // A feature rule on an embedding feature reads the column in the pass that applies it.
            Lfs.save(p, "on_topic", FeatureRule.KIND, new FeatureRule(EmbeddingFeatures.RELEVANCE, FeatureRule.Prefer.HIGHER, 0.1, null)
                    .toJson().toString());
            ProjectLabeling.Labeled again = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            int column = again.matrix().names().indexOf("on_topic");
            assertEquals(dev.pairlab.lf.Votes.A, again.matrix().column(column)[0]);
            assertEquals(dev.pairlab.lf.Votes.B, again.matrix().column(column)[9]);
            assertEquals(dev.pairlab.lf.Votes.ABSTAIN, again.matrix().column(column)[1]);
        }
    }
}
