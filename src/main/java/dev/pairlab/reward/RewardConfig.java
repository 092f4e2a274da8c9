package dev.pairlab.reward;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Choices;

/**
 * A reward-model training run's settings: one record for the CLI options, the GUI form and the
 * saved run. Defaults are the paper's where they apply (β = 0.001, gradient clipping 2.0, no weight
 * decay, Adam β = (0.9, 0.95), ε = 1e-12; a transformer at lr 8e-6 for 2 epochs with 50 warm-up
 * steps) and what works for the small text-feature model otherwise.
 *
 * @param kind       features, transformer (the encoder fine-tuned) or frozen (the encoder fixed, a linear head trained)
 * @param base       transformer and frozen: a Hugging Face checkpoint folder (config.json, tokenizer.json, model.safetensors) or
 *                   "minilm" (all-MiniLM-L6-v2, shipped; imported on first use)
 * @param data       gold, gold+weak or soft
 * @param beta       weight of ½(r_c² + r_r²), which keeps rewards near zero
 * @param evalEvery  steps between evaluations on the test split (0: only at the end)
 * @param checkpointEvery steps between checkpoints (0: at each evaluation and at least every
 *                   {@link Trainer#CHECKPOINT_SECONDS} seconds, so that a killed run loses little)
 * @param patience   evaluations without a better test loss before stopping early (0: never)
 * @param lengthTerm none (the reward is the network's scalar) or "learned": during training the reward is
 *                   q(x) + g(len(x)), the network's scalar q plus a learned function g of the answer's length
 *                   only ({@link LengthTerm}); evaluation, scoring and the saved model's rewards are q alone
 *                   (decision 0015). Absent in runs saved before it existed: "none".
 * @param lengthDecorrelation with a learned length term, the weight of corr(q, log(1 + chars))² over each
 *                   micro-batch's answers (ODIN's decorrelation, Chen et al. 2024); 0 turns it off
 * @param labelModelRun gold+weak and soft: the label-model run whose weak labels are used (0: the latest, and a
 *                   new run records the one it took, so a resume uses the same)
 * @param weakThreshold gold+weak and soft: keep pool pairs whose confidence is at least this, as export weak does
 */
