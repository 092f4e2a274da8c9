package dev.pairlab.reward;

import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user chooses for a reward-model training run ({@code rm train} and the training screen):
 * the kind, the training set, the weak labels, the length term, and the hyperparameters they want
 * other than the kind's defaults (null: the kind's, see {@link RewardConfig#of}). {@link #config()}
 * turns it into the run's full, saved {@link RewardConfig}.
 *
 * @param base      transformer and frozen: minilm or a local Hugging Face checkpoint folder
 * @param model     gold+weak and soft: the label-model run whose weak labels are used (0: the latest)
 * @param threshold gold+weak and soft: the confidence a pool pair's weak label must reach
 * @param batch     pairs per micro-batch; {@code gradAccum} micro-batches per optimizer step
 * @param lengthDecorrelation with a learned length term, the weight of the decorrelation penalty (null: the default)
 */
public record TrainParams(RewardConfig.Kind kind, String base, RewardConfig.Data data, long model, double threshold,
                          Integer epochs, Integer batch, Integer gradAccum, Double lr, Integer warmup, Integer maxLength, Long seed,
                          Integer evalEvery, Integer checkpointEvery, Integer patience, String device, RewardConfig.Length lengthTerm,
                          Double lengthDecorrelation) implements Parameters {

    public static final String DEFAULT_KIND = "features";
    public static final String DEFAULT_DATA = "gold";
    public static final String DEFAULT_MODEL = "0";
    public static final String DEFAULT_THRESHOLD = "0";
    public static final String DEFAULT_DEVICE = "auto";
    public static final String DEFAULT_LENGTH_TERM = "none";
    public static final String DEFAULT_BASE = "minilm";
    /** The devices a run may ask for. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    public static final String DESC_KIND = "features, transformer (a pretrained encoder fine-tuned) or frozen (the encoder fixed,"
            + " a linear head trained)";
    public static final String DESC_BASE = "Transformer and frozen: minilm (all-MiniLM-L6-v2, shipped, imported on first use) or a"
            + " local Hugging Face checkpoint folder.";
    public static final String DESC_DATA = "gold, gold+weak or soft";
    public static final String DESC_MODEL = "gold+weak and soft: the label-model run whose weak labels to use (default: the latest;"
            + " the run's record names the one taken).";
    public static final String DESC_THRESHOLD = "gold+weak and soft: keep pool pairs whose confidence is at least this, as export weak"
            + " does";
    public static final String DESC_THRESHOLD_NOTE = "all; ties are decided as the label-model run decides them";
    public static final String DESC_EPOCHS = "Epochs.";
    public static final String DESC_BATCH = "Pairs per micro-batch.";
    public static final String DESC_GRAD_ACCUM = "Micro-batches per optimizer step.";
    public static final String DESC_LR = "Peak learning rate.";
    public static final String DESC_WARMUP = "Warm-up steps.";
    public static final String DESC_MAX_LENGTH = "Tokens per answer.";
    public static final String DESC_SEED = "Seed.";
    public static final String DESC_EVAL_EVERY = "Steps between evaluations.";
    public static final String DESC_CHECKPOINT_EVERY = "Steps between checkpoints (default: at each evaluation and at least every "
            + Trainer.CHECKPOINT_SECONDS + " s; a cancelled or killed run resumes from the last).";
    public static final String DESC_PATIENCE = "Evaluations without improvement before stopping early (0: never).";
    public static final String DESC_DEVICE = "auto, cpu or gpu (falls back to the CPU with a message).";
    public static final String DESC_LENGTH_TERM = "learned: train the reward as quality + a learned function of the answer's length"
            + " (log characters); evaluation, scoring and the saved model use the quality part only";
    public static final String DESC_LENGTH_DECORRELATION = "With a learned length term: weight of corr(quality, log length)² per"
            + " micro-batch (default " + RewardConfig.DEFAULT_DECORRELATION + "; 0: off; needs micro-batches of 4 or more pairs).";

    /** The defaults: a text-feature model on the gold labels. */
    public static TrainParams defaults() {
        return of(RewardConfig.Kind.parse(DEFAULT_KIND), null, RewardConfig.Data.parse(DEFAULT_DATA));
    }

    /** A kind on a training set with every other choice at its default. */
    public static TrainParams of(RewardConfig.Kind kind, String base, RewardConfig.Data data) {
        return new TrainParams(kind, base, data, Long.parseLong(DEFAULT_MODEL), Double.parseDouble(DEFAULT_THRESHOLD), null, null, null,
                null, null, null, null, null, null, null, DEFAULT_DEVICE, RewardConfig.Length.parse(DEFAULT_LENGTH_TERM), null);
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(Problem.of("kind", "choose the reward model kind: features, transformer or frozen"));
        } else if (kind.encoder() && (base == null || base.isBlank())) {
            problems.add(Problem.of("base", "a " + kind.key() + " reward model needs a base model: minilm or a checkpoint folder"));
        }
        if (data == null) {
            problems.add(Problem.of("data", "choose the training data: gold, gold+weak or soft"));
        } else if (!data.weak() && (model != 0 || threshold != 0)) {
            problems.add(Problem.of("", "a label-model run and a confidence threshold choose weak labels; they need the gold+weak or"
                    + " soft training data"));
        }
        if (model < 0) {
            problems.add(Problem.of("model", "the label-model run must be a run id, or 0 for the latest (got " + model + ")"));
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            problems.add(Problem.of("threshold", "the weak labels' confidence threshold must be between 0 and 1, got " + threshold));
        }
        atLeast(problems, "epochs", "the number of epochs", epochs, 1);
        atLeast(problems, "batch", "the pairs per micro-batch", batch, 1);
        atLeast(problems, "gradAccum", "the micro-batches per step", gradAccum, 1);
        atLeast(problems, "maxLength", "the tokens per answer", maxLength, 4);
        atLeast(problems, "warmup", "the warm-up steps", warmup, 0);
        atLeast(problems, "evalEvery", "the steps between evaluations", evalEvery, 0);
        atLeast(problems, "checkpointEvery", "the steps between checkpoints", checkpointEvery, 0);
        atLeast(problems, "patience", "the patience", patience, 0);
        if (lr != null && !(lr > 0)) {
            problems.add(Problem.of("lr", "the learning rate must be positive (got " + lr + ")"));
        }
        if (device == null || !DEVICES.contains(device)) {
            problems.add(Problem.of("device", "the device must be auto, cpu or gpu, not '" + device + "'"));
        }
        if (lengthDecorrelation != null) {
            if (lengthTerm != RewardConfig.Length.LEARNED) {
                problems.add(Problem.of("lengthDecorrelation", "the length decorrelation weight needs a learned length term"));
            } else if (!(lengthDecorrelation >= 0)) {
                problems.add(Problem.of("lengthDecorrelation", "the length decorrelation weight must be 0 or more, not " + lengthDecorrelation));
            }
        }
        return problems;
    }

    private static void atLeast(List<Problem> problems, String field, String what, Integer v, int min) {
        if (v != null && v < min) {
            problems.add(Problem.of(field, what + " must be at least " + min + " (got " + v + ")"));
        }
    }

    /** The run's full settings: the kind's defaults with these choices (call {@link #requireValid()} first). */
    public RewardConfig config() {
        RewardConfig c = RewardConfig.of(kind, base).withData(data).withDevice(device).withWeakLabels(model, threshold);
        if (epochs != null) {
            c = c.withEpochs(epochs);
        }
        if (batch != null || gradAccum != null || lr != null || warmup != null) {
            c = c.withBatch(batch != null ? batch : c.batchSize(), gradAccum != null ? gradAccum : c.gradAccum(), lr != null ? lr : c.lr(),
                    warmup != null ? warmup : c.warmupSteps());
        }
        if (maxLength != null) {
            c = c.withMaxLength(maxLength);
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (evalEvery != null || checkpointEvery != null || patience != null) {
            c = c.withSchedule(evalEvery != null ? evalEvery : c.evalEvery(), checkpointEvery != null ? checkpointEvery : c.checkpointEvery(),
                    patience != null ? patience : c.patience());
        }
        return c.withLengthTerm(lengthTerm, lengthDecorrelation != null ? lengthDecorrelation : -1);
    }

    /** The same choices with these hyperparameters (null: the kind's default), as a form sets them. */
    public TrainParams withSchedule(Integer epochs, Integer batch, Integer gradAccum, Double lr, Integer evalEvery) {
        return new TrainParams(kind, base, data, model, threshold, epochs, batch, gradAccum, lr, warmup, maxLength, seed, evalEvery,
                checkpointEvery, patience, device, lengthTerm, lengthDecorrelation);
    }

    public TrainParams withDevice(String d) {
        return new TrainParams(kind, base, data, model, threshold, epochs, batch, gradAccum, lr, warmup, maxLength, seed, evalEvery,
                checkpointEvery, patience, d, lengthTerm, lengthDecorrelation);
    }

    public TrainParams withLengthTerm(RewardConfig.Length term) {
        return new TrainParams(kind, base, data, model, threshold, epochs, batch, gradAccum, lr, warmup, maxLength, seed, evalEvery,
                checkpointEvery, patience, device, term, lengthDecorrelation);
    }
}
