package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRewardModelTest {

    @TempDir
    Path dir;

    /** A toy task: the answer that mentions "thanks" is preferred; the rest is noise. */
    static List<TrainPair> toy(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] words = {"apple", "river", "stone", "cloud", "green", "music", "table", "light", "paper", "ocean"};
        List<TrainPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder good = new StringBuilder("thanks ");
            StringBuilder bad = new StringBuilder();
            for (int k = 0; k < 8; k++) {
                good.append(words[r.nextInt(words.length)]).append(' ');
                bad.append(words[r.nextInt(words.length)]).append(' ');
            }
            boolean aGood = r.nextBoolean();
            out.add(new TrainPair(i + 1, "question " + i, aGood ? good.toString() : bad.toString(), aGood ? bad.toString() : good.toString(),
                    aGood ? 1 : 0, false));
        }
        return out;
    }

    @Test
    void theLossFallsOnALearnableTaskAndTheModelReloadsWithIdenticalScores() throws Exception {
        RewardConfig c = RewardConfig.features().withEpochs(3).withSchedule(10, 0, 0).withDevice("cpu");
        List<TrainPair> train = toy(400, 1);
        List<TrainPair> test = toy(100, 2);
        List<Double> losses = new ArrayList<>();
        double[] before;
        try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
            net.fitNormalization(train.stream().flatMap(p -> java.util.stream.Stream.of(p.a(), p.b())).toList());
            Trainer.Result r = new Trainer(net, c, dir).train(train, test, List.of(), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    losses.add(e.loss());
                }
            }, Cancellation.none());
            assertEquals(Trainer.State.DONE, r.state());
            assertEquals(3 * 13, r.steps());
            assertTrue(r.eval().accuracy() > 0.95, "test accuracy " + r.eval().accuracy());
            double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
            before = Trainer.scorePairs(net, test, 16);
        }
        Files.writeString(dir.resolve("config.json"), c.toJson().toString());
        try (RewardNet again = RewardTraining.load(dir, "cpu")) {
            assertArrayEquals(before, Trainer.scorePairs(again, test, 16), 0.0);
        }
    }

    @Test
    void softLabelsTrainTowardTheGivenProbability() throws Exception {
        RewardConfig c = RewardConfig.features().withEpochs(4).withSchedule(0, 0, 0).withDevice("cpu");
        List<TrainPair> soft = new ArrayList<>();
        for (TrainPair p : toy(300, 5)) {
            soft.add(new TrainPair(p.id(), p.context(), p.a(), p.b(), p.pA() > 0.5 ? 0.8 : 0.2, true));
        }
        try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
            net.fitNormalization(soft.stream().flatMap(p -> java.util.stream.Stream.of(p.a(), p.b())).toList());
            new Trainer(net, c, dir).train(soft, List.of(), List.of(), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                }
            }, Cancellation.none());
            double[] s = Trainer.scorePairs(net, toy(200, 6), 32);
            double meanAbsMargin = 0;
            for (int i = 0; i < 200; i++) {
                meanAbsMargin += Math.abs(s[2 * i] - s[2 * i + 1]) / 200;
            }
            // With p = 0.8 the loss is minimal at a margin of log(0.8/0.2) ≈ 1.39, not at infinity.
            assertTrue(meanAbsMargin > 0.5 && meanAbsMargin < 2.5, "mean |margin| " + meanAbsMargin);
        }
    }

    @Test
    void mtBenchTrainBeatsSixtyPercentOnTheEvaluationSet() throws Exception {
        try (Project p = Project.create(dir.resolve("mt.pairlab"))) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            RewardTraining.Outcome o = RewardTraining.train(p, RewardConfig.features().withDevice("cpu"), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                }
            }, ProgressListener.NONE, Cancellation.none());
            assertEquals(TrainingRuns.State.DONE, o.run().state());
            assertEquals(898, o.trainPairs());
            assertEquals(386, o.evalPairs());
            // Measured 0.82 (length alone: 0.69); MT-Bench's splits share 98% of their answers verbatim.
            assertTrue(o.result().eval().accuracy() > 0.60, "accuracy " + o.result().eval().accuracy());
            assertTrue(Files.isRegularFile(o.run().dir().resolve("model.params")));
            assertTrue(Files.readAllLines(o.run().dir().resolve("events.jsonl")).size() >= o.result().steps());
        }
    }

    @Test
    void aCancelledRunLeavesACheckpointAndResumesToTheSameEnd() throws Exception {
        RewardConfig c = RewardConfig.features().withEpochs(2).withSchedule(0, 0, 0).withDevice("cpu");
        List<TrainPair> train = toy(320, 3);
        List<TrainPair> test = toy(64, 4);
        Path full = dir.resolve("full");
        Path split = dir.resolve("split");
        Files.createDirectories(full);
        Files.createDirectories(split);
        Trainer.Result uninterrupted;
        try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
            net.fitNormalization(List.of("a"));
            uninterrupted = new Trainer(net, c, full).train(train, test, List.of(), e -> { }, Cancellation.none());
        }
        Cancellation cancel = new Cancellation();
        try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
            net.fitNormalization(List.of("a"));
            Trainer.Result r = new Trainer(net, c, split).train(train, test, List.of(), e -> {
                if (e.step() == 7) {
                    cancel.cancel();
                }
            }, cancel);
            assertEquals(Trainer.State.CANCELLED, r.state());
            assertEquals(7, r.steps());
            assertNotNull(Files.readString(split.resolve("checkpoint/trainer.json")));
        }
        try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
            net.fitNormalization(List.of("b")); // overwritten by the checkpoint
            List<Long> steps = new ArrayList<>();
            Trainer.Result r = new Trainer(net, c, split).train(train, test, List.of(), e -> steps.add(e.step()), Cancellation.none());
            assertEquals(Trainer.State.DONE, r.state());
            assertEquals(8L, steps.get(0), "resumed after step 7");
            assertEquals(uninterrupted.steps(), r.steps());
            assertEquals(uninterrupted.eval().loss(), r.eval().loss(), 1e-4);
            assertEquals(uninterrupted.eval().accuracy(), r.eval().accuracy(), 1e-9);
        }
    }

    @Test
    void trainingWorksOnAFreshThreadWhereAutogradIsOnByDefault() throws Exception {
        Throwable[] failure = new Throwable[1];
        double[] accuracy = new double[1];
        Thread t = new Thread(() -> {
            try {
                Devices.engine();
                ai.djl.pytorch.jni.JniUtils.setGradMode(true); // PyTorch's default on a new thread
                RewardConfig c = RewardConfig.features().withEpochs(2).withSchedule(0, 0, 0).withDevice("cpu");
                try (FeatureRewardNet net = new FeatureRewardNet(c, Device.cpu())) {
                    net.fitNormalization(List.of("a"));
                    accuracy[0] = new Trainer(net, c, dir).train(toy(200, 8), toy(50, 9), List.of(), e -> { }, Cancellation.none()).eval().accuracy();
                }
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        assertEquals(null, failure[0]);
        assertTrue(accuracy[0] > 0.8, "accuracy " + accuracy[0]);
    }

    @Test
    void askingForAGpuWithoutOneFallsBackToTheCpuWithAReason() {
        Devices.Choice none = Devices.choose("gpu", 0);
        assertEquals(Device.cpu(), none.device());
        assertTrue(none.fallbackReason().contains("0 CUDA devices"), none.fallbackReason());
        assertTrue(none.fallbackReason().contains("training on the CPU"), none.fallbackReason());
        Devices.Choice real = Devices.choose("gpu");
        assertEquals(Device.cpu(), real.device(), "this machine has no GPU");
        assertTrue(real.fallbackReason().contains("-Pgpu"), "the CPU build says how to get CUDA: " + real.fallbackReason());
        assertEquals(null, Devices.choose("auto", 0).fallbackReason(), "auto picks the CPU quietly");
        Devices.Choice withGpu = Devices.choose("auto", 2);
        assertEquals(Device.gpu(), withGpu.device());
    }
}
