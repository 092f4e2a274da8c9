package dev.pairlab.reward;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A transformer encoder of the BERT family (BERT, RoBERTa, DistilBERT, MiniLM) loaded from a local
 * Hugging Face checkpoint folder (config.json, tokenizer.json, model.safetensors), with mean pooling
 * over the tokens and a linear head to one scalar. The encoder is written with DJL's NDArray
 * operations rather than {@code ai.djl.nn.transformer.BertBlock}, which adds its whole position table
 * and so forces every input to the maximum length. The context and the answer are encoded as a
 * sentence pair, truncated longest-first to the maximum length. Dropout is off (the paper's small
 * learning rate and few epochs; and it keeps runs reproducible and resumable).
 */
public final class TransformerRewardNet extends RewardNet {

    /** The parts of config.json the encoder needs. */
    record Arch(String type, int vocab, int hidden, int layers, int heads, int intermediate, int maxPositions, int typeVocab,
                double eps, int positionOffset, String activation) {

        static Arch of(JsonNode c) throws IOException {
            String type = c.path("model_type").asText("bert");
            boolean distil = type.equals("distilbert");
            int hidden = distil ? c.path("dim").asInt() : c.path("hidden_size").asInt();
            int layers = distil ? c.path("n_layers").asInt() : c.path("num_hidden_layers").asInt();
            int heads = distil ? c.path("n_heads").asInt() : c.path("num_attention_heads").asInt();
            int inter = distil ? c.path("hidden_dim").asInt() : c.path("intermediate_size").asInt();
            if (hidden <= 0 || layers <= 0 || heads <= 0 || inter <= 0 || hidden % heads != 0) {
                throw new IOException("config.json: not a BERT-family encoder this loader reads (model_type '" + type + "')");
            }
            boolean roberta = type.equals("roberta") || type.equals("xlm-roberta") || type.equals("camembert");
            return new Arch(type, c.path("vocab_size").asInt(), hidden, layers, heads, inter, c.path("max_position_embeddings").asInt(512),
                    distil ? 0 : c.path("type_vocab_size").asInt(2), c.path("layer_norm_eps").asDouble(1e-12),
                    roberta ? c.path("pad_token_id").asInt(1) + 1 : 0,
                    c.path(distil ? "activation" : "hidden_act").asText("gelu"));
        }
    }

    private final Arch arch;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    /** Frozen: the encoder's weights are not trained (nor saved with the model); only the head learns. */
    private final boolean frozen;
    /** A frozen encoder's weights, outside {@link #params} and {@link #buffers}. */
    private final Map<String, NDArray> fixed = new HashMap<>();
    /** A frozen encoder's pooled output per (context, answer): the same every epoch, so computed once. */
    private final Map<String, float[]> pooledCache = new HashMap<>();

    private TransformerRewardNet(Device device, Arch arch, HuggingFaceTokenizer tokenizer, int maxLength, boolean frozen) {
        super(device);
        this.arch = arch;
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.frozen = frozen;
    }

    /** Loads the encoder from a checkpoint folder and adds a fresh head (seeded). */
    public static TransformerRewardNet load(Path checkpoint, RewardConfig config, Device device) throws IOException {
        TransformerRewardNet net = load(checkpoint, config.maxLength(), config.seed(), device, config.kind() == RewardConfig.Kind.FROZEN);
        if (config.lengthControlled()) {
            net.addLengthTerm();
        }
        return net;
    }

    /** Loads the encoder from a checkpoint folder, inputs truncated to {@code maxTokens}, and adds a fresh head (seeded). */
    public static TransformerRewardNet load(Path checkpoint, int maxTokens, long seed, Device device) throws IOException {
        return load(checkpoint, maxTokens, seed, device, false);
    }

