package dev.pairlab.encoder;

import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.reward.Devices;
import dev.pairlab.reward.Pretrained;
import dev.pairlab.reward.TransformerRewardNet;
import dev.pairlab.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Embeds an exemplar LF's example texts with its model, as {@link EmbeddingJob} embeds pairs. */
public final class Exemplars {

    private Exemplars() {
    }

    /** Vectors of texts embedded before (model + text), so editing one example re-embeds only that one. */
    private static final java.util.Map<String, float[]> CACHE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, float[]> eldest) {
                    return size() > 1024;
                }
            });

    public static ExemplarRule embed(ExemplarRule rule, ProgressListener progress) throws IOException {
        List<String> texts = new ArrayList<>(rule.good());
        texts.addAll(rule.bad());
        float[][] v = new float[texts.size()][];
        List<String> todo = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            v[i] = CACHE.get(rule.model() + '\u0000' + texts.get(i));
            if (v[i] == null) {
                todo.add(texts.get(i));
            }
        }
        if (!todo.isEmpty()) {
            Path checkpoint = Pretrained.resolve(rule.model(), progress);
            progress.progress(0, todo.size(), "embedding " + todo.size() + " example texts");
            float[][] fresh;
            try (TransformerRewardNet net = TransformerRewardNet.load(checkpoint, EmbeddingJob.Options.defaults().maxTokens(), 1,
                    Devices.choose("auto").device())) {
                fresh = EmbeddingJob.embed(net, todo, 32);
            }
            for (int k = 0; k < todo.size(); k++) {
                CACHE.put(rule.model() + '\u0000' + todo.get(k), fresh[k]);
            }
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null) {
                    v[i] = CACHE.get(rule.model() + '\u0000' + texts.get(i));
                }
            }
            progress.progress(todo.size(), todo.size(), "embedded " + todo.size() + " example texts");
        }
        int g = rule.good().size();
        return rule.withVectors(List.of(v).subList(0, g), List.of(v).subList(g, v.length));
    }

    /** Example texts from a file: separated by lines holding only "---". */
    public static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.strip().equals("---")) {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
