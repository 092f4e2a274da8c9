package dev.pairlab.reward;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import java.nio.file.Path;
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

    /** The pairs of an importable file that have a gold label, and how many had none. */
    public record Labeled(List<Pair> pairs, int withoutGold, String format) {
    }

    /**
     * Reads any importable file (the import's formats, detection and options such as a field mapping) for
     * evaluation: the pairs with a gold label, in file order; a bad record fails with file, line and field.
     */
    public static Labeled readLabeled(Path file, ImportOptions options) throws java.io.IOException, BadInputException {
        PairFormat format = Formats.resolve(file, options);
        List<Pair> out = new ArrayList<>();
        int withoutGold = 0;
        try (PairReader r = format.open(file, options)) {
            ParsedRecord rec;
            while ((rec = r.next()) != null) {
                if (rec.error() != null) {
                    throw new BadInputException(rec.error().describe(file.toString()));
                }
                if (rec.isOk() && rec.pair().gold() != Gold.NONE) {
                    out.add(rec.pair());
                } else if (rec.isOk()) {
                    withoutGold++;
                }
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(file + ": no pairs with gold labels" + (withoutGold > 0 ? " (" + withoutGold + " without)" : ""));
        }
        return new Labeled(out, withoutGold, format.id());
    }

    /** A file's labeled pairs as evaluation pairs (the preferred answer's probability 1). */
    public static List<TrainPair> evaluationPairs(List<Pair> pairs) {
        List<TrainPair> out = new ArrayList<>(pairs.size());
        long id = 1;
        for (Pair p : pairs) {
            out.add(new TrainPair(id++, p.context(), p.answerA(), p.answerB(), p.gold() == Gold.A ? 1 : 0, false));
        }
        return out;
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
