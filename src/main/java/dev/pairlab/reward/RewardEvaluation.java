package dev.pairlab.reward;

import dev.pairlab.analysis.Intervals;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.lf.LfException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained reward model's pairwise accuracy on a split of the project with gold labels, or on another
 * data set ({@link FileEvaluation}): {@code rm eval} and the training screen's "Score on a file".
 */
public final class RewardEvaluation {

    private RewardEvaluation() {
    }

    /**
     * @param run      the training run (0: the latest)
     * @param split    the project's split to score on (ignored with a file)
     * @param file     another data set instead, any file the import reads; null for the split
     * @param format   the file's format (null: detected)
     * @param columns  as for an import: the file's fields or columns mapped to roles
     * @param labelMap as for an import: what each label value means
     * @param byLength also split the accuracy by whether the longer or the shorter answer is preferred
     */
    public record Params(long run, Split split, Path file, String format, Map<String, String> columns, Map<String, String> labelMap,
                         boolean byLength) implements Parameters {

        public static final String DEFAULT_SPLIT = "test";
        public static final String DESC_SPLIT = "The project's split to score on";
        public static final String DESC_FILE = "Score on another data set instead: any file 'pairlab import' reads (JSON lines, JSON array,"
                + " CSV, .gz; format detected or given). Nothing is imported; pairs without a gold label are left out.";
        public static final String DESC_FORMAT = "The file's format (see 'pairlab formats'); default: detected.";
        public static final String DESC_COLUMNS = "As for import: map the file's fields or columns to roles.";
        public static final String DESC_LABEL_MAP = "As for import: what each label value means.";
        public static final String DESC_BY_LENGTH = "Also split the accuracy by whether the longer or the shorter answer is preferred"
                + " (default on).";

        public Params {
            columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
            labelMap = labelMap == null ? Map.of() : new LinkedHashMap<>(labelMap);
        }

        /** The latest run on a split. */
        public static Params onSplit(long run, Split split) {
            return new Params(run, split, null, null, null, null, true);
        }

        /** A run on a file, its format detected. */
        public static Params onFile(long run, Path file) {
            return new Params(run, Split.parse(DEFAULT_SPLIT), file, null, null, null, true);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (run < 0) {
                problems.add(Problem.of("run", "the run must be a run id, or 0 for the latest (got " + run + ")"));
            }
            if (file == null && split == null) {
                problems.add(Problem.of("split", "choose the split to score on"));
            }
            return problems;
        }
    }

    /**
     * @param on          what was scored, for people: the split's name, or the file's name, format and pairs left out
     * @param file        the file's evaluation, or null for a split
     * @param interval    the 95 % Wilson interval of the accuracy
     * @param byLength    the accuracy where the longer / the shorter answer is preferred, or null when not asked
     */
    public record Result(TrainingRuns.Run run, String on, Trainer.Evaluation evaluation, FileEvaluation file, Intervals.Interval interval,
                         LengthSplit byLength) {

        /** Whether the run is scored by its quality head alone (a learned length term left out). */
        public boolean qualityHeadOnly() {
            return RewardTraining.lengthTerm(run) == RewardConfig.Length.LEARNED;
        }
    }

    /** The workflow. */
    public record Job(Project project, Params params) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            TrainingRuns.Run r = TrainingRuns.get(project, params.run());
            if (r == null) {
                throw new LfException("no training run" + (params.run() > 0 ? " " + params.run() : "s yet"));
            }
            Trainer.Evaluation ev;
            String on;
            FileEvaluation fe = null;
            if (params.file() != null) {
                ImportOptions options = ImportOptions.defaults().withFormat(params.format()).withColumns(params.columns())
                        .withLabelMap(params.labelMap());
                fe = FileEvaluation.of(r.dir(), params.file(), options);
                ev = fe.evaluation();
                on = params.file().getFileName() + " (" + fe.format() + (fe.withoutGold() > 0 ? ", " + fe.withoutGold()
                        + " pairs without gold left out" : "") + ")";
            } else {
                List<TrainPair> pairs = RewardData.load(project, RewardConfig.Data.GOLD, params.split(), progress, cancel).eval();
                on = params.split().key();
                try (RewardNet net = RewardTraining.load(r.dir(), "auto")) {
                    ev = Trainer.evaluate(net, pairs, 32);
                }
            }
            Intervals.Interval ci = Intervals.wilson(Math.round(ev.accuracy() * ev.pairs()), ev.pairs());
            return new Result(r, on, ev, fe, ci, params.byLength() ? ev.byLength() : null);
        }

        @Override
        public String title() {
            return "Scoring " + (params.run() == 0 ? "the latest run" : "run " + params.run()) + " on "
                    + (params.file() != null ? params.file().getFileName() : params.split().key());
        }
    }
}
