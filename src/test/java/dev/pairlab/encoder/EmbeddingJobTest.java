package dev.pairlab.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.features.EmbeddingFeatures;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.Embeddings;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingJobTest {

    @BeforeAll
    static void models() {
        TestData.models();
    }

    /** Two pairs whose answers differ in topic, on a known prompt, then 68 real MT-Bench pairs. */
    private static Path project(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"prompt\":\"How do I bake a loaf of sourdough bread at home?\",\"chosen\":\"Mix flour, water, salt and your starter, let the"
                + " dough rise overnight, shape it and bake it in a hot Dutch oven at 230 C for 40 minutes.\",\"rejected\":\"The stock market"
                + " closed higher today as technology shares rallied after the central bank's announcement.\"}");
        lines.add("{\"prompt\":\"What is the capital of France?\",\"chosen\":\"The football match ended in a draw after extra time.\","
                + "\"rejected\":\"Paris is the capital of France.\"}");
        int n = 0;
        for (String l : Files.readAllLines(TestData.mtBenchTrain())) {
            if (!l.isBlank() && n++ < 68) {
                lines.add(l);
            }
        }
        Path dir2 = Files.createDirectories(dir.resolve("in"));
        Path a = dir2.resolve("topic.jsonl");
        Files.write(a, lines.subList(0, 2));
        Path b = dir2.resolve("mt.jsonl");
        Files.write(b, lines.subList(2, lines.size()));
        Path file = dir.resolve("p.pairlab");
        try (Project p = Project.create(file)) {
            PairImport.run(p, a, ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
            PairImport.run(p, b, ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
        }
        return file;
    }

    @Test
    void embeddingsGiveRelevanceFeaturesAndExemplarVotes(@TempDir Path dir) throws Exception {
        Path file = project(dir);
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            long[] ids = Pairs.ids(p, Pairs.allSplits());
            assertEquals(70, ids.length);
            // Cancelled after the first chunk: that chunk is kept, the rest is done by the next run. (Only the chunks'
            // progress cancels: on a machine where the model is imported from its ONNX file first, that import reports
            // progress too, and cancelling there kept no chunk.)
            Cancellation cancel = new Cancellation();
            assertThrows(CancelledException.class, () -> EmbeddingJob.run(p, EmbeddingJob.Options.defaults(),
                    (done, total, message) -> {
                        if (message.startsWith("embedding with")) {
                            cancel.cancel();
                        }
                    }, cancel));
            assertEquals(EmbeddingJob.CHUNK, Embeddings.count(p, "minilm"));
            EmbeddingJob.Result r = EmbeddingJob.run(p, EmbeddingJob.Options.defaults(), ProgressListener.NONE, Cancellation.none());
            assertEquals(70 - EmbeddingJob.CHUNK, r.pairs());
            assertEquals(3 * (70 - EmbeddingJob.CHUNK), r.texts());
            assertTrue(r.textsPerSecond() > 0);
            assertEquals(0, EmbeddingJob.run(p, EmbeddingJob.Options.defaults(), ProgressListener.NONE, Cancellation.none()).pairs());

            FeatureTable t = FeatureCache.ensure(p, ProgressListener.NONE, Cancellation.none());
            float[] relA = t.a(EmbeddingFeatures.RELEVANCE);
            float[] relB = t.b(EmbeddingFeatures.RELEVANCE);
            // Imported as chosen/rejected: the first pair's on-topic answer and the second's are where the import put them.
            Pairs.Labels labels = Pairs.labels(p, false);
            for (int row = 0; row < 2; row++) {
                boolean aOnTopic = (row == 0) == (labels.gold()[row] == 0);
                double onTopic = aOnTopic ? relA[row] : relB[row];
                double offTopic = aOnTopic ? relB[row] : relA[row];
                assertTrue(onTopic > offTopic + 0.3, "pair " + row + ": on-topic " + onTopic + " vs off-topic " + offTopic);
            }
            for (int row = 0; row < 70; row++) {
                assertTrue(relA[row] > -1.01 && relA[row] < 1.01 && t.a(EmbeddingFeatures.SIMILARITY)[row] == t.b(EmbeddingFeatures.SIMILARITY)[row]);
            }

            ExemplarRule bread = Exemplars.embed(ExemplarRule.texts("minilm", List.of("Knead the dough, let it prove, then bake the loaf."),
                    List.of("Shares fell on Wall Street."), 0.05), ProgressListener.NONE);
            // Stored with its vectors and read back the same.
            ExemplarRule back = (ExemplarRule) LfDefinition.parse(ExemplarRule.KIND, bread.toJson().toString());
            assertEquals(bread.good(), back.good());
            assertTrue(java.util.Arrays.equals(bread.goodVectors().get(0), back.goodVectors().get(0)));
            byte[] votes = LfApplier.exemplarColumn(p, back, ids);
            byte breadSide = labels.gold()[0] == 0 ? Votes.A : Votes.B;
            assertEquals(breadSide, votes[0], "votes for the bread answer");
        }
    }

    @Test
    void exemplarScoresFollowTheNearestExamples() {
        float[] x = {1, 0, 0};
        float[] y = {0, 1, 0};
        ExemplarRule r = new ExemplarRule("m", List.of("good"), List.of("bad"), List.of(x), List.of(y), 0.1);
        byte[] nearGood = Embeddings.quantize(new float[] {0.8f, 0.6f, 0});
        byte[] nearBad = Embeddings.quantize(new float[] {0.6f, 0.8f, 0});
        byte[] between = Embeddings.quantize(new float[] {0.71f, 0.70f, 0});
        assertEquals(0.2, r.score(nearGood), 0.02);
        assertEquals(-0.2, r.score(nearBad), 0.02);
        assertEquals(Votes.A, r.vote(nearGood, nearBad));
        assertEquals(Votes.B, r.vote(nearBad, nearGood));
        assertEquals(Votes.A, r.vote(nearGood, between)); // scores 0.2 and about 0.01 differ by more than the margin
        assertEquals(Votes.ABSTAIN, r.vote(between, Embeddings.quantize(new float[] {0.70f, 0.71f, 0})));
        assertEquals(Votes.ABSTAIN, r.vote(null, nearGood));
        // Outside a project (the Spark job) there are no stored embeddings: such LF sets are refused, with the reason.
        String why = dev.pairlab.labelmodel.Portable.projectOnly(List.of(new dev.pairlab.lf.NamedLf("near", 0, 1, r)));
        assertTrue(why != null && why.contains("exemplar LF"), why);
        assertTrue(dev.pairlab.labelmodel.Portable.projectOnly(List.of(new dev.pairlab.lf.NamedLf("rel", 0, 1,
                new dev.pairlab.lf.FeatureRule("relevance", dev.pairlab.lf.FeatureRule.Prefer.HIGHER, 0, null)))).contains("relevance"));
    }
}
