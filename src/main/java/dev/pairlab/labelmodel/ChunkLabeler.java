package dev.pairlab.labelmodel;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairWriter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Weak-labels a chunk of pairs without a project, as {@link WeakExport} labels the pool: features,
 * LF votes, the label model's P(B), hard labels with the same tie coin (seeded by pair id), the
 * confidence threshold, and records in the export format with "weak" and "confidence" fields. What
 * the Spark job runs on each partition. Which pairs are kept and their labels come from
 * {@link WeakExport#weakLabels}, the rule the single-machine export applies to the pool, so the two agree
 * pair by pair; only the writing (one chunk, no gold, no shuffle) is this class's own.
 */
public final class ChunkLabeler {

    /** One chunk's result: output lines (in chunk order) and per-pair outcomes. */
    public record Result(List<String> lines, long[] ids, byte[] labels, double[] confidence, int belowThreshold, List<LfProblem> problems) {
    }

    private final WeakExport.Labeler labeler;
    private final WeakExport.Params params;
    private final PairFormat format;

    public ChunkLabeler(WeakExport.Labeler labeler, WeakExport.Params params) throws LfException, BadInputException {
        String why = Portable.projectOnly(labeler.lfs());
        if (why != null) {
            throw new LfException(why + "; it cannot run outside the app (disable it, fit the model again and export)");
        }
        this.labeler = labeler;
        this.params = params;
        this.format = params.format().pairFormat();
    }

    /** Labels pairs whose ids are set (the same ids a project importing the same file gives them). */
    public Result label(List<Pair> pairs) throws CancelledException {
        int n = pairs.size();
        long[] ids = new long[n];
        List<String> a = new ArrayList<>(n);
        List<String> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids[i] = pairs.get(i).id();
            a.add(pairs.get(i).answerA());
            b.add(pairs.get(i).answerB());
        }
        // Lazy: only the columns the LFs read are computed (issue 22).
        FeatureTable features = FeatureCache.inMemory(ids, a, b);
        LfApplier.Applied applied = LfApplier.apply(features, labeler.lfs(), null, sink -> sink.accept(pairs, 0), ProgressListener.NONE,
                Cancellation.none());
        LabelMatrix matrix = applied.matrix();
        // The export's own rule (the matrix's ids are the pairs' ids, which seed the tie coin).
        WeakExport.WeakLabels weak = WeakExport.weakLabels(labeler, matrix, IntStream.range(0, n).toArray(), params.ties(), params.seed(),
                params.threshold());
        double[] p = weak.probabilityB();
        byte[] hard = weak.hard();
        double[] conf = new double[n];
        byte[] labels = new byte[n];
        int below = 0;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PairWriter writer = format.writer(buf)) {
            for (int k = 0; k < n; k++) {
                conf[k] = WeakExport.confidence(p[k]);
                if (!weak.kept()[k]) {
                    labels[k] = Votes.ABSTAIN;
                    below++;
                    continue;
                }
                labels[k] = hard[k];
                Pair s = pairs.get(k);
                Pair labeled = new Pair(s.id(), s.context(), s.answerA(), s.answerB(), Gold.fromCode(hard[k]), s.split(), s.source(),
                        s.sourceRow(), s.extras());
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("weak", true);
                extra.put("confidence", Math.round(conf[k] * 1e6) / 1e6);
                writer.write(labeled, extra);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return new Result(lines, ids, labels, conf, below, applied.problems());
    }
}
