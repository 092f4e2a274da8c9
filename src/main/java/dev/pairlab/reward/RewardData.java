package dev.pairlab.reward;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs a reward model trains and is evaluated on: gold labels of the train split, plus (for
 * "gold+weak" and "soft") the pool labeled by the project's latest label model; evaluation on the
 * test split's gold labels.
 */
public final class RewardData {

    /** @param dev gold pairs of the dev split, for early stopping only */
    public record Sets(List<TrainPair> train, List<TrainPair> eval, List<TrainPair> dev, long labelModelRun) {
    }

    private RewardData() {
    }

    public static Sets load(Project project, String data, Split evalSplit, ProgressListener progress, Cancellation cancel)
            throws CancelledException, LfException {
        List<TrainPair> train = new ArrayList<>();
        List<TrainPair> eval = new ArrayList<>();
        List<TrainPair> dev = new ArrayList<>();
        Pairs.<RuntimeException, RuntimeException>forEach(project, EnumSet.of(Split.TRAIN, Split.DEV, evalSplit), false, p -> {
            if (!p.gold().known()) {
                return;
            }
            TrainPair t = new TrainPair(p.id(), p.context(), p.answerA(), p.answerB(), p.gold() == Gold.A ? 1 : 0, false);
            (p.split() == evalSplit ? eval : p.split() == Split.DEV ? dev : train).add(t);
        });
        long run = 0;
        if (!data.equals("gold")) {
            WeakExport.Labeler labeler = WeakExport.fromProject(project, 0);
            run = labeler.modelRun().path("id").asLong();
            ProjectLabeling.Labeled l = ProjectLabeling.label(project, false, progress, cancel);
            int[] pool = Subsets.rows(l.labels(), EnumSet.of(Split.POOL));
            double[] pb = labeler.model().probabilityB(l.matrix(), pool);
            Map<Long, Double> probA = new HashMap<>();
            for (int k = 0; k < pool.length; k++) {
                probA.put(l.matrix().ids()[pool[k]], 1 - pb[k]);
            }
            Pairs.<RuntimeException, RuntimeException>forEach(project, EnumSet.of(Split.POOL), false, (Pair p) -> {
                Double pa = probA.get(p.id());
                if (pa == null || Math.abs(pa - 0.5) < 1e-12) {
                    return; // no opinion: nothing to learn from
                }
                double label = data.equals("soft") ? pa : (pa > 0.5 ? 1 : 0);
                train.add(new TrainPair(p.id(), p.context(), p.answerA(), p.answerB(), label, true));
            });
        }
        return new Sets(train, eval, dev, run);
    }
}
