package dev.pairlab.reward;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.types.SparseFormat;
import dev.pairlab.features.Feature;
import dev.pairlab.features.Features;
import dev.pairlab.features.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The text-feature reward model: a bag of hashed word unigrams and bigrams of the answer and unigrams
 * of the context (an embedding bag, mean-pooled), beside the answer's features from the features
 * package (sign·log1p, then standardized with statistics of the training answers), into a small MLP
 * with one scalar out. Small and fast on a CPU; the baseline the transformer kind must beat.
 * Length-controlled ({@link RewardConfig#lengthControlled}), the answer's size measures are withheld
 * from the network (held at 0, so standardized to 0) and length reaches the reward only through the
 * separate length term; the decorrelation penalty in the trainer guards the features that merely
 * correlate with length (decision 0015).
 */
public final class FeatureRewardNet extends RewardNet {

    /** Tokens of the context kept: the end, where the question being answered is. */
    static final int CONTEXT_TOKENS = 64;
    /** Features that measure the answer's size: withheld from the quality head under length control. */
    static final java.util.Set<String> SIZE_FEATURES = java.util.Set.of("length", "word_count", "sentence_count");

    private final RewardConfig config;
    private final List<Feature> features = Features.all();
    /** Per feature: whether the network sees it (all, unless length-controlled). */
    private final boolean[] used;
    private final Map<String, Encoded> cache = Collections.synchronizedMap(new LinkedHashMap<>(16_384, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Encoded> eldest) {
            return size() > 200_000;
        }
    });

    record Encoded(long[] ids, float[] features) {
    }

    public FeatureRewardNet(RewardConfig config, Device device) {
        super(device);
        this.config = config;
        used = new boolean[features.size()];
        for (int i = 0; i < used.length; i++) {
            used[i] = !(config.lengthControlled() && SIZE_FEATURES.contains(features.get(i).name()));
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        int d = config.embeddingDim();
        int f = features.size();
        int h = config.hidden();
        param("embedding", uniform(config.buckets() + 1, d, 0.1, rnd));
        param("hidden.weight", uniform(h, d + f, Math.sqrt(6.0 / (d + f + h)), rnd));
        param("hidden.bias", manager.zeros(new Shape(h)));
        param("out.weight", uniform(1, h, Math.sqrt(6.0 / (h + 1)), rnd));
        param("out.bias", manager.zeros(new Shape(1)));
        buffer("feature_mean", manager.zeros(new Shape(f)));
        buffer("feature_std", manager.ones(new Shape(f)));
        if (config.lengthControlled()) {
            addLengthTerm();
        }
    }

    /** The names of the features the network (the quality head) sees. */
    public List<String> qualityFeatures() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                out.add(features.get(i).name());
            }
        }
        return out;
    }

    private NDArray uniform(int rows, int cols, double limit, SplittableRandom rnd) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
        }
        return manager.create(v, new Shape(rows, cols));
    }

    @Override
    public String kind() {
        return "features";
    }

    /** Sets the feature standardization from training answers (before training; saved with the model). */
    public void fitNormalization(List<String> answers) {
        int f = features.size();
        double[] sum = new double[f];
        double[] sq = new double[f];
        for (String a : answers) {
            float[] x = rawFeatures(a);
            for (int i = 0; i < f; i++) {
                sum[i] += x[i];
                sq[i] += x[i] * x[i];
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        int n = Math.max(1, answers.size());
        for (int i = 0; i < f; i++) {
            mean[i] = (float) (sum[i] / n);
            std[i] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[i] / n - mean[i] * mean[i])));
        }
        try (NoGrad off = NoGrad.enter()) {
            buffers.get("feature_mean").set(mean);
            buffers.get("feature_std").set(std);
        }
    }

    private float[] rawFeatures(String answer) {
        Text t = new Text(answer);
        float[] x = new float[features.size()];
        for (int i = 0; i < x.length; i++) {
            if (!used[i]) {
                continue; // withheld: 0 for every answer
            }
            double v = features.get(i).compute(t);
            x[i] = (float) (Math.signum(v) * Math.log1p(Math.abs(v)));
        }
        return x;
    }

    Encoded encode(String context, String answer) {
        String key = context.length() + ":" + context.hashCode() + "|" + answer;
        return cache.computeIfAbsent(key, k -> {
            List<String> words = Text.lower(answer);
            List<String> ctx = Text.lower(context);
            List<Long> ids = new ArrayList<>();
            int max = config.maxLength();
            for (int i = 0; i < words.size() && ids.size() < max; i++) {
                ids.add(bucket("u:" + words.get(i)));
                if (i + 1 < words.size() && ids.size() < max) {
                    ids.add(bucket("b:" + words.get(i) + " " + words.get(i + 1)));
                }
            }
            for (int i = Math.max(0, ctx.size() - CONTEXT_TOKENS); i < ctx.size(); i++) {
                ids.add(bucket("c:" + ctx.get(i)));
            }
            long[] arr = new long[ids.size()];
            for (int i = 0; i < arr.length; i++) {
                arr[i] = ids.get(i);
            }
            return new Encoded(arr, rawFeatures(answer));
        });
    }

    /** FNV-1a 64-bit hash into buckets 1..B (0 is padding). */
    private long bucket(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return 1 + Math.floorMod(h, (long) config.buckets());
    }

    @Override
    public NDArray forward(NDManager step, List<String> contexts, List<String> answers) {
        int n = answers.size();
        Encoded[] enc = new Encoded[n];
        int maxLen = 1;
        for (int i = 0; i < n; i++) {
            enc[i] = encode(contexts.get(i), answers.get(i));
            maxLen = Math.max(maxLen, enc[i].ids().length);
        }
        long[] ids = new long[n * maxLen];
        float[] mask = new float[n * maxLen];
        float[] feats = new float[n * features.size()];
        for (int i = 0; i < n; i++) {
            long[] e = enc[i].ids();
            System.arraycopy(e, 0, ids, i * maxLen, e.length);
            for (int t = 0; t < e.length; t++) {
                mask[i * maxLen + t] = 1;
            }
            System.arraycopy(enc[i].features(), 0, feats, i * features.size(), features.size());
        }
        Device dev = device();
        NDArray idArr = step.create(ids, new Shape(n, maxLen)).toDevice(dev, false);
        NDArray maskArr = step.create(mask, new Shape(n, maxLen, 1)).toDevice(dev, false);
        NDArray featArr = step.create(feats, new Shape(n, features.size())).toDevice(dev, false);
        NDArray emb = Embedding.embedding(idArr, params.get("embedding"), SparseFormat.DENSE).singletonOrThrow();
        NDArray pooled = emb.mul(maskArr).sum(new int[] {1}).div(maskArr.sum(new int[] {1}).maximum(1f));
        NDArray normFeats = featArr.sub(buffers.get("feature_mean")).div(buffers.get("feature_std"));
        NDArray x = NDArrays.concat(new ai.djl.ndarray.NDList(pooled, normFeats), 1);
        NDArray h = Activation.relu(Linear.linear(x, params.get("hidden.weight"), params.get("hidden.bias")).singletonOrThrow());
        return Linear.linear(h, params.get("out.weight"), params.get("out.bias")).singletonOrThrow().reshape(n).toType(DataType.FLOAT32, false);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "text-feature model (%d buckets × %d, hidden %d; %,d parameters%s)", config.buckets(),
                config.embeddingDim(), config.hidden(), parameterCount(),
                hasLengthTerm() ? "; length-controlled: a learned length term, size features withheld from the quality head" : "");
    }
}