public record RewardConfig(Kind kind, String base, Data data, int epochs, int batchSize, int gradAccum, double lr,
                           double weightDecay, int warmupSteps, double maxGradNorm, int maxLength, double beta, long seed,
                           int evalEvery, int checkpointEvery, int patience, String device, int buckets, int embeddingDim,
                           int hidden, Length lengthTerm, double lengthDecorrelation, long labelModelRun, double weakThreshold) {

    /** The decorrelation weight a learned length term gets unless told otherwise. */
    public static final double DEFAULT_DECORRELATION = 1.0;

    /** What the reward model is; saved and typed as its key. */
    public enum Kind {
        FEATURES("features"), TRANSFORMER("transformer"), FROZEN("frozen");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        /** A pretrained encoder (fine-tuned or frozen) that needs a base model. */
        public boolean encoder() {
            return this != FEATURES;
        }

        @JsonCreator
        public static Kind parse(String s) {
            Kind k = Choices.byKey(values(), Kind::key, s);
            if (k != null) {
                return k;
            }
            throw new IllegalArgumentException("the reward model kind must be features, transformer or frozen, not '" + s + "'");
        }
    }

    /** The training set: the train split's gold labels, plus the pool's weak labels (hard) or probabilities (soft). */
    public enum Data {
        GOLD("gold"), GOLD_WEAK("gold+weak"), SOFT("soft");

        private final String key;

        Data(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        /** Whether the pool's weak labels are used (and so a label-model run and a threshold). */
        public boolean weak() {
            return this != GOLD;
        }

        @JsonCreator
        public static Data parse(String s) {
            Data d = Choices.byKey(values(), Data::key, s);
            if (d != null) {
                return d;
            }
            throw new IllegalArgumentException("the training data must be gold, gold+weak or soft, not '" + s + "'");
        }
    }

    /** The length term: none, or a learned g(len) beside the quality head (decision 0015). */
    public enum Length {
        NONE("none"), LEARNED("learned");

        private final String key;

        Length(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        /** Blank (runs saved before there was a length term) is none. */
        @JsonCreator
        public static Length parse(String s) {
            if (s == null || s.isBlank()) {
                return NONE;
            }
            Length l = Choices.byKey(values(), Length::key, s);
            if (l != null) {
                return l;
            }
            throw new IllegalArgumentException("the length term must be none or learned, not '" + s + "'");
        }
    }

    public RewardConfig {
        if (lengthTerm == null) {
            lengthTerm = Length.NONE;
        }
        if (!(lengthDecorrelation >= 0)) {
            throw new IllegalArgumentException("the length decorrelation weight must be 0 or more, not " + lengthDecorrelation);
        }
        if (lengthTerm == Length.NONE) {
            lengthDecorrelation = 0; // nothing to decorrelate from: kept out of the record so equal runs compare equal
        }
        if (kind == null || data == null) {
            throw new IllegalArgumentException("a reward config needs a kind and a training set");
        }
        if (kind.encoder() && (base == null || base.isBlank())) {
            throw new IllegalArgumentException("a " + kind.key() + " reward model needs a base model: minilm or a checkpoint folder");
        }
        if (epochs < 1 || batchSize < 1 || gradAccum < 1 || maxLength < 4) {
            throw new IllegalArgumentException("epochs, batch size and gradient accumulation must be at least 1, max length at least 4");
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive");
        }
    }

    /** The text-feature model's defaults. */
    public static RewardConfig features() {
        return new RewardConfig(Kind.FEATURES, null, Data.GOLD, 8, 32, 1, 3e-3, 0.0, 10, 2.0, 256, 0.001, 123, 25, 0, 5, "auto",
                1 << 14, 32, 64, Length.NONE, 0, 0, 0);
    }

    /** The paper's settings for a transformer, with a smaller batch for the CPU. */
    public static RewardConfig transformer(String base) {
        return new RewardConfig(Kind.TRANSFORMER, base, Data.GOLD, 2, 1, 2, 8e-6, 0.0, 50, 2.0, 256, 0.001, 123, 200, 0, 0, "auto",
                0, 0, 0, Length.NONE, 0, 0, 0);
    }

    /** A frozen encoder with a linear head: only the head trains, so a higher rate and more epochs (pooled states are cached). */
    public static RewardConfig frozen(String base) {
        return new RewardConfig(Kind.FROZEN, base, Data.GOLD, 20, 16, 1, 3e-3, 0.0, 10, 2.0, 256, 0.001, 123, 50, 0, 0, "auto",
                0, 0, 0, Length.NONE, 0, 0, 0);
    }

    /** The defaults of a kind. */
    public static RewardConfig of(Kind kind, String base) {
        return switch (kind) {
            case TRANSFORMER -> transformer(base);
            case FROZEN -> frozen(base);
            case FEATURES -> features();
        };
    }

    /** The defaults of a kind named as the user types it. */
    public static RewardConfig of(String kind, String base) {
        return of(Kind.parse(kind), base);
    }

    public RewardConfig withData(Data d) {
        return new RewardConfig(kind, base, d, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withSeed(long s) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, s, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withEpochs(int e) {
        return new RewardConfig(kind, base, data, e, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withSchedule(int evalSteps, int checkpointSteps, int patienceEvals) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalSteps, checkpointSteps, patienceEvals, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withBatch(int batch, int accum, double learningRate, int warmup) {
        return new RewardConfig(kind, base, data, epochs, batch, accum, learningRate, weightDecay, warmup, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withDevice(String d) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, d, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    public RewardConfig withMaxLength(int m) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, m,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden,
                lengthTerm, lengthDecorrelation, labelModelRun, weakThreshold);
    }

    /**
     * With a learned length term and the given decorrelation weight (negative: the default), or without one.
     */
    public RewardConfig withLengthTerm(Length term, double decorrelation) {
        double w = decorrelation < 0 ? DEFAULT_DECORRELATION : decorrelation;
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden, term, w, labelModelRun, weakThreshold);
    }

    /** The weak labels to train on: which label-model run (0: the latest) and the confidence threshold. */
    public RewardConfig withWeakLabels(long run, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the weak labels' confidence threshold must be between 0 and 1, got " + threshold);
        }
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden, lengthTerm, lengthDecorrelation,
                run, threshold);
    }

    /** Whether the reward is trained as quality + a learned length term. */
    public boolean lengthControlled() {
        return lengthTerm == Length.LEARNED;
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    public static RewardConfig fromJson(JsonNode n) {
        return Json.MAPPER.convertValue(n, RewardConfig.class);
    }
}
