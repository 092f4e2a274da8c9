package dev.pairlab.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;

/**
 * A reward-model training run's settings: one record for the CLI options, the GUI form and the
 * saved run. Defaults are the paper's where they apply (β = 0.001, gradient clipping 2.0, no weight
 * decay, Adam β = (0.9, 0.95), ε = 1e-12; a transformer at lr 8e-6 for 2 epochs with 50 warm-up
 * steps) and what works for the small text-feature model otherwise.
 *
 * @param kind       "features", "transformer" (the encoder fine-tuned) or "frozen" (the encoder fixed, a linear head trained)
 * @param base       transformer and frozen: a Hugging Face checkpoint folder (config.json, tokenizer.json, model.safetensors) or
 *                   "minilm" (all-MiniLM-L6-v2, shipped; imported on first use)
 * @param data       "gold", "gold+weak" or "soft"
 * @param beta       weight of ½(r_c² + r_r²), which keeps rewards near zero
 * @param evalEvery  steps between evaluations on the test split (0: only at the end)
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param patience   evaluations without a better test loss before stopping early (0: never)
 * @param lengthTerm "none" (the reward is the network's scalar) or "learned": during training the reward is
 *                   q(x) + g(len(x)), the network's scalar q plus a learned function g of the answer's length
 *                   only ({@link LengthTerm}); evaluation, scoring and the saved model's rewards are q alone
 *                   (decision 0015). Absent in runs saved before it existed: "none".
 * @param lengthDecorrelation with a learned length term, the weight of corr(q, log(1 + chars))² over each
 *                   micro-batch's answers (ODIN's decorrelation, Chen et al. 2024); 0 turns it off
 * @param labelModelRun gold+weak and soft: the label-model run whose weak labels are used (0: the latest, and a
 *                   new run records the one it took, so a resume uses the same)
 * @param weakThreshold gold+weak and soft: keep pool pairs whose confidence is at least this, as export weak does
 */
public record RewardConfig(String kind, String base, String data, int epochs, int batchSize, int gradAccum, double lr,
                           double weightDecay, int warmupSteps, double maxGradNorm, int maxLength, double beta, long seed,
                           int evalEvery, int checkpointEvery, int patience, String device, int buckets, int embeddingDim,
                           int hidden, String lengthTerm, double lengthDecorrelation, long labelModelRun, double weakThreshold) {

    public static final String FROZEN = "frozen";
    /** Length-term values: none, or a learned g(len) beside the quality head. */
    public static final String LENGTH_NONE = "none";
    public static final String LENGTH_LEARNED = "learned";
    /** The decorrelation weight a learned length term gets unless told otherwise. */
    public static final double DEFAULT_DECORRELATION = 1.0;

    public RewardConfig {
        if (lengthTerm == null || lengthTerm.isBlank()) {
            lengthTerm = LENGTH_NONE;
        }
        if (!lengthTerm.equals(LENGTH_NONE) && !lengthTerm.equals(LENGTH_LEARNED)) {
            throw new IllegalArgumentException("the length term must be none or learned, not '" + lengthTerm + "'");
        }
        if (!(lengthDecorrelation >= 0)) {
            throw new IllegalArgumentException("the length decorrelation weight must be 0 or more, not " + lengthDecorrelation);
        }
        if (lengthTerm.equals(LENGTH_NONE)) {
            lengthDecorrelation = 0; // nothing to decorrelate from: kept out of the record so equal runs compare equal
        }
        if (!kind.equals("features") && !kind.equals("transformer") && !kind.equals(FROZEN)) {
            throw new IllegalArgumentException("the reward model kind must be features, transformer or frozen, not '" + kind + "'");
        }
        if (!data.equals("gold") && !data.equals("gold+weak") && !data.equals("soft")) {
            throw new IllegalArgumentException("the training data must be gold, gold+weak or soft, not '" + data + "'");
        }
        if ((kind.equals("transformer") || kind.equals(FROZEN)) && (base == null || base.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " reward model needs a base model: minilm or a checkpoint folder");
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
        return new RewardConfig("features", null, "gold", 8, 32, 1, 3e-3, 0.0, 10, 2.0, 256, 0.001, 123, 25, 0, 5, "auto",
                1 << 14, 32, 64, LENGTH_NONE, 0, 0, 0);
    }

    /** The paper's settings for a transformer, with a smaller batch for the CPU. */
    public static RewardConfig transformer(String base) {
        return new RewardConfig("transformer", base, "gold", 2, 1, 2, 8e-6, 0.0, 50, 2.0, 256, 0.001, 123, 200, 0, 0, "auto",
                0, 0, 0, LENGTH_NONE, 0, 0, 0);
    }

    /** A frozen encoder with a linear head: only the head trains, so a higher rate and more epochs (pooled states are cached). */
    public static RewardConfig frozen(String base) {
        return new RewardConfig(FROZEN, base, "gold", 20, 16, 1, 3e-3, 0.0, 10, 2.0, 256, 0.001, 123, 50, 0, 0, "auto",
                0, 0, 0, LENGTH_NONE, 0, 0, 0);
    }

    /** The defaults of a kind. */
    public static RewardConfig of(String kind, String base) {
        return switch (kind) {
            case "transformer" -> transformer(base);
            case FROZEN -> frozen(base);
            default -> features();
        };
    }

    public RewardConfig withData(String d) {
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
     * With a learned length term ({@code term} "learned") and the given decorrelation weight (negative:
     * the default), or without one ("none").
     */
    public RewardConfig withLengthTerm(String term, double decorrelation) {
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
        return LENGTH_LEARNED.equals(lengthTerm);
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    public static RewardConfig fromJson(JsonNode n) {
        return Json.MAPPER.convertValue(n, RewardConfig.class);
    }
}
