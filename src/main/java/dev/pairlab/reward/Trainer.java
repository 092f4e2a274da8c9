package dev.pairlab.reward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a reward model with the pairwise loss of the paper,
 * ℓ = −log σ(r_A − r_B) + β·½(r_A² + r_B²) when A is preferred, and with soft labels p = P(A ≻ B)
 * the mixture p·ℓ(A≻B) + (1 − p)·ℓ(B≻A). AdamW, linear warm-up then linear decay, clipping of the
 * global gradient norm, gradient accumulation, evaluation every N steps (pairwise accuracy, mean
 * margin, loss on the test split: the curves), a checkpoint every N steps and at the end, resume from
 * the last checkpoint, early stop on the loss of a separate dev split (never on the test split, which
 * would select the model on the data it is scored on), and cancel at a step boundary that leaves a
 * valid checkpoint.
 *
 * <p>With a learned length term (decision 0015) the trained reward is r = q + g(len): the pairwise
 * loss is on r, the ½β penalty on q and g separately (q stays centred and comparable with an
 * uncontrolled model's reward; r = (q + c) + (g − c) cannot drift), plus λ·corr(q, ℓ)² over each
 * micro-batch's answers when it has at least {@link #MIN_DECORRELATION_PAIRS} pairs. The test-split
 * curves and the result are q's; the dev loss for early stopping is r's (what is being fitted).
 */
public final class Trainer {

    /** One optimizer step (eval fields are NaN except at evaluation steps). */
    public record Event(long step, long totalSteps, int epoch, double loss, double accuracy, double examplesPerS, double lr,
                        double evalAccuracy, double evalMargin, double evalLoss, long millis) {
    }

    public interface Listener {
        void onEvent(Event event);

        default void onMessage(String message) {
        }
    }

    /** Pairwise accuracy (reward of the preferred answer higher), mean margin, and mean loss. */
    /** @param byLength the accuracy where the longer / the shorter answer is preferred (null when there are no pairs) */
    public record Evaluation(int pairs, double accuracy, double margin, double loss, dev.pairlab.analysis.LengthSplit byLength) {

        /** The 95 % Wilson interval of the plain accuracy. */
        public dev.pairlab.analysis.Intervals.Interval interval() {
            return dev.pairlab.analysis.Intervals.wilson(Math.round(accuracy * pairs), pairs);
        }

        /**
         * The accuracy as every front end shows it: with its interval, the length-balanced accuracy and "longer wins"
         * on the same pairs, so a model that only learned length cannot look good.
         */
        public String summary() {
            dev.pairlab.analysis.Intervals.Interval ci = interval();
            return String.format(java.util.Locale.ROOT, "accuracy %.3f [%.3f, %.3f], length-balanced %.3f, 'longer wins' %.3f",
                    accuracy, ci.low(), ci.high(), byLength == null ? Double.NaN : byLength.balancedAccuracy(),
                    byLength == null ? Double.NaN : byLength.longerWinsBaseline());
        }
    }

    public enum State { DONE, STOPPED_EARLY, CANCELLED }

    public record Result(State state, long steps, Evaluation eval, long millis, double pairsPerS) {
    }

    /**
     * Without a checkpoint interval in steps, a checkpoint is written at each evaluation and at least this
     * often: a run whose process is killed (the window closed, the machine off) resumes from it, not from
     * step 1.
     */
    public static final int CHECKPOINT_SECONDS = 120;

    /** Below this many pairs a micro-batch's correlation is too noisy to penalize (two answers: always ±1). */
    static final int MIN_DECORRELATION_PAIRS = 4;

    private final RewardNet net;
    private final RewardConfig config;
    private final Path runDir;

    public Trainer(RewardNet net, RewardConfig config, Path runDir) {
        this.net = net;
        this.config = config;
        this.runDir = runDir;
    }

    public static Path checkpointDir(Path runDir) {
        return runDir.resolve("checkpoint");
    }

    /** The step of the run's last checkpoint (what a resume continues after), or 0 when it has none. */
    public static long checkpointStep(Path runDir) throws IOException {
        Path ckpt = lastCheckpoint(runDir);
        return ckpt == null ? 0 : Json.MAPPER.readTree(ckpt.resolve("trainer.json").toFile()).path("step").asLong();
    }

    /** The folder of the run's last complete checkpoint, or null. */
    private static Path lastCheckpoint(Path runDir) {
        Path ckpt = checkpointDir(runDir);
        if (!Files.isRegularFile(ckpt.resolve("trainer.json")) && Files.isRegularFile(runDir.resolve("checkpoint.old/trainer.json"))) {
            ckpt = runDir.resolve("checkpoint.old"); // a crash between the two renames of saveCheckpoint
        }
        return Files.isRegularFile(ckpt.resolve("trainer.json")) ? ckpt : null;
    }

    /** Trains from the start, or from the run's checkpoint when there is one. */
    public Result train(List<TrainPair> train, List<TrainPair> eval, List<TrainPair> dev, Listener listener, Cancellation cancel)
            throws IOException {
        try (NoGrad off = NoGrad.enter()) {
            return trainWithoutGrad(train, eval, dev, listener, cancel);
        }
    }

    /** Autograd is off here except inside each step's GradientCollector. */
    private Result trainWithoutGrad(List<TrainPair> train, List<TrainPair> eval, List<TrainPair> dev, Listener listener, Cancellation cancel)
            throws IOException {
        if (config.patience() > 0 && dev.isEmpty()) {
            listener.onMessage("no dev split: early stopping is off (it never looks at the test split)");
        }
        if (net.hasLengthTerm() && config.lengthDecorrelation() > 0 && config.batchSize() < MIN_DECORRELATION_PAIRS) {
            listener.onMessage("length term: micro-batches of " + config.batchSize() + " pairs are too small for the decorrelation penalty"
                    + " (it needs " + MIN_DECORRELATION_PAIRS + "); it is off, and only the length term separates length from quality");
        }
        int perStep = config.batchSize() * config.gradAccum();
        long stepsPerEpoch = Math.max(1, (train.size() + perStep - 1) / perStep);
        long totalSteps = stepsPerEpoch * config.epochs();
        AdamW optimizer = new AdamW(net.parameters(), net.manager, 0.9, 0.95, 1e-12, config.weightDecay());
        long step = 0;
        int startEpoch = 0;
        long startBatch = 0;
        double bestEvalLoss = Double.POSITIVE_INFINITY;
        int badEvals = 0;
        Path ckpt = lastCheckpoint(runDir);
        if (ckpt != null) {
            JsonNode s = Json.MAPPER.readTree(ckpt.resolve("trainer.json").toFile());
            step = s.path("step").asLong();
            startEpoch = s.path("epoch").asInt();
            startBatch = s.path("batch").asLong();
            bestEvalLoss = s.path("best_eval_loss").asDouble(Double.POSITIVE_INFINITY);
            badEvals = s.path("bad_evals").asInt();
            net.loadParameters(ckpt.resolve("model.params"));
            optimizer.load(ckpt.resolve("optimizer.state"), step);
            listener.onMessage("resumed from the checkpoint at step " + step);
        }
        long start = System.nanoTime();
        long lastCheckpointNs = start;
        long pairsSeen = 0;
        Evaluation last = null;
        State state = State.DONE;
        outer:
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            int[] order = shuffled(train.size(), config.seed() + epoch);
            for (long batch = epoch == startEpoch ? startBatch : 0; batch < stepsPerEpoch; batch++) {
                if (cancel.isCancelled()) {
                    saveCheckpoint(optimizer, step, epoch, batch, bestEvalLoss, badEvals);
                    state = State.CANCELLED;
                    break outer;
                }
                long t0 = System.nanoTime();
                double lossSum = 0;
                int right = 0;
                int count = 0;
                for (int micro = 0; micro < config.gradAccum(); micro++) {
                    int from = (int) (batch * perStep + (long) micro * config.batchSize());
                    if (from >= order.length) {
                        break;
                    }
                    List<TrainPair> mb = new ArrayList<>();
                    for (int k = from; k < Math.min(order.length, from + config.batchSize()); k++) {
                        mb.add(train.get(order[k]));
                    }
                    try (NDManager scope = net.manager.newSubManager();
                         GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        LossOut out = loss(scope, mb);
                        gc.backward(out.loss.div(config.gradAccum()));
                        lossSum += out.loss.getFloat() * mb.size();
                        right += out.right;
                        count += mb.size();
                    }
                }
                double norm = AdamW.gradientNorm(net.parameters());
                double scale = norm > config.maxGradNorm() ? config.maxGradNorm() / (norm + 1e-6) : 1.0;
                double lr = learningRate(step, totalSteps);
                if (Double.isFinite(norm)) {
                    double lengthLr = LengthTerm.LEARNING_RATE * lr / config.lr(); // the run's schedule, g's own height
                    optimizer.step(net.parameters(), name -> name.equals(LengthTerm.PARAM) ? lengthLr : lr, scale);
                } else {
                    AdamW.zeroGradients(net.parameters());
                    listener.onMessage("step " + (step + 1) + ": gradient is not finite; skipped");
                }
                step++;
                pairsSeen += count;
                double seconds = (System.nanoTime() - t0) / 1e9;
                Evaluation ev = null;
                boolean endOfTraining = epoch == config.epochs() - 1 && batch == stepsPerEpoch - 1;
                if ((config.evalEvery() > 0 && step % config.evalEvery() == 0) || endOfTraining) {
                    ev = evaluate(net, eval, Math.max(8, config.batchSize()));
                    last = ev;
                }
                listener.onEvent(new Event(step, totalSteps, epoch, count == 0 ? Double.NaN : lossSum / count,
                        count == 0 ? Double.NaN : (double) right / count, count / Math.max(seconds, 1e-9), lr,
                        ev == null ? Double.NaN : ev.accuracy(), ev == null ? Double.NaN : ev.margin(), ev == null ? Double.NaN : ev.loss(),
                        (System.nanoTime() - start) / 1_000_000));
                boolean checkpoint = config.checkpointEvery() > 0 ? step % config.checkpointEvery() == 0
                        : ev != null || System.nanoTime() - lastCheckpointNs >= CHECKPOINT_SECONDS * 1_000_000_000L;
                if (checkpoint && !endOfTraining) {
                    saveCheckpoint(optimizer, step, epoch, batch + 1, bestEvalLoss, badEvals);
                    lastCheckpointNs = System.nanoTime();
                }
                if (ev != null && !dev.isEmpty() && config.patience() > 0 && !endOfTraining) {
                    Evaluation devEval = evaluate(net, dev, Math.max(8, config.batchSize()), true);
                    if (devEval.loss() < bestEvalLoss - 1e-4) {
                        bestEvalLoss = devEval.loss();
                        badEvals = 0;
                    } else if (++badEvals >= config.patience()) {
                        listener.onMessage("stopping early: the dev loss has not improved for " + badEvals + " evaluations");
                        state = State.STOPPED_EARLY;
                        saveCheckpoint(optimizer, step, epoch, batch + 1, bestEvalLoss, badEvals);
                        break outer;
                    }
                }
            }
        }
        if (state == State.DONE) {
            saveCheckpoint(optimizer, step, config.epochs(), 0, bestEvalLoss, badEvals);
        }
        if (state != State.CANCELLED && last == null) {
            last = evaluate(net, eval, Math.max(8, config.batchSize()));
        }
        net.saveParameters(runDir.resolve("model.params"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(state, step, last, millis, pairsSeen / Math.max(1e-9, millis / 1000.0));
    }

    private record LossOut(NDArray loss, int right) {
    }

    /** The batch's mean pairwise loss, and how many pairs it ranks the right way round. */
    private LossOut loss(NDManager scope, List<TrainPair> mb) {
        int n = mb.size();
        List<String> contexts = new ArrayList<>(2 * n);
        List<String> answers = new ArrayList<>(2 * n);
        float[] pa = new float[n];
        for (int i = 0; i < n; i++) {
            contexts.add(mb.get(i).context());
            answers.add(mb.get(i).a());
            pa[i] = (float) mb.get(i).pA();
        }
        for (TrainPair p : mb) {
            contexts.add(p.context());
            answers.add(p.b());
        }
        NDArray q = net.forward(scope, contexts, answers);
        NDArray r = q;
        NDArray reg;
        NDArray decorrelation = null;
        if (net.hasLengthTerm()) {
            NDArray g = net.lengthReward(scope, answers);
            r = q.add(g);
            reg = q.square().add(g.square());
            if (config.lengthDecorrelation() > 0 && n >= MIN_DECORRELATION_PAIRS) {
                decorrelation = squaredCorrelationWithLength(scope, q, answers);
            }
        } else {
            reg = q.square();
        }
        NDArray ra = r.get("0:" + n);
        NDArray rb = r.get(n + ":" + (2 * n));
        NDArray d = ra.sub(rb);
        NDArray p = scope.create(pa, new Shape(n)).toDevice(d.getDevice(), false);
        // −log σ(d) = softplus(−d); the soft mixture with p = P(A ≻ B).
        NDArray pairLoss = p.mul(Activation.softPlus(d.neg())).add(p.neg().add(1).mul(Activation.softPlus(d)));
        // ½β(r_A² + r_B²) as a per-pair mean: the 2n answers' squares summed pairwise.
        NDArray pairReg = reg.get("0:" + n).add(reg.get(n + ":" + (2 * n))).mul((float) (config.beta() * 0.5));
        NDArray total = pairLoss.add(pairReg).mean();
        if (decorrelation != null) {
            total = total.add(decorrelation.mul((float) config.lengthDecorrelation()));
        }
        float[] dv = d.toFloatArray();
        int right = 0;
        for (int i = 0; i < n; i++) {
            if ((dv[i] > 0) == mb.get(i).aPreferred() && dv[i] != 0) {
                right++;
            }
        }
        return new LossOut(total, right);
    }

    /**
     * Pearson's correlation, squared, between q and ℓ = log(1 + chars) over the batch's answers (ODIN's
     * length decorrelation, Chen et al. 2024); 0 when the answers all have the same length.
     */
    static NDArray squaredCorrelationWithLength(NDManager scope, NDArray q, List<String> answers) {
        int m = answers.size();
        double[] l = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            l[i] = LengthTerm.logLength(answers.get(i));
            mean += l[i] / m;
        }
        float[] lc = new float[m];
        double ss = 0;
        for (int i = 0; i < m; i++) {
            lc[i] = (float) (l[i] - mean);
            ss += lc[i] * (double) lc[i];
        }
        if (ss < 1e-12) {
            return scope.zeros(new Shape()).toDevice(q.getDevice(), false);
        }
        for (int i = 0; i < m; i++) {
            lc[i] = (float) (lc[i] / Math.sqrt(ss)); // unit length: corr = Σ q̃ℓ̃ / ‖q̃‖
        }
        NDArray lArr = scope.create(lc, new Shape(m)).toDevice(q.getDevice(), false);
        NDArray qc = q.sub(q.mean());
        NDArray cov = qc.mul(lArr).sum();
        NDArray qNormSq = qc.square().sum().add(1e-8f);
        return cov.square().div(qNormSq);
    }

    /** Linear warm-up to the learning rate, then linear decay to 0 at the last step. */
    double learningRate(long step, long totalSteps) {
        if (config.warmupSteps() > 0 && step < config.warmupSteps()) {
            return config.lr() * (step + 1) / config.warmupSteps();
        }
        long decaySteps = Math.max(1, totalSteps - config.warmupSteps());
        return config.lr() * Math.max(0.0, 1.0 - (double) (step - config.warmupSteps()) / decaySteps);
    }

    /** Accuracy, margin and loss (hard labels from p ≥ 0.5) on pairs, without gradients. */
    public static Evaluation evaluate(RewardNet net, List<TrainPair> pairs, int batch) {
        return evaluate(net, pairs, batch, false);
    }

    /** As {@link #evaluate(RewardNet, List, int)}; {@code withLengthTerm}: of q + g, the reward being trained. */
    static Evaluation evaluate(RewardNet net, List<TrainPair> pairs, int batch, boolean withLengthTerm) {
        if (pairs.isEmpty()) {
            return new Evaluation(0, Double.NaN, Double.NaN, Double.NaN, null);
        }
        double[] scores = scoreWithoutGrad(net, pairs, batch, withLengthTerm && net.hasLengthTerm());
        int right = 0;
        double margin = 0;
        double loss = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double d = scores[2 * i] - scores[2 * i + 1];
            boolean aPref = pairs.get(i).aPreferred();
            double signed = aPref ? d : -d;
            if (signed > 0) {
                right++;
            }
            margin += signed;
            loss += Math.log1p(Math.exp(-signed));
        }
        int n = pairs.size();
        return new Evaluation(n, (double) right / n, margin / n, loss / n, Experiment.lengthSplit(pairs, scores));
    }

    /** Rewards [r_A, r_B] for each pair, interleaved. */
    public static double[] scorePairs(RewardNet net, List<TrainPair> pairs, int batch) {
        return scoreWithoutGrad(net, pairs, batch, false);
    }

    /** Rewards of q + g (the trained total) for a net with a length term, interleaved as {@link #scorePairs}. */
    static double[] scoreWithLengthTerm(RewardNet net, List<TrainPair> pairs, int batch) {
        return scoreWithoutGrad(net, pairs, batch, net.hasLengthTerm());
    }

    private static double[] scoreWithoutGrad(RewardNet net, List<TrainPair> pairs, int batch, boolean withLengthTerm) {
        try (NoGrad off = NoGrad.enter()) {
            return score(net, pairs, batch, withLengthTerm);
        }
    }

    private static double[] score(RewardNet net, List<TrainPair> pairs, int batch, boolean withLengthTerm) {
        double[] out = new double[2 * pairs.size()];
        for (int from = 0; from < pairs.size(); from += batch) {
            int to = Math.min(pairs.size(), from + batch);
            List<String> contexts = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (int i = from; i < to; i++) {
                contexts.add(pairs.get(i).context());
                answers.add(pairs.get(i).a());
                contexts.add(pairs.get(i).context());
                answers.add(pairs.get(i).b());
            }
            try (NDManager scope = net.manager.newSubManager()) {
                NDArray q = net.forward(scope, contexts, answers);
                float[] r = (withLengthTerm ? q.add(net.lengthReward(scope, answers)) : q).toFloatArray();
                for (int k = 0; k < r.length; k++) {
                    out[2 * from + k] = r[k];
                }
            }
        }
        return out;
    }

    private void saveCheckpoint(AdamW optimizer, long step, int epoch, long batch, double bestEvalLoss, int badEvals) throws IOException {
        Path dir = checkpointDir(runDir);
        Path tmp = runDir.resolve("checkpoint.tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        net.saveParameters(tmp.resolve("model.params"));
        optimizer.save(tmp.resolve("optimizer.state"));
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("step", step);
        s.put("epoch", epoch);
        s.put("batch", batch);
        s.put("best_eval_loss", Double.isInfinite(bestEvalLoss) ? Double.MAX_VALUE : bestEvalLoss);
        s.put("bad_evals", badEvals);
        Files.writeString(tmp.resolve("trainer.json"), s.toString());
        Path old = runDir.resolve("checkpoint.old");
        deleteTree(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
