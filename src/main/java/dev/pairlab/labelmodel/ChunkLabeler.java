package dev.pairlab.labelmodel;

import dev.pairlab.features.Feature;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import dev.pairlab.features.RecentAnswers;
import dev.pairlab.features.RecentTexts;
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
 *
 * <p>Preference pools repeat answers (refusals, templates, duplicated pairs), so a caller labelling chunk
 * after chunk passes what it has seen ({@link Recent}, from {@link #recent()}): an answer among the last
 * 8,192 takes the feature values it had, a pair (the same two answers) among the last 8,192 the pattern
 * LFs' votes, as a project's LF pass reuses them ({@link RecentAnswers}, {@link LfApplier#recentPairs()}).
 * Both depend only on the texts and are checked with {@code equals}, so the labels are what computing
 * everything gives. One labeler is shared by the concurrent tasks of an executor, and that memory is not
 * thread-safe: it belongs to the caller (one per Spark task, made by the task's iterator and used for its
 * chunks in turn) rather than to this class or to a thread. A thread-local would tie it to whichever pool
 * thread ran a chunk, and nothing would drop it when the task ends; a task's own memory goes with the task,
 * is bounded (two fixed tables), and makes the reuse visible to a test. Code LFs and LLM-judge or
 * exemplar LFs are not reused: code LFs vote in their worker processes, the others abstain here.
 */
public final class ChunkLabeler {

    /**
     * What one caller has seen lately: feature values of answers and pattern votes of pairs, for the
     * chunks it labels in turn with this labeler. Use from one thread at a time (calls to
     * {@link #label(List, Recent)} must not overlap).
     */
    public static final class Recent {
        private final ChunkLabeler labeler;
        private final RecentAnswers answers;
        private final RecentTexts<byte[]> pairs = LfApplier.recentPairs();

        private Recent(ChunkLabeler labeler) {
            this.labeler = labeler;
            this.answers = RecentAnswers.of(labeler.featuresRead);
        }

        /** Answers whose feature values were taken from an earlier one. */
        public long answerHits() {
            return answers.hits();
        }

        /** Answers looked up (none when the LFs read only features that are one scan of the text). */
        public long answerLookups() {
            return answers.lookups();
        }

        /** Pairs whose pattern votes were taken from an earlier one. */
        public long pairHits() {
            return pairs.hits();
        }

        /** Pairs looked up (one per pair of a chunk when the LFs have pattern rules). */
        public long pairLookups() {
            return pairs.lookups();
        }
    }

    /** One chunk's result: output lines (in chunk order) and per-pair outcomes. */
    public record Result(List<String> lines, long[] ids, byte[] labels, double[] confidence, int belowThreshold, List<LfProblem> problems) {
    }

    private final WeakExport.Labeler labeler;
    private final WeakExport.Params params;
    private final PairFormat format;
    /** Text features the LFs read, computed with a chunk's first pass (the others stay lazy). */
    private final List<String> featuresRead;

    public ChunkLabeler(WeakExport.Labeler labeler, WeakExport.Params params) throws LfException, BadInputException {
        String why = Portable.projectOnly(labeler.lfs());
        if (why != null) {
            throw new LfException(why + "; it cannot run outside the app (disable it, fit the model again and export)");
        }
        this.labeler = labeler;
        this.params = params;
        this.format = params.format().pairFormat();
        // An unknown feature stays unknown to the table, so its LF abstains with the message it always had.
        List<String> text = Features.all().stream().map(Feature::name).toList();
        this.featuresRead = LfApplier.featuresRead(labeler.lfs()).stream().filter(text::contains).toList();
    }

    /** A fresh memory of what a caller has seen, for its chunks in turn. */
    public Recent recent() {
        return new Recent(this);
    }

    /** Labels pairs whose ids are set (the same ids a project importing the same file gives them), reusing nothing of earlier calls. */
    public Result label(List<Pair> pairs) throws CancelledException {
        return label(pairs, recent());
    }

    /**
     * As {@link #label(List)}, taking the feature values of answers and the pattern votes of pairs that
     * {@code recent} saw in earlier chunks, and keeping this chunk's for the next.
     */
    public Result label(List<Pair> pairs, Recent recent) throws CancelledException {
        if (recent.labeler != this) {
            throw new IllegalArgumentException("what another labeler has seen: its values are of other LFs");
        }
        int n = pairs.size();
        long[] ids = new long[n];
        List<String> a = new ArrayList<>(n);
        List<String> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids[i] = pairs.get(i).id();
            a.add(pairs.get(i).answerA());
            b.add(pairs.get(i).answerB());
        }
        // Only the columns the LFs read are computed (issue 22), in one pass; the others stay lazy.
        FeatureTable features = FeatureCache.inMemory(ids, a, b, recent.answers);
        LfApplier.Applied applied = LfApplier.apply(features, labeler.lfs(), null, sink -> sink.accept(pairs, 0), recent.pairs,
                ProgressListener.NONE, Cancellation.none());
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
