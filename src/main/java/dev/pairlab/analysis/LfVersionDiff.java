package dev.pairlab.analysis;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Judgements;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.List;
import java.util.Set;

/**
 * Two saved versions of an LF applied to the project's pairs and compared: each version's Snorkel LFAnalysis
 * summary and the pairs whose vote changed ({@link VoteDiff}). An LLM judge's votes are its stored answers
 * for each version, an exemplar LF's come from the project's stored sentence embeddings. What {@code lf diff} prints; a screen that compares versions should call it too.
 *
 * @param stats the old version's summary, then the new one's
 */
public record LfVersionDiff(String lf, int from, int to, LfStats.LfSummary[] stats, VoteDiff diff) {

    /**
     * @param from the old version, or null for the one before {@code to}
     * @param to   the new version, or null for the current one
     */
    public static LfVersionDiff of(Project p, String name, Integer from, Integer to, Set<Split> splits, ProgressListener progress,
                                   Cancellation cancel) throws LfException, BadInputException, CancelledException {
        LfRecord current = Lfs.get(p, name);
        if (current == null) {
            throw new BadInputException("no LF named '" + name + "'");
        }
        int newV = to == null ? current.version() : to;
        int oldV = from == null ? newV - 1 : from;
        Lfs.Version a = Lfs.version(p, name, oldV);
        Lfs.Version b = Lfs.version(p, name, newV);
        if (a == null || b == null) {
            throw new BadInputException("LF '" + name + "' has no version " + (a == null ? oldV : newV) + " (see its history)");
        }
        FeatureTable features = FeatureCache.open(p);
        List<NamedLf> lfs = List.of(new NamedLf(name + "@v" + oldV, 0, oldV, LfDefinition.parse(a.kind(), a.definition())),
                new NamedLf(name + "@v" + newV, 0, newV, LfDefinition.parse(b.kind(), b.definition())));
        byte[][] stored = new byte[2][];
        int[] versions = {oldV, newV};
        for (int i = 0; i < 2; i++) {
            if (lfs.get(i).definition() instanceof JudgeRule judge) {
                stored[i] = judge.column(Judgements.verdicts(p, current.id(), versions[i]), features.ids());
            } else if (lfs.get(i).definition() instanceof ExemplarRule exemplar) {
                stored[i] = LfApplier.exemplarColumn(p, exemplar, features.ids()); // from the project's stored embeddings
            }
        }
        LabelMatrix m = LfApplier.apply(features, lfs, stored, LfApplier.projectSource(p, features.ids()), progress, cancel).matrix();
        Pairs.Labels labels = Pairs.labels(p, false);
        int[] rows = Subsets.rows(labels, splits);
        LfStats.LfSummary[] stats = new LfStats.LfSummary[2];
        for (int i = 0; i < 2; i++) {
            LabelMatrix one = new LabelMatrix(m.ids(), List.of(lfs.get(i).name()), new byte[][] {m.column(i)});
            stats[i] = LfStats.compute(one, rows, labels.gold()).lfs().get(0);
        }
        return new LfVersionDiff(name, oldV, newV, stats, VoteDiff.of(m.column(0), m.column(1), labels.gold(), m.ids(), rows));
    }
}