    private static TransformerRewardNet load(Path checkpoint, int maxTokens, long seed, Device device, boolean frozen) throws IOException {
        Path configFile = checkpoint.resolve("config.json");
        Path tokenizerFile = checkpoint.resolve("tokenizer.json");
        Path weights = checkpoint.resolve("model.safetensors");
        for (Path p : List.of(configFile, tokenizerFile, weights)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("the checkpoint folder " + checkpoint + " has no " + p.getFileName()
                        + " (a Hugging Face checkpoint needs config.json, tokenizer.json and model.safetensors)");
            }
        }
        Arch arch = Arch.of(Json.MAPPER.readTree(configFile.toFile()));
        int max = Math.min(maxTokens, arch.maxPositions() - arch.positionOffset());
        Map<String, String> options = new HashMap<>();
        options.put("truncation", "true");
        options.put("padding", "false");
        options.put("maxLength", Integer.toString(max));
        options.put("addSpecialTokens", "true");
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, options);
        TransformerRewardNet net = new TransformerRewardNet(device, arch, tokenizer, max, frozen);
        net.loadEncoder(Safetensors.read(weights), seed);
        return net;
    }

    /** Maps checkpoint names onto this encoder's, whichever family wrote them. */
    private void loadEncoder(Map<String, Safetensors.Tensor> raw, long seed) throws IOException {
        Map<String, Safetensors.Tensor> w = new HashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> e : raw.entrySet()) {
            String k = e.getKey();
            for (String prefix : List.of("bert.", "roberta.", "distilbert.", "model.")) {
                if (k.startsWith(prefix)) {
                    k = k.substring(prefix.length());
                    break;
                }
            }
            k = k.replace(".gamma", ".weight").replace(".beta", ".bias");
            w.put(k, e.getValue());
        }
        boolean distil = arch.type().equals("distilbert");
        put(w, "embeddings.word_embeddings.weight", "emb.word");
        put(w, "embeddings.position_embeddings.weight", "emb.position");
        if (!distil) {
            put(w, "embeddings.token_type_embeddings.weight", "emb.type");
        }
        put(w, "embeddings.LayerNorm.weight", "emb.ln.weight");
        put(w, "embeddings.LayerNorm.bias", "emb.ln.bias");
        for (int i = 0; i < arch.layers(); i++) {
            String src = distil ? "transformer.layer." + i + "." : "encoder.layer." + i + ".";
            String dst = "layer." + i + ".";
            String[][] names = distil
                    ? new String[][] {{"attention.q_lin", "q"}, {"attention.k_lin", "k"}, {"attention.v_lin", "v"}, {"attention.out_lin", "o"},
                        {"sa_layer_norm", "ln1"}, {"ffn.lin1", "ffn1"}, {"ffn.lin2", "ffn2"}, {"output_layer_norm", "ln2"}}
                    : new String[][] {{"attention.self.query", "q"}, {"attention.self.key", "k"}, {"attention.self.value", "v"},
                        {"attention.output.dense", "o"}, {"attention.output.LayerNorm", "ln1"}, {"intermediate.dense", "ffn1"},
                        {"output.dense", "ffn2"}, {"output.LayerNorm", "ln2"}};
            for (String[] n : names) {
                put(w, src + n[0] + ".weight", dst + n[1] + ".weight");
                put(w, src + n[0] + ".bias", dst + n[1] + ".bias");
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] head = new float[arch.hidden()];
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) (rnd.nextGaussian() * 0.02);
        }
        param("head.weight", manager.create(head, new Shape(1, arch.hidden())));
        param("head.bias", manager.zeros(new Shape(1)));
    }

    private void put(Map<String, Safetensors.Tensor> w, String from, String to) throws IOException {
        Safetensors.Tensor t = w.get(from);
        if (t == null) {
            throw new IOException("model.safetensors has no tensor '" + from + "' for a " + arch.type() + " encoder");
        }
        NDArray value = manager.create(t.values(), new Shape(t.shape()));
        if (frozen) {
            value.setName(to);
            fixed.put(to, value);
        } else {
            param(to, value);
        }
    }

    /** An encoder weight, trained or frozen. */
    private NDArray w(String name) {
        NDArray a = params.get(name);
        return a != null ? a : fixed.get(name);
    }

    @Override
    public String kind() {
        return (frozen ? RewardConfig.Kind.FROZEN : RewardConfig.Kind.TRANSFORMER).key();
    }

    @Override
    public NDArray forward(NDManager step, List<String> contexts, List<String> answers) {
        int n = answers.size();
        if (frozen) {
            return linear(frozenPooled(step, contexts, answers), "head").reshape(n).toType(DataType.FLOAT32, false);
        }
        Encoding[] enc = new Encoding[n];
        for (int i = 0; i < n; i++) {
            enc[i] = tokenizer.encode(contexts.get(i), answers.get(i));
        }
        return linear(pooled(step, enc), "head").reshape(n).toType(DataType.FLOAT32, false);
    }

    /**
     * Sentence embeddings of single texts as sentence-transformers computes them: the encoder's last
     * hidden states averaged over the tokens, scaled to length 1. No gradient; the head is not used.
     */
    public float[][] embed(List<String> texts) {
        Encoding[] enc = new Encoding[texts.size()];
        for (int i = 0; i < enc.length; i++) {
            enc[i] = tokenizer.encode(texts.get(i));
        }
        try (NoGrad off = NoGrad.enter(); NDManager step = manager.newSubManager()) {
            NDArray p = pooled(step, enc);
            NDArray norm = p.norm(new int[] {1}, true).maximum(1e-12f);
            float[] flat = p.div(norm).toType(DataType.FLOAT32, false).toDevice(Device.cpu(), false).toFloatArray();
            int h = arch.hidden();
            float[][] out = new float[enc.length][];
            for (int i = 0; i < enc.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * h, (i + 1) * h);
            }
            return out;
        }
    }

    /** Pooled states of a frozen encoder, computed without gradient once per (context, answer) and then reused. */
    private NDArray frozenPooled(NDManager step, List<String> contexts, List<String> answers) {
        int n = answers.size();
        String[] keys = new String[n];
        List<Integer> todo = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys[i] = contexts.get(i) + '\u0001' + answers.get(i);
            if (!pooledCache.containsKey(keys[i])) {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            Encoding[] enc = new Encoding[todo.size()];
            for (int k = 0; k < enc.length; k++) {
                enc[k] = tokenizer.encode(contexts.get(todo.get(k)), answers.get(todo.get(k)));
            }
            try (NoGrad off = NoGrad.enter(); NDManager tmp = manager.newSubManager()) {
                float[] flat = pooled(tmp, enc).toType(DataType.FLOAT32, false).toDevice(Device.cpu(), false).toFloatArray();
                for (int k = 0; k < enc.length; k++) {
                    pooledCache.put(keys[todo.get(k)], java.util.Arrays.copyOfRange(flat, k * arch.hidden(), (k + 1) * arch.hidden()));
                }
            }
        }
        float[] all = new float[n * arch.hidden()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pooledCache.get(keys[i]), 0, all, i * arch.hidden(), arch.hidden());
        }
        return step.create(all, new Shape(n, arch.hidden())).toDevice(device(), false);
    }

    /** The embedding size of {@link #embed}. */
    public int hidden() {
        return arch.hidden();
    }

    /** The encoder's token states averaged over each sequence's tokens: shape (n, hidden). */
    private NDArray pooled(NDManager step, Encoding[] enc) {
        int n = enc.length;
        int t = 1;
        for (Encoding e : enc) {
            t = Math.max(t, Math.min(maxLength, e.getIds().length));
        }
        // Lengths rounded up to a multiple of 32: a handful of tensor shapes instead of one per batch, so PyTorch's
        // freed blocks are reused rather than fragmenting the heap (with glibc's trimming off, as the launcher sets
        // it for speed, per-batch shapes grew a fine-tuning run to 24 GB).
        t = Math.min(maxLength, (t + 31) / 32 * 32);
        long[] ids = new long[n * t];
        long[] types = new long[n * t];
        float[] mask = new float[n * t];
        for (int i = 0; i < n; i++) {
            long[] e = enc[i].getIds();
            long[] ty = enc[i].getTypeIds();
            int len = Math.min(t, e.length);
            System.arraycopy(e, 0, ids, i * t, len);
            System.arraycopy(ty, 0, types, i * t, len);
            for (int k = 0; k < len; k++) {
                mask[i * t + k] = 1;
            }
        }
        Device dev = device();
        NDArray idArr = step.create(ids, new Shape(n, t)).toDevice(dev, false);
        NDArray maskArr = step.create(mask, new Shape(n, t)).toDevice(dev, false);
        long[] pos = new long[t];
        for (int k = 0; k < t; k++) {
            pos[k] = k + arch.positionOffset();
        }
        NDArray posArr = step.create(pos, new Shape(1, t)).toDevice(dev, false);
        NDArray x = Embedding.embedding(idArr, w("emb.word"), SparseFormat.DENSE).singletonOrThrow()
                .add(Embedding.embedding(posArr, w("emb.position"), SparseFormat.DENSE).singletonOrThrow());
        if (w("emb.type") != null) {
            NDArray typeArr = step.create(types, new Shape(n, t)).toDevice(dev, false);
            x = x.add(Embedding.embedding(typeArr, w("emb.type"), SparseFormat.DENSE).singletonOrThrow());
        }
        x = layerNorm(x, "emb.ln");
        // Additive attention mask: 0 for tokens, −10⁴ for padding, as BERT does.
        NDArray bias = maskArr.sub(1f).mul(10_000f).reshape(n, 1, 1, t);
        int heads = arch.heads();
        int hd = arch.hidden() / heads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (int i = 0; i < arch.layers(); i++) {
            String p = "layer." + i + ".";
            NDArray q = linear(x, p + "q").reshape(n, t, heads, hd).transpose(0, 2, 1, 3);
            NDArray k = linear(x, p + "k").reshape(n, t, heads, hd).transpose(0, 2, 3, 1);
            NDArray v = linear(x, p + "v").reshape(n, t, heads, hd).transpose(0, 2, 1, 3);
            NDArray attn = q.matMul(k).mul(scale).add(bias).softmax(-1);
            NDArray ctx = attn.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, arch.hidden());
            x = layerNorm(x.add(linear(ctx, p + "o")), p + "ln1");
            NDArray ff = activation(linear(x, p + "ffn1"));
            x = layerNorm(x.add(linear(ff, p + "ffn2")), p + "ln2");
        }
        NDArray m3 = maskArr.reshape(n, t, 1);
        return x.mul(m3).sum(new int[] {1}).div(m3.sum(new int[] {1}).maximum(1f));
    }

    private NDArray linear(NDArray x, String name) {
        return Linear.linear(x, w(name + ".weight"), w(name + ".bias")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(arch.hidden()), w(name + ".weight"), w(name + ".bias"), (float) arch.eps())
                .singletonOrThrow();
    }

    private NDArray activation(NDArray x) {
        return switch (arch.activation()) {
            case "relu" -> Activation.relu(x);
            default -> Activation.gelu(x);
        };
    }

    @Override
    public void close() {
        tokenizer.close();
        super.close();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s encoder (%d layers × %d, %d heads; %,d parameters, max %d tokens)", arch.type(),
                arch.layers(), arch.hidden(), arch.heads(), parameterCount(), maxLength)
                + (hasLengthTerm() ? ", with a learned length term" : "");
    }
}
