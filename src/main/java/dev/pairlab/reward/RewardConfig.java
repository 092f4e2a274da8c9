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
 */
public record RewardConfig(String kind, String base, String data, int epochs, int batchSize, int gradAccum, double lr,
                           double weightDecay, int warmupSteps, double maxGradNorm, int maxLength, double beta, long seed,
                           int evalEvery, int checkpointEvery, int patience, String device, int buckets, int embeddingDim,
                           int hidden) {

    public static final String FROZEN = "frozen";

    public RewardConfig {
        if (!kind.equals("features") && !kind.equals("transformer") && !kind.equals(FROZEN)) {
            throw new IllegalArgumentException("--kind must be features, transformer or frozen, not '" + kind + "'");
        }
        if (!data.equals("gold") && !data.equals("gold+weak") && !data.equals("soft")) {
            throw new IllegalArgumentException("--data must be gold, gold+weak or soft, not '" + data + "'");
        }
        if ((kind.equals("transformer") || kind.equals(FROZEN)) && (base == null || base.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " reward model needs --base minilm or --base CHECKPOINT_FOLDER");
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
                1 << 14, 32, 64);
    }

    /** The paper's settings for a transformer, with a smaller batch for the CPU. */
    public static RewardConfig transformer(String base) {
        return new RewardConfig("transformer", base, "gold", 2, 1, 2, 8e-6, 0.0, 50, 2.0, 256, 0.001, 123, 200, 0, 0, "auto",
                0, 0, 0);
    }

    /** A frozen encoder with a linear head: only the head trains, so a higher rate and more epochs (pooled states are cached). */
    public static RewardConfig frozen(String base) {
        return new RewardConfig(FROZEN, base, "gold", 20, 16, 1, 3e-3, 0.0, 10, 2.0, 256, 0.001, 123, 50, 0, 0, "auto",
                0, 0, 0);
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
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden);
    }

    public RewardConfig withSeed(long s) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, s, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden);
    }

    public RewardConfig withEpochs(int e) {
        return new RewardConfig(kind, base, data, e, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden);
    }

    public RewardConfig withSchedule(int evalSteps, int checkpointSteps, int patienceEvals) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalSteps, checkpointSteps, patienceEvals, device, buckets, embeddingDim, hidden);
    }

    public RewardConfig withBatch(int batch, int accum, double learningRate, int warmup) {
        return new RewardConfig(kind, base, data, epochs, batch, accum, learningRate, weightDecay, warmup, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden);
    }

    public RewardConfig withDevice(String d) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, maxLength,
                beta, seed, evalEvery, checkpointEvery, patience, d, buckets, embeddingDim, hidden);
    }

    public RewardConfig withMaxLength(int m) {
        return new RewardConfig(kind, base, data, epochs, batchSize, gradAccum, lr, weightDecay, warmupSteps, maxGradNorm, m,
                beta, seed, evalEvery, checkpointEvery, patience, device, buckets, embeddingDim, hidden);
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    public static RewardConfig fromJson(JsonNode n) {
        return Json.MAPPER.convertValue(n, RewardConfig.class);
    }
}
