package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pairlab.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny random BERT checkpoint, written by the test, loads, trains, saves and reloads. */
class TransformerRewardModelTest {

    @TempDir
    Path dir;

    @Test
    void aTinyCheckpointTrainsOnAToyTaskAndReloadsWithIdenticalScores() throws Exception {
        Path ckpt = RandomCheckpoint.write(dir.resolve("tiny-bert"), 16, 2, 2, 32, 7);
        RewardConfig c = RewardConfig.transformer(ckpt.toString()).withEpochs(4).withBatch(8, 1, 3e-3, 5).withSchedule(0, 0, 0)
                .withDevice("cpu").withMaxLength(48);
        List<TrainPair> train = FeatureRewardModelTest.toy(240, 11);
        List<TrainPair> test = FeatureRewardModelTest.toy(60, 12);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.json"), c.toJson().toString());
        List<Double> losses = new ArrayList<>();
        double[] scores;
        try (RewardNet net = RewardTraining.build(c, Device.cpu())) {
            assertTrue(net.toString().startsWith("bert encoder (2 layers × 16, 2 heads"), net.toString());
            Trainer.Evaluation before = Trainer.evaluate(net, test, 16);
            Trainer.Result r = new Trainer(net, c, run).train(train, test, List.of(), e -> losses.add(e.loss()), Cancellation.none());
            double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first * 0.7, "loss " + first + " -> " + last);
            assertTrue(r.eval().accuracy() > 0.85 && r.eval().accuracy() > before.accuracy(),
                    "accuracy " + before.accuracy() + " -> " + r.eval().accuracy());
            scores = Trainer.scorePairs(net, test, 16);
        }
        try (RewardNet again = RewardTraining.load(run, "cpu")) {
            assertArrayEquals(scores, Trainer.scorePairs(again, test, 16), 1e-6);
        }
    }

    @Test
    void aFrozenMiniLmTrainsOnlyItsHeadAndReloads() throws Exception {
        dev.pairlab.TestData.models();
        RewardConfig c = RewardConfig.frozen("minilm").withEpochs(10).withBatch(16, 1, 1e-2, 5).withSchedule(0, 0, 0).withDevice("cpu");
        List<TrainPair> train = FeatureRewardModelTest.toy(240, 21);
        List<TrainPair> test = FeatureRewardModelTest.toy(60, 22);
        Path run = dir.resolve("frozen-run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.json"), c.toJson().toString());
        double[] scores;
        try (RewardNet net = RewardTraining.build(c, Device.cpu())) {
            assertEquals(java.util.Set.of("head.weight", "head.bias"), net.parameters().keySet(), "only the head is trained");
            assertEquals("frozen", net.kind());
            Trainer.Result r = new Trainer(net, c, run).train(train, test, List.of(), e -> { }, Cancellation.none());
            assertTrue(r.eval().accuracy() > 0.85, "accuracy " + r.eval().accuracy());
            scores = Trainer.scorePairs(net, test, 16);
        }
        assertTrue(Files.size(run.resolve("model.params")) < 20_000, "the encoder is not saved with the model: "
                + Files.size(run.resolve("model.params")) + " bytes");
        try (RewardNet again = RewardTraining.load(run, "cpu")) {
            assertArrayEquals(scores, Trainer.scorePairs(again, test, 16), 1e-5);
        }
    }

    @Test
    void aFolderThatIsNotACheckpointSaysWhatIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        RewardConfig c = RewardConfig.transformer(dir.resolve("empty").toString());
        IOException e = assertThrows(IOException.class, () -> RewardTraining.build(c, Device.cpu()));
        assertTrue(e.getMessage().contains("has no config.json"), e.getMessage());
    }

    @Test
    void safetensorsHalfPrecisionIsDecoded() {
        assertEquals(1.0f, Safetensors.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, Safetensors.halfToFloat((short) 0xC000));
        assertEquals(0.5f, Safetensors.halfToFloat((short) 0x3800));
        assertEquals(65504f, Safetensors.halfToFloat((short) 0x7BFF));
    }
}
