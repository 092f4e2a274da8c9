package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.pairlab.TestData;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.ProgressListener;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MiniLM imported from its ONNX file into DJL computes the ONNX model's own embeddings. */
class PretrainedTest {

    static Path checkpoint;

    @BeforeAll
    static void importOnce() throws Exception {
        TestData.models();
        checkpoint = Pretrained.resolve("minilm", ProgressListener.NONE);
    }

    @Test
    void theImportWritesABertCheckpointWithAllWeights(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path fresh = tmp.resolve("minilm");
        Pretrained.importModel(Pretrained.MINILM, fresh);
        assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"),
                Files.list(fresh).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(1, Files.list(tmp).count(), "no temporary folder left behind");
        var config = Json.MAPPER.readTree(fresh.resolve("config.json").toFile());
        assertEquals(384, config.path("hidden_size").asInt());
        assertEquals(6, config.path("num_hidden_layers").asInt());
        assertEquals(1536, config.path("intermediate_size").asInt());
        assertEquals(30522, config.path("vocab_size").asInt());
        var w = dev.pairlab.reward.Safetensors.read(fresh.resolve("model.safetensors"));
        // 5 embedding tensors + 16 per layer (8 linear/LayerNorm modules × weight and bias)
        assertEquals(5 + 6 * 16, w.size());
        assertEquals(List.of(1536L, 384L), java.util.Arrays.stream(w.get("encoder.layer.3.intermediate.dense.weight").shape()).boxed().toList());
        // A second resolve reuses the folder.
        long before = Files.getLastModifiedTime(checkpoint.resolve("model.safetensors")).toMillis();
        assertEquals(checkpoint, Pretrained.resolve("minilm", ProgressListener.NONE));
        assertEquals(before, Files.getLastModifiedTime(checkpoint.resolve("model.safetensors")).toMillis());
    }

    @Test
    void djlReproducesTheOnnxModelsEmbeddingsOnRealTexts() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.mtBenchEval())) {
            if (texts.size() >= 50) {
                break;
            }
            if (!line.isBlank()) {
                var j = Json.MAPPER.readTree(line);
                texts.add(j.path(texts.size() % 2 == 0 ? "answer_0" : "answer_1").asText());
            }
        }
        assertEquals(50, texts.size());
        float[][] djl;
        try (TransformerRewardNet net = TransformerRewardNet.load(checkpoint, 256, 1, Device.cpu())) {
            djl = net.embed(texts);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] onnx;
        try (InputStream in = Pretrained.class.getResourceAsStream(Pretrained.MINILM.onnxResource())) {
            onnx = in.readAllBytes();
        }
        double worst = 1;
        int longest = 0;
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(checkpoint.resolve("tokenizer.json"),
                     Map.of("truncation", "true", "padding", "false", "maxLength", "256"))) {
            for (int i = 0; i < texts.size(); i++) {
                Encoding e = tok.encode(texts.get(i));
                long[][] ids = {e.getIds()};
                long[][] mask = {e.getAttentionMask()};
                long[][] types = {e.getTypeIds()};
                longest = Math.max(longest, ids[0].length);
                try (OnnxTensor a = OnnxTensor.createTensor(env, ids); OnnxTensor b = OnnxTensor.createTensor(env, mask);
                     OnnxTensor c = OnnxTensor.createTensor(env, types);
                     OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                    float[][][] hidden = (float[][][]) r.get(0).getValue();
                    double[] mean = new double[384];
                    for (float[] tokenState : hidden[0]) {
                        for (int k = 0; k < 384; k++) {
                            mean[k] += tokenState[k];
                        }
                    }
                    double dot = 0;
                    double nm = 0;
                    double nd = 0;
                    for (int k = 0; k < 384; k++) {
                        dot += mean[k] * djl[i][k];
                        nm += mean[k] * mean[k];
                        nd += (double) djl[i][k] * djl[i][k];
                    }
                    worst = Math.min(worst, dot / Math.sqrt(nm * nd));
                }
            }
        }
        assertTrue(longest > 128, "some texts are longer than the tokenizer file's own 128-token limit: " + longest);
        assertTrue(worst >= 0.999, "lowest cosine between DJL and ONNX embeddings: " + worst);
        System.out.println("MiniLM DJL vs ONNX Runtime, 50 MT-Bench texts up to " + longest + " tokens: lowest cosine " + worst);
    }
}
