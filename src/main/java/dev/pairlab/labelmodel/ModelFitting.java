package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.Intervals;
import dev.pairlab.analysis.LfAgreement;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LabelMatrixCsv;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Workflow;
import java.nio.file.Path;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits a label model on a project (or a bare label matrix) and evaluates it beside majority vote
 * on rows with visible gold labels.
 */
public final class ModelFitting {

    /**
     * One LF's accuracy as the model learned it, as measured on the labeled rows it was fitted on (with
     * its 95 % interval, and whether that interval is wholly below 0.5), and as measured on the
     * evaluation rows ({@code empirical}, on {@link Result#evalOn()}: for a look, never for choices).
     */
    public record LfAccuracy(String name, double learned, double labeled, Intervals.Interval labeledInterval, long labeledVotes,
                             boolean belowChance, double empirical) {
    }

    /**
     * @param model    the label model's evaluation; {@code majority} is majority vote's on the same rows
     * @param record   the stored run, or null when fitted on a bare matrix
     */
    public record Result(LabelModel fitted, Calibration.Report model, Calibration.Report majority, String evalOn, int fitRows,
                         long fitMillis, List<LfAccuracy> lfs, ModelRecord record, ByLength byLength, String duplicates) {

        public Result(LabelModel fitted, Calibration.Report model, Calibration.Report majority, String evalOn, int fitRows,
                      long fitMillis, List<LfAccuracy> lfs, ModelRecord record) {
            this(fitted, model, majority, evalOn, fitRows, fitMillis, lfs, record, null, null);
        }

        /** The LFs that {@code belowChance} flagged. */
        public List<String> belowChance() {
            return lfs.stream().filter(LfAccuracy::belowChance).map(LfAccuracy::name).toList();
        }
    }

    /** Fitting on a project as a job: what {@code model fit PROJECT} and the label-model screen both run. */
    public record Job(Project project, FitParams params) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws InvalidParametersException, CancelledException, LfException {
            params.requireValid();
            return fit(project, params, progress, cancel);
        }

