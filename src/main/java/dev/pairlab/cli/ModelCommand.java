package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.labelmodel.Calibration;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.LabelModelType;
import dev.pairlab.labelmodel.ModelEvaluation;
import dev.pairlab.labelmodel.ThresholdSweep;
import dev.pairlab.labelmodel.ModelFitting;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.labelmodel.RunList;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Label models: fit, evaluate, sweep the confidence threshold, list runs.",
        subcommands = {ModelCommand.Fit.class, ModelCommand.Eval.class, ModelCommand.Sweep.class, ModelCommand.ListRuns.class,
            PortableCommands.ModelExport.class})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.3f", v);
    }

    static void printReport(PrintWriter out, String label, Calibration.Report r, TiePolicy ties) {
        dev.pairlab.analysis.Intervals.Interval ci = ModelFitting.accuracyInterval(r);
        out.printf("  %-14s accuracy %s [%s, %s] (ties as ½: %s)  coverage %s%s  log loss %s  Brier %s  ECE %s  (%d pairs)%n", label,
                f3(r.accuracy()), f3(ci.low()), f3(ci.high()), f3(r.expectedAccuracy()), f3(r.coverage()), tiesNote(r, ties), f3(r.logLoss()),
                f3(r.brier()), f3(r.ece()), r.rows());
    }

    /** Beside coverage: how much of it is the tie policy's, not the model's (Snorkel abstains at P = 0.5). */
    static String tiesNote(Calibration.Report r, TiePolicy ties) {
        if (r.tiesBroken() == 0) {
            return "";
        }
        String by = ties == TiePolicy.RANDOM ? "by a coin" : ties == TiePolicy.PRIOR ? "by the prior" : "by the tie policy";
        return String.format(java.util.Locale.ROOT, " (%s = %d pairs at P = 0.5 decided %s; with --ties abstain %s)",
                f3(r.tiesBrokenShare()), r.tiesBroken(), by, f3(r.coverage() - r.tiesBrokenShare()));
    }

    /** Each accuracy beside its length baselines: where the longer answer is preferred, where the shorter is, their mean. */
    static void printByLength(PrintWriter out, ModelFitting.ByLength b) {
        if (b == null) {
            return;
        }
        for (var e : java.util.Map.of("label model", b.model(), "majority vote", b.majority()).entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())).toList()) {
            dev.pairlab.analysis.LengthSplit l = e.getValue();
            out.printf("  %-14s length-balanced %s (longer preferred: %s on %d pairs, shorter preferred: %s on %d)%n", e.getKey(),
                    f3(l.balancedAccuracy()), f3(l.accuracyLongerPreferred()), l.longerPreferred(), f3(l.accuracyShorterPreferred()),
                    l.shorterPreferred());
        }
        out.printf("  %-14s accuracy %s (the share of pairs whose longer answer is preferred)%n", "'longer wins'",
                f3(b.model().longerWinsBaseline()));
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, description = {
        "Fit a label model on the LF votes of the labeled split (--on labeled, as the paper) or of the pool (--on pool),",
        "and evaluate it beside majority vote on --eval-split. With --matrix L.csv (from 'lf matrix') it fits on that",
        "matrix instead of a project and evaluates on its rows with gold."})
    static final class Fit implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "The project (omit with --matrix).")
        Path project;

        @Option(names = "--matrix", paramLabel = "L.csv", description = "Fit on a label-matrix CSV instead of a project.")
        Path matrix;

        @Option(names = "--type", defaultValue = FitParams.DEFAULT_TYPE, converter = ChoiceConverters.ModelTypes.class,
                description = FitParams.DESC_TYPE)
        LabelModelType type;

        @Option(names = "--on", converter = ChoiceConverters.FitOns.class, description = FitParams.DESC_FIT_ON)
        FitParams.FitOn on;

        @Option(names = "--prior-strength", defaultValue = FitOptions.DEFAULT_PRIOR_STRENGTH, description = FitOptions.DESC_PRIOR_STRENGTH)
        double priorStrength;

        @Option(names = "--below-chance", defaultValue = FitOptions.DEFAULT_BELOW_CHANCE, converter = ChoiceConverters.BelowChances.class,
                description = FitOptions.DESC_BELOW_CHANCE)
        FitOptions.BelowChance belowChance;

        @Option(names = "--epochs", defaultValue = FitOptions.DEFAULT_EPOCHS, description = FitOptions.DESC_EPOCHS + " (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--lr", defaultValue = FitOptions.DEFAULT_LR, description = FitOptions.DESC_LR + " (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--optimizer", defaultValue = FitOptions.DEFAULT_OPTIMIZER, converter = ChoiceConverters.Optimizers.class,
                description = FitOptions.DESC_OPTIMIZER)
        FitOptions.Optimizer optimizer;

        @Option(names = "--l2", defaultValue = FitOptions.DEFAULT_L2, description = FitOptions.DESC_L2)
        double l2;

        @Option(names = "--prec-init", defaultValue = FitOptions.DEFAULT_PREC_INIT, description = FitOptions.DESC_PREC_INIT + " (default ${DEFAULT-VALUE}).")
        double precInit;

        @Option(names = "--class-balance", defaultValue = FitOptions.DEFAULT_CLASS_BALANCE,
                description = FitOptions.DESC_CLASS_BALANCE + " (default ${DEFAULT-VALUE}).")
        double balance;

        @Option(names = "--seed", defaultValue = FitOptions.DEFAULT_SEED, description = FitOptions.DESC_SEED + " (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--ties", defaultValue = FitParams.DEFAULT_TIES, converter = ChoiceConverters.Ties.class,
                description = FitParams.DESC_TIES + " (default ${DEFAULT-VALUE}).")
        TiePolicy ties;

        @Option(names = "--eval-split", defaultValue = FitParams.DEFAULT_EVAL_SPLIT, converter = ChoiceConverters.Splits.class,
                description = FitParams.DESC_EVAL_SPLIT + " (default ${DEFAULT-VALUE}).")
        Split evalSplit;

        @Mixin
        QuietOption quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            FitParams params = new FitParams(type, new FitOptions(balance, epochs, lr, l2, precInit, seed, priorStrength, belowChance, optimizer),
                    on, ties, evalSplit);
            if ((matrix == null) == (project == null)) {
                throw new IllegalArgumentException(matrix == null ? "give PROJECT or --matrix L.csv" : "give either PROJECT or --matrix, not both");
            }
            ModelFitting.Result r;
            try (ConsoleProgress progress = quiet.progress()) {
                if (matrix != null) {
                    r = new ModelFitting.MatrixJob(matrix, params).run(progress, Cancellation.none());
                } else {
                    try (Project p = Project.open(project, Project.Access.READ_WRITE)) {
                        r = new ModelFitting.Job(p, params).run(progress, Cancellation.none());
                    }
                    if (r.duplicates() != null) {
                        spec.commandLine().getErr().println("pairlab: warning: " + r.duplicates());
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("type", type.key()).put("fit_on", matrix != null ? "matrix" : params.fitOn().key());
                o.put("run", r.record() == null ? 0 : r.record().id());
                ObjectNode metrics = ModelFitting.metrics(r);
                o.setAll(metrics);
                o.put("accuracy", r.model().accuracy());
                o.put("coverage", r.model().coverage());
                o.put("ties", params.ties().key());
                // Pairs whose hard label is a coin flip (P = 0.5 under --ties random), counted in coverage.
                o.put("coin_flips", params.ties() == TiePolicy.RANDOM ? r.model().tiesBroken() : 0);
                o.put("coin_flip_share", params.ties() == TiePolicy.RANDOM ? r.model().tiesBrokenShare() : 0.0);
                o.put("ece", r.model().ece());
                Output.print(out, o);
            } else {
                out.printf("Fitted %s on %d pairs (%s) in %d ms%s%n", type, r.fitRows(), matrix != null ? matrix : params.fitOn(), r.fitMillis(),
                        r.record() == null ? "" : "; saved as run " + r.record().id());
                out.println("Evaluation on " + r.evalOn() + ":");
                printReport(out, "label model", r.model(), params.ties());
                printReport(out, "majority vote", r.majority(), params.ties());
                printByLength(out, r.byLength());
                // With --matrix there are no splits: the rows with gold serve both columns.
                String labTitle = matrix != null ? "on rows with gold [95% CI]" : params.labeledAccuracyTitle();
                String evalTitle = matrix != null ? "on " + r.evalOn() : params.evaluationAccuracyTitle();
                out.printf("  %-20s %8s %-34s %s%n", "LF", "learned", labTitle, evalTitle);
                for (ModelFitting.LfAccuracy a : r.lfs()) {
                    String lab = Double.isNaN(a.labeled()) ? "-" : f3(a.labeled()) + " [" + f3(a.labeledInterval().low()) + ", "
                            + f3(a.labeledInterval().high()) + "] n=" + a.labeledVotes();
                    out.printf("  %-20s %8s %-34s %9s%s%n", a.name(), f3(a.learned()), lab, f3(a.empirical()), a.belowChance() ? "  BELOW CHANCE" : "");
                }
            }
            List<String> below = r.belowChance();
            if (!below.isEmpty()) {
                spec.commandLine().getErr().println("pairlab: warning: worse than a coin on the labeled split (95 % interval below 0.5): "
                        + String.join(", ", below) + (params.options().belowChance() == FitOptions.BelowChance.KEEP
                        ? "; kept (--below-chance drop or invert to change that)"
                        : params.options().belowChance() == FitOptions.BelowChance.DROP ? "; dropped" : "; inverted"));
            }
            return Cli.OK;
        }
    }

    /** Runs a reading job on the project, keeping what it computes where the file can be written (see {@link Projects#openForCaching}). */
    static <T> T onProject(ProjectArg project, Output output, CommandSpec spec, java.util.function.Function<Project, Workflow<T>> job)
            throws Exception {
        try (Project p = Projects.openForCaching(project.file)) {
            T result = job.apply(p).run(ProgressListener.NONE, Cancellation.none());
            Projects.noteUncached(p, output.json, spec.commandLine().getErr());
            return result;
        }
    }

    /** Which label-model run a command used, in words: "run 3 (snorkel, fitted on labeled at 2026-…)". */
    static String describeRun(ModelRecord r) {
        return "label model run " + r.id() + " (" + r.type() + ", fitted on " + r.fitOn() + " at " + r.createdAt() + ")";
    }

    /** The same as JSON: run, type, fit_on, fitted_at. */
    static ObjectNode runJson(ModelRecord r) {
        return Json.MAPPER.createObjectNode().put("run", r.id()).put("type", r.type()).put("fit_on", r.fitOn()).put("fitted_at", r.createdAt());
    }

    /** The run {@link WeakExport#fromProject} chose: the given id, or the latest. */
    static ModelRecord runOf(Project project, WeakExport.Labeler labeler) {
        return ModelRuns.get(project, labeler.modelRun().path("id").asLong());
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate the latest label model (or --run) on a split with gold labels.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--split", defaultValue = ModelEvaluation.Params.DEFAULT_SPLIT, converter = ChoiceConverters.Splits.class,
                description = ModelEvaluation.Params.DESC_SPLIT)
        Split split;

        @Mixin
        RunOption run;

        @Option(names = "--ties", defaultValue = ModelEvaluation.Params.DEFAULT_TIES, converter = ChoiceConverters.Ties.class,
                description = ModelEvaluation.Params.DESC_TIES + " (default ${DEFAULT-VALUE}).")
        TiePolicy ties;

        @Option(names = "--by-length", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = ModelEvaluation.Params.DESC_BY_LENGTH)
        boolean byLength;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelEvaluation.Result e = onProject(project, output, spec,
                    p -> new ModelEvaluation.Job(p, new ModelEvaluation.Params(run.run, split, ties, byLength)));
            Split s = e.split();
            Calibration.Report r = e.report();
            dev.pairlab.analysis.LengthSplit ls = e.byLength();
            if (output.json) {
                ObjectNode o = ModelFitting.report(r).put("split", s.key());
                if (ls != null) {
                    o.set("by_length", RmCommand.lengthJson(ls));
                }
                Output.print(spec.commandLine().getOut(), o);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                printReport(out, s.key() + (s == Split.POOL ? " (hidden gold)" : ""), r, ties);
                if (ls != null) {
                    RmCommand.printLength(out, ls);
                }
                out.printf("  %-12s %7s %10s %9s%n", "confidence", "pairs", "mean conf", "accuracy");
                for (Calibration.Bin b : r.reliability()) {
                    if (b.count() > 0) {
                        out.printf("  %.1f–%.1f    %7d %10s %9s%n", b.from(), b.to(), b.count(), f3(b.meanConfidence()), f3(b.accuracy()));
                    }
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "sweep-threshold", mixinStandardHelpOptions = true, description = {
        "Coverage/accuracy trade-off of keeping pool pairs whose confidence is at least t. Accuracy is measured",
        "against the pool's hidden gold labels: an evaluation-only number."})
    static final class Sweep implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--split", defaultValue = ThresholdSweep.Params.DEFAULT_SPLIT, converter = ChoiceConverters.Splits.class)
        Split split;

        @Mixin
        RunOption run;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ThresholdSweep.Result sweep = onProject(project, output, spec, p -> new ThresholdSweep.Job(p, new ThresholdSweep.Params(run.run, split)));
            Split s = sweep.split();
            ModelRecord used = sweep.run();
            List<Calibration.ThresholdPoint> points = sweep.points();
            if (output.json) {
                ObjectNode o = Output.object().put("split", s.key()).put("evaluation_only", true);
                o.set("label_model", runJson(used));
                ArrayNode list = o.putArray("points");
                for (Calibration.ThresholdPoint pt : points) {
                    ObjectNode x = list.addObject().put("threshold", pt.threshold()).put("kept", pt.kept()).put("coverage", pt.coverage());
                    if (Double.isNaN(pt.accuracy())) {
                        x.putNull("accuracy");
                    } else {
                        x.put("accuracy", pt.accuracy());
                    }
                }
                Output.print(spec.commandLine().getOut(), o);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Confidence of " + describeRun(used) + " on the " + s.key() + " split:");
                out.println("threshold     kept  coverage  accuracy (hidden gold, evaluation only)");
                for (Calibration.ThresholdPoint pt : points) {
                    out.printf("%9.2f %8d %9.3f %9s%n", pt.threshold(), pt.kept(), pt.coverage(), f3(pt.accuracy()));
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List fitted label-model runs.")
    static final class ListRuns extends OneJobCommand<List<RunList.Run>> {

        @Override
        Workflow<List<RunList.Run>> job(Project p) {
            return new RunList.Job(p);
        }

        @Override
        void print(List<RunList.Run> runs, PrintWriter out) {
            if (output.json) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (RunList.Run run : runs) {
                    ModelRecord r = run.record();
                    list.addObject().put("run", r.id()).put("type", r.type()).put("fit_on", r.fitOn()).put("created_at", r.createdAt())
                            .set("metrics", run.model());
                }
                Output.print(out, Output.object().set("runs", list));
            } else {
                for (RunList.Run run : runs) {
                    ModelRecord r = run.record();
                    out.printf("run %d: %s on %s, accuracy %s on %s, %s%n", r.id(), r.type(), r.fitOn(), f3(run.accuracy()), run.evalOn(),
                            r.createdAt());
                }
            }
        }
    }
}
