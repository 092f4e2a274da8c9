package dev.pairlab.reward;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a randomly initialized BERT checkpoint in Hugging Face's layout (config.json, tokenizer.json
 * with a word-level vocabulary, model.safetensors): tests load a real folder without any download,
 * and the benchmark measures a MiniLM-sized encoder (6 × 384) without its weights.
 */
public final class RandomCheckpoint {

    static final List<String> WORDS = List.of("thanks", "apple", "river", "stone", "cloud", "green", "music", "table", "light", "paper",
            "ocean", "question", "what", "is", "the", "a");

    private RandomCheckpoint() {
    }

    public static Path write(Path dir, int hidden, int layers, int heads, int intermediate, long seed) throws IOException {
        return write(dir, hidden, layers, heads, intermediate, seed, WORDS, 64);
    }

    /** @param words the vocabulary besides the special tokens and the numbers 0–199 */
    public static Path write(Path dir, int hidden, int layers, int heads, int intermediate, long seed, List<String> words, int maxPositions)
            throws IOException {
        Files.createDirectories(dir);
        int vocab = 4 + words.size() + 200; // + room for numbers used in contexts
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("model_type", "bert");
        config.put("vocab_size", vocab);
        config.put("hidden_size", hidden);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("intermediate_size", intermediate);
        config.put("max_position_embeddings", maxPositions);
        config.put("type_vocab_size", 2);
        config.put("layer_norm_eps", 1e-12);
        config.put("hidden_act", "gelu");
        Files.writeString(dir.resolve("config.json"), config.toString());
        Files.writeString(dir.resolve("tokenizer.json"), tokenizer(words).toString());

        SplittableRandom r = new SplittableRandom(seed);
        Map<String, float[][]> tensors = new LinkedHashMap<>(); // name -> {shape as floats, values}
        add(tensors, "bert.embeddings.word_embeddings.weight", r, vocab, hidden);
        add(tensors, "bert.embeddings.position_embeddings.weight", r, maxPositions, hidden);
        add(tensors, "bert.embeddings.token_type_embeddings.weight", r, 2, hidden);
        ones(tensors, "bert.embeddings.LayerNorm.weight", hidden);
        zeros(tensors, "bert.embeddings.LayerNorm.bias", hidden);
        for (int i = 0; i < layers; i++) {
            String p = "bert.encoder.layer." + i + ".";
            for (String n : List.of("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")) {
                add(tensors, p + n + ".weight", r, hidden, hidden);
                zeros(tensors, p + n + ".bias", hidden);
            }
            ones(tensors, p + "attention.output.LayerNorm.weight", hidden);
            zeros(tensors, p + "attention.output.LayerNorm.bias", hidden);
            add(tensors, p + "intermediate.dense.weight", r, intermediate, hidden);
            zeros(tensors, p + "intermediate.dense.bias", intermediate);
            add(tensors, p + "output.dense.weight", r, hidden, intermediate);
            zeros(tensors, p + "output.dense.bias", hidden);
            ones(tensors, p + "output.LayerNorm.weight", hidden);
            zeros(tensors, p + "output.LayerNorm.bias", hidden);
        }
        writeSafetensors(dir.resolve("model.safetensors"), tensors);
        return dir;
    }

    private static void add(Map<String, float[][]> t, String name, SplittableRandom r, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 0.05);
        }
        t.put(name, new float[][] {{rows, cols}, v});
    }

    private static void ones(Map<String, float[][]> t, String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        t.put(name, new float[][] {{n}, v});
    }

    private static void zeros(Map<String, float[][]> t, String name, int n) {
        t.put(name, new float[][] {{n}, new float[n]});
    }

    /** The tensors as {shape as floats, values}; written with {@link Safetensors#write}. */
    static void writeSafetensors(Path file, Map<String, float[][]> tensors) throws IOException {
        Map<String, Safetensors.Tensor> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, float[][]> e : tensors.entrySet()) {
            float[] dims = e.getValue()[0];
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = (long) dims[i];
            }
            out.put(e.getKey(), new Safetensors.Tensor(shape, e.getValue()[1]));
        }
        Safetensors.write(file, out);
    }

    private static ObjectNode tokenizer(List<String> words) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ArrayNode added = t.putArray("added_tokens");
        String[] specials = {"[PAD]", "[UNK]", "[CLS]", "[SEP]"};
        for (int i = 0; i < specials.length; i++) {
            added.addObject().put("id", i).put("content", specials[i]).put("single_word", false).put("lstrip", false).put("rstrip", false)
                    .put("normalized", false).put("special", true);
        }
        t.putObject("normalizer").put("type", "Lowercase");
        t.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = t.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode st = post.putObject("special_tokens");
        ObjectNode cls = st.putObject("[CLS]");
        cls.put("id", "[CLS]");
        cls.putArray("ids").add(2);
        cls.putArray("tokens").add("[CLS]");
        ObjectNode sep = st.putObject("[SEP]");
        sep.put("id", "[SEP]");
        sep.putArray("ids").add(3);
        sep.putArray("tokens").add("[SEP]");
        t.putNull("decoder");
        ObjectNode model = t.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], i);
        }
        int id = 4;
        for (String w : words) {
            if (!vocab.has(w)) {
                vocab.put(w, id++);
            }
        }
        for (int i = 0; i < 200; i++) {
            if (!vocab.has(Integer.toString(i))) {
                vocab.put(Integer.toString(i), id++);
            }
        }
        model.put("unk_token", "[UNK]");
        return t;
    }
}