        @Override
        public String title() {
            return "Fitting " + params.type().key();
        }
    }

    /** Fitting on a label-matrix CSV ('lf matrix', or another tool's), evaluated on its rows with gold. */
    public record MatrixJob(Path matrix, FitParams params) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            LabelMatrixCsv.Read read = LabelMatrixCsv.read(matrix);
            int[] all = Subsets.all(read.matrix().n());
            return fitAndEvaluate(read.matrix(), all, all, read.gold(), params,
                    params.type().usesGold() ? "rows with gold (also fitted on them: optimistic)" : "rows with gold", progress, cancel);
        }

        @Override
        public String title() {
            return "Fitting " + params.type().key() + " on " + matrix.getFileName();
        }
    }

    /** The label model's and majority vote's hard labels on the evaluation rows, split by which answer is longer. */
    public record ByLength(LengthSplit model, LengthSplit majority) {
    }

    private ModelFitting() {
    }

    /** Fits on the project, evaluates, and stores the run. */
    public static Result fit(Project project, FitParams params, ProgressListener progress, Cancellation cancel)
            throws CancelledException, LfException {
        ProjectLabeling.Labeled l = ProjectLabeling.label(project, false, progress, cancel);
        if (l.matrix().m() == 0) {
            throw new LfException("the project has no enabled labeling functions; add some first ('pairlab lf preset')");
        }
        int[] fitRows = Subsets.rows(l.labels(), params.fitSplits());
        if (fitRows.length == 0) {
            throw new LfException("nothing to fit on: the " + params.fitOn() + " rows are empty"
                    + (params.fitOn() == FitParams.FitOn.LABELED ? " (split the project first, or fit on the pool)" : ""));
        }
        if (params.type().usesGold() && IntStream.of(fitRows).noneMatch(r -> l.labels().gold()[r] >= 0)) {
            throw new LfException(params.type() + " learns from the labeled split's gold, and the rows it is fitted on have none"
                    + " (fit it on labeled or labeled+pool after splitting)");
        }
        int[] evalRows = Subsets.rows(l.labels(), EnumSet.of(params.evalSplit()));
        Result r = fitAndEvaluate(l.matrix(), fitRows, evalRows, l.labels().gold(), params, params.evalSplit().key(), progress, cancel);
        int[] labeledEval = IntStream.of(evalRows).filter(i -> l.labels().gold()[i] >= 0).toArray();
        ByLength byLength = new ByLength(byLength(r.fitted(), l, labeledEval, params), byLength(new MajorityVote(), l, labeledEval, params));
        String duplicates = LfAgreement.duplicateWarning(l.matrix(), fitRows);
        r = new Result(r.fitted(), r.model(), r.majority(), r.evalOn(), r.fitRows(), r.fitMillis(), r.lfs(), null, byLength, duplicates);
        if (!project.writable()) {
            return r;
        }
        ModelRecord saved = ModelRuns.save(project, params.type().key(), params.toJson().toString(), params.fitOn().key(),
                lfVersions(project, l.matrix()).toString(), r.fitted().toJson().toString(), metrics(r).toString());
        FitStatus.rememberGold(project, saved, l.labels());
        return new Result(r.fitted(), r.model(), r.majority(), r.evalOn(), r.fitRows(), r.fitMillis(), r.lfs(), saved, byLength, duplicates);
    }

    /** A model's hard labels on rows, split by which answer is longer (the model need not be fitted for majority vote). */
    static LengthSplit byLength(LabelModel model, ProjectLabeling.Labeled l, int[] rows, FitParams params) {
        double[] p = model.probabilityB(l.matrix(), rows);
        long[] ids = IntStream.of(rows).mapToLong(i -> l.matrix().ids()[i]).toArray();
        byte[] hard = HardLabels.of(p, ids, params.ties(), params.options().classBalanceB(), params.options().seed());
        byte[] full = new byte[l.matrix().n()];
        java.util.Arrays.fill(full, (byte) -1);
        for (int k = 0; k < rows.length; k++) {
            full[rows[k]] = hard[k];
        }
        return LengthSplit.ofRows(full, l.labels().gold(), l.features().a("length"), l.features().b("length"), rows);
    }

    /** Fits on {@code fitRows} and evaluates on those of {@code evalRows} with gold. */
    public static Result fitAndEvaluate(LabelMatrix matrix, int[] fitRows, int[] evalRows, byte[] gold, FitParams params, String evalOn,
                                        ProgressListener progress, Cancellation cancel) throws CancelledException {
        // Gold the fit may read: that of the fit rows only (the labeled split's; the pool's is hidden), never the evaluation rows'.
        byte[] fitGold = new byte[gold.length];
        java.util.Arrays.fill(fitGold, (byte) -1);
        for (int r : fitRows) {
            fitGold[r] = gold[r];
        }
        int[] labeledFit = IntStream.of(fitRows).filter(r -> fitGold[r] >= 0).toArray();
        LfStats.Report onLabeled = LfStats.compute(matrix, labeledFit, fitGold);
        boolean[] below = new boolean[matrix.m()];
        for (int j = 0; j < matrix.m(); j++) {
            below[j] = onLabeled.lfs().get(j).belowChance();
        }
        LabelModel model = params.type().create();
        FitOptions.BelowChance action = params.options().belowChance();
        if (action != FitOptions.BelowChance.KEEP && IntStream.range(0, below.length).anyMatch(j -> below[j])) {
            model = new AdjustedLfsModel(model, action, below);
        }
        long start = System.nanoTime();
        model.fit(matrix, fitRows, fitGold, params.options(), progress, cancel);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int[] labeledEval = IntStream.of(evalRows).filter(r -> gold[r] >= 0).toArray();
        Calibration.Report mine = evaluate(model, matrix, labeledEval, gold, params);
        Calibration.Report majority = evaluate(new MajorityVote(), matrix, labeledEval, gold, params);
        LfStats.Report stats = LfStats.compute(matrix, labeledEval, gold);
        double[] learned = model.lfAccuracies();
        List<LfAccuracy> lfs = new ArrayList<>();
        for (int j = 0; j < matrix.m(); j++) {
            LfStats.LfSummary lab = onLabeled.lfs().get(j);
            lfs.add(new LfAccuracy(matrix.names().get(j), j < learned.length ? learned[j] : Double.NaN, lab.accuracy(), lab.accuracyInterval(),
                    lab.correct() + lab.incorrect(), below[j], stats.lfs().get(j).accuracy()));
        }
        return new Result(model, mine, majority, evalOn, fitRows.length, millis, lfs, null);
    }

    static Calibration.Report evaluate(LabelModel model, LabelMatrix matrix, int[] rows, byte[] gold, FitParams params) {
        double[] p = model.probabilityB(matrix, rows);
        long[] ids = IntStream.of(rows).mapToLong(r -> matrix.ids()[r]).toArray();
        byte[] hard = HardLabels.of(p, ids, params.ties(), params.options().classBalanceB(), params.options().seed());
        byte[] g = new byte[rows.length];
        for (int k = 0; k < rows.length; k++) {
            g[k] = gold[rows[k]];
        }
        return Calibration.evaluate(p, hard, g);
    }

    /** The LFs of a matrix with the versions the project has now. */
    static ArrayNode lfVersions(Project project, LabelMatrix matrix) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String name : matrix.names()) {
            LfRecord r = Lfs.get(project, name);
            a.addObject().put("name", name).put("id", r.id()).put("version", r.version());
        }
        return a;
    }

    /** Whether the project's enabled LFs are still those (and those versions) a run was fitted on. */
    public static boolean lfsUnchanged(Project project, ModelRecord run) {
        try {
            JsonNode lfs = Json.MAPPER.readTree(run.lfs());
            List<LfRecord> now = Lfs.list(project).stream().filter(LfRecord::enabled).toList();
            if (now.size() != lfs.size()) {
                return false;
            }
            for (int j = 0; j < now.size(); j++) {
                if (!now.get(j).name().equals(lfs.get(j).path("name").asText()) || now.get(j).version() != lfs.get(j).path("version").asInt()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static ObjectNode metrics(Result r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("eval_on", r.evalOn());
        o.put("fit_rows", r.fitRows());
        o.put("fit_ms", r.fitMillis());
        o.set("model", report(r.model()));
        o.set("majority", report(r.majority()));
        if (r.byLength() != null) {
            o.set("model_by_length", lengthJson(r.byLength().model()));
            o.set("majority_by_length", lengthJson(r.byLength().majority()));
        }
        ArrayNode lfs = o.putArray("lfs");
        for (LfAccuracy a : r.lfs()) {
            ObjectNode x = lfs.addObject().put("name", a.name());
            putNumber(x, "learned_accuracy", a.learned());
            putNumber(x, "labeled_accuracy", a.labeled());
            ArrayNode ci = x.putArray("labeled_accuracy_interval");
            ci.add(a.labeledInterval().low()).add(a.labeledInterval().high());
            x.put("labeled_votes", a.labeledVotes());
            x.put("below_chance", a.belowChance());
            putNumber(x, "empirical_accuracy", a.empirical());
            x.put("empirical_on", r.evalOn());
        }
        return o;
    }

    /** A length split as JSON: both groups' sizes and accuracies, the length-balanced accuracy and the "longer wins" baseline. */
    public static ObjectNode lengthJson(LengthSplit l) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("longer_preferred_pairs", l.longerPreferred()).put("shorter_preferred_pairs", l.shorterPreferred());
        putNumber(o, "accuracy_longer_preferred", l.accuracyLongerPreferred());
        putNumber(o, "accuracy_shorter_preferred", l.accuracyShorterPreferred());
        putNumber(o, "length_balanced_accuracy", l.balancedAccuracy());
        putNumber(o, "longer_wins_baseline", l.longerWinsBaseline());
        return o;
    }

    /** The 95 % interval of a report's accuracy (over the rows it labeled). */
    public static Intervals.Interval accuracyInterval(Calibration.Report c) {
        long n = Math.round(c.rows() * c.coverage());
        return Intervals.wilson(Math.round(c.accuracy() * n), n);
    }

    public static ObjectNode report(Calibration.Report c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rows", c.rows());
        putNumber(o, "accuracy", c.accuracy());
        Intervals.Interval ci = accuracyInterval(c);
        if (!Double.isNaN(ci.low())) {
            o.putArray("accuracy_interval").add(ci.low()).add(ci.high());
        }
        putNumber(o, "expected_accuracy", c.expectedAccuracy());
        putNumber(o, "coverage", c.coverage());
        o.put("ties_broken", c.tiesBroken());
        putNumber(o, "ties_broken_share", c.tiesBrokenShare());
        putNumber(o, "log_loss", c.logLoss());
        putNumber(o, "brier", c.brier());
        putNumber(o, "ece", c.ece());
        ArrayNode bins = o.putArray("reliability");
        for (Calibration.Bin b : c.reliability()) {
            ObjectNode x = bins.addObject().put("from", b.from()).put("to", b.to()).put("count", b.count());
            putNumber(x, "mean_confidence", b.meanConfidence());
            putNumber(x, "accuracy", b.accuracy());
        }
        return o;
    }

    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /** The pool split, for callers that evaluate weak labels (hidden gold revealed for evaluation only). */
    public static EnumSet<Split> pool() {
        return EnumSet.of(Split.POOL);
    }
}
