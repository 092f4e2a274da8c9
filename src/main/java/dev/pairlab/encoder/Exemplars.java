package dev.pairlab.encoder;

import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.reward.Devices;
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

    public static ExemplarRule embed(ExemplarRule rule, ProgressListener progress) throws IOException {
        Path checkpoint = Pretrained.resolve(rule.model(), progress);
        List<String> texts = new ArrayList<>(rule.good());
        texts.addAll(rule.bad());
        progress.progress(0, texts.size(), "embedding " + texts.size() + " example texts");
        float[][] v;
        try (TransformerRewardNet net = TransformerRewardNet.load(checkpoint, EmbeddingJob.Options.defaults().maxTokens(), 1,
                Devices.choose("auto").device())) {
            v = EmbeddingJob.embed(net, texts, 32);
        }
        progress.progress(texts.size(), texts.size(), "embedded " + texts.size() + " example texts");
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
