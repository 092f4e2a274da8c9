package dev.pairlab.labelmodel;

import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.EnumSet;
import java.util.List;

/**
 * A fitted label-model run applied to one split of a project: P(B) → hard labels → confidence → kept, by
 * the export's rule ({@link WeakExport#weakLabels}: the run's class balance for {@link TiePolicy#PRIOR}, the
 * run's seed for the tie coin), with the split's gold and answer lengths beside them for evaluation. What
 * {@code model eval}, {@code model sweep-threshold} and the label-model screen measure, so they cannot
 * disagree with each other or with what an export writes.
 *
 * @param rows  the split's rows in the project's label matrix
 * @param gold  the rows' gold labels (−1 when unknown, or hidden and not revealed)
 * @param kept  at the threshold this was scored with
 */
public record ScoredSplit(ModelRecord run, Split split, int[] rows, double[] probabilityB, byte[] hard, boolean[] kept, byte[] gold,
                          float[] lengthA, float[] lengthB) {

    /**
     * @param runId  the run, or 0 for the latest
     * @param reveal read the pool's hidden gold (evaluation only)
     */
    public static ScoredSplit of(Project project, long runId, Split split, boolean reveal, TiePolicy ties, double threshold,
                                 ProgressListener progress, Cancellation cancel) throws LfException, CancelledException {
        WeakExport.Labeler labeler = WeakExport.fromProject(project, runId);
        ModelRecord run = ModelRuns.get(project, labeler.modelRun().path("id").asLong());
        ProjectLabeling.Labeled l = ProjectLabeling.label(project, reveal, progress, cancel);
        return of(labeler, run, l, split, ties, threshold);
    }

    /** On an already labeled project (the screens keep one); the tie coin is seeded by the run's seed. */
    public static ScoredSplit of(WeakExport.Labeler labeler, ModelRecord run, ProjectLabeling.Labeled l, Split split, TiePolicy ties,
                                 double threshold) {
        int[] rows = Subsets.rows(l.labels(), EnumSet.of(split));
        long seed = labeler.modelRun().path("params").path("seed").asLong(Long.parseLong(FitOptions.DEFAULT_SEED));
        WeakExport.WeakLabels w = WeakExport.weakLabels(labeler, l.matrix(), rows, ties, seed, threshold);
        byte[] gold = new byte[rows.length];
        float[] lengthA = new float[rows.length];
        float[] lengthB = new float[rows.length];
        float[] la = l.features().a("length");
        float[] lb = l.features().b("length");
        for (int k = 0; k < rows.length; k++) {
            gold[k] = l.labels().gold()[rows[k]];
            lengthA[k] = la[rows[k]];
            lengthB[k] = lb[rows[k]];
        }
        return new ScoredSplit(run, split, rows, w.probabilityB(), w.hard(), w.kept(), gold, lengthA, lengthB);
    }

    /** Accuracy, coverage and calibration against the gold this split has. */
    public Calibration.Report evaluate() {
        return Calibration.evaluate(probabilityB, hard, gold);
    }

    /** Kept pairs and their accuracy at each threshold, by the export's keep rule. */
    public List<Calibration.ThresholdPoint> sweep(double[] thresholds) {
        return Calibration.sweep(probabilityB, hard, gold, thresholds);
    }

    /** Accuracy where the longer answer is preferred and where the shorter is. */
    public LengthSplit byLength() {
        return LengthSplit.of(hard, gold, lengthA, lengthB);
    }

    public long keptCount() {
        long n = 0;
        for (boolean k : kept) {
            n += k ? 1 : 0;
        }
        return n;
    }
}
