package dev.pairlab.reward;

import dev.pairlab.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Training and scoring throughput of a reward model on given pairs, in pairs per second. */
public final class RewardBenchmark {

    public record Result(String kind, String device, int pairs, int batch, long steps, double trainPairsPerS, double scorePairsPerS,
                         long parameters) {
    }

    private RewardBenchmark() {
    }

    public static Result run(RewardConfig config, List<TrainPair> pairs, int steps) throws IOException {
        Path dir = Files.createTempDirectory("pairlab-bench-rm");
        try {
            Devices.Choice device = Devices.choose(config.device());
            int perStep = config.batchSize() * config.gradAccum();
            List<TrainPair> train = new ArrayList<>(pairs.subList(0, Math.min(pairs.size(), perStep * steps)));
            RewardConfig c = config.withEpochs(1).withSchedule(0, 0, 0);
            try (RewardNet net = RewardTraining.build(c, device.device())) {
                if (net instanceof FeatureRewardNet f) {
                    List<String> answers = new ArrayList<>();
                    train.forEach(p -> {
                        answers.add(p.a());
                        answers.add(p.b());
                    });
                    f.fitNormalization(answers);
                    // Warm the text encoding cache and the JIT, as a second epoch would be.
                    Trainer.scorePairs(net, train, config.batchSize() * 2);
                }
                long[] seen = {0};
                long t0 = System.nanoTime();
                Trainer.Result r = new Trainer(net, c, dir).train(train, List.of(), List.of(), new Trainer.Listener() {
                    @Override
                    public void onEvent(Trainer.Event e) {
                        seen[0] = e.step();
                    }
                }, Cancellation.none());
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                Trainer.scorePairs(net, train, 32);
                double scoreSeconds = (System.nanoTime() - t1) / 1e9;
                return new Result(config.kind().key(), device.description(), train.size(), config.batchSize(), r.steps(),
                        train.size() / trainSeconds, train.size() / scoreSeconds, net.parameterCount());
            }
        } finally {
            Trainer.deleteTree(dir);
        }
    }
}
