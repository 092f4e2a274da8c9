package dev.pairlab.lf;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The common first step of stats, label models and exports: the project's features (lazy, cached),
 * its enabled LFs applied (votes cached), and the pairs' gold labels and splits, all row-aligned.
 */
public final class ProjectLabeling {

    /** Everything row-aligned with {@code matrix.ids()}. Pool gold is hidden (−1) unless revealed. */
    public record Labeled(FeatureTable features, LabelMatrix matrix, List<LfProblem> problems, Pairs.Labels labels) {
    }

    private ProjectLabeling() {
    }

    public static Labeled label(Project project, boolean revealHidden, ProgressListener progress, Cancellation cancel)
            throws CancelledException, LfException {
        // Lazy: only the columns the LFs read, and length (the statistics' longer-wins baseline), are computed here.
        FeatureTable features = FeatureCache.open(project);
        List<NamedLf> lfs = new ArrayList<>();
        for (LfRecord r : Lfs.list(project)) {
            if (r.enabled()) {
                lfs.add(NamedLf.of(r));
            }
        }
        LfApplier.Applied applied = LfApplier.apply(project, features, lfs, List.of("length"), progress, cancel);
        Pairs.Labels labels = Pairs.labels(project, revealHidden);
        if (labels.size() != features.size() || !java.util.Arrays.equals(labels.ids(), features.ids())) {
            throw new IllegalStateException("the project's pairs changed while it was being labeled; try again");
        }
        return new Labeled(features, applied.matrix(), applied.problems(), labels);
    }
}
