package dev.pairlab.reward;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.TiePolicy;
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

    public static Sets load(Project project, RewardConfig.Data data, Split evalSplit, ProgressListener progress, Cancellation cancel)
            throws CancelledException, LfException {
        return load(project, data, 0, 0, evalSplit, progress, cancel);
    }

    /**
     * The train, evaluation and dev pairs; for gold+weak and soft, plus the pool pairs that label-model run
     * ({@code modelRun}, 0: the latest) labels under the export's rule ({@link WeakExport#weakLabels}: its
     * tie policy, seed and class balance, and the confidence threshold), so training uses the pairs
     * {@code export weak --model RUN --threshold T} writes.
     */
    public static Sets load(Project project, RewardConfig.Data data, long modelRun, double threshold, Split evalSplit, ProgressListener progress,
                            Cancellation cancel) throws CancelledException, LfException {
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
        if (data.weak()) {
            WeakExport.Labeler labeler = WeakExport.fromProject(project, modelRun);
            run = labeler.modelRun().path("id").asLong();
            ProjectLabeling.Labeled l = ProjectLabeling.label(project, false, progress, cancel);
            int[] pool = Subsets.rows(l.labels(), EnumSet.of(Split.POOL));
            com.fasterxml.jackson.databind.JsonNode fit = labeler.modelRun().path("params");
            WeakExport.WeakLabels weak = WeakExport.weakLabels(labeler, l.matrix(), pool,
                    TiePolicy.parse(fit.path("ties").asText("random")), fit.path("seed").asLong(123), threshold);
            Map<Long, Double> probA = new HashMap<>();
            for (int k = 0; k < pool.length; k++) {
                if (weak.kept()[k]) {
                    // Soft: the model's probability; hard: its label, a tie decided as the export decides it.
                    probA.put(l.matrix().ids()[pool[k]], data == RewardConfig.Data.SOFT ? 1 - weak.probabilityB()[k] : weak.hard()[k] == 0 ? 1.0 : 0.0);
                }
            }
            Pairs.<RuntimeException, RuntimeException>forEach(project, EnumSet.of(Split.POOL), false, (Pair p) -> {
                Double pa = probA.get(p.id());
                if (pa != null) {
                    train.add(new TrainPair(p.id(), p.context(), p.answerA(), p.answerB(), pa, true));
                }
            });
        }
        return new Sets(train, eval, dev, run);
    }
}
