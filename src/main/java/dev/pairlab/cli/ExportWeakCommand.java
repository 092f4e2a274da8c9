package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Workflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "weak", mixinStandardHelpOptions = true, description = {
    "Write the training set: the labeled split with its gold labels plus the pool weakly labeled by the latest",
    "label model (pairlab model fit), kept where its confidence >= --threshold, shuffled with --seed.",
    "Formats: trl ({prompt, chosen, rejected, weak, confidence}), answer-label, csv. A manifest (FILE.manifest.json)",
    "records LFs, model, settings and counts; --manifest M rewrites the very same file from it.",
    "--length-balance: as many weak pairs choose the longer answer as gold pairs do",
    "(or a given share), by dropping weak pairs or by a per-row weight."})
final class ExportWeakCommand implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--format", defaultValue = WeakExport.Params.DEFAULT_FORMAT, converter = ChoiceConverters.WeakFormats.class,
            description = WeakExport.Params.DESC_FORMAT + " (default ${DEFAULT-VALUE}).")
    WeakExport.Format format;

    @Option(names = "--threshold", defaultValue = WeakExport.Params.DEFAULT_THRESHOLD,
            description = WeakExport.Params.DESC_THRESHOLD + " (default ${DEFAULT-VALUE}: all).")
    double threshold;

    @Option(names = "--seed", defaultValue = WeakExport.Params.DEFAULT_SEED, description = WeakExport.Params.DESC_SEED + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gold", split = ",", defaultValue = WeakExport.Params.DEFAULT_GOLD, converter = ChoiceConverters.Splits.class,
            description = WeakExport.Params.DESC_GOLD + " (default ${DEFAULT-VALUE}).")
    List<Split> gold;

    @Option(names = "--ties", defaultValue = WeakExport.Params.DEFAULT_TIES, converter = ChoiceConverters.Ties.class,
            description = WeakExport.Params.DESC_TIES + " (default ${DEFAULT-VALUE}).")
    TiePolicy ties;

    @Option(names = "--length-balance", paramLabel = "TARGET", converter = ChoiceConverters.LengthTargets.class,
            description = WeakExport.Params.DESC_LENGTH_BALANCE)
    Double lengthBalance;

    @Option(names = "--length-method", paramLabel = "M", converter = ChoiceConverters.LengthMethods.class,
            description = WeakExport.Params.DESC_LENGTH_METHOD)
    LengthBalance.Method lengthMethod;

    @Option(names = "--model", defaultValue = "0", description = "Label model run id (default: the latest).")
    long model;

    @Option(names = "--manifest", paramLabel = "M", description = {"Reproduce an earlier export from its manifest (its settings, LFs and model);",
        "bytes that differ from the sha256 it names are reported (exit 1), and onto the manifest's own file leave it as it was."})
    Path manifest;

    @Mixin
    ForceOption force;

    @Option(names = "--absolute-paths", description = "Record the absolute paths of the project and manifest read in the new manifest"
            + " (default: their names and sha256 only).")
    boolean absolutePaths;

    @Mixin
    QuietOption quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    /** The options as the export's parameters; either length option alone balances, the other taking its default. */
    WeakExport.Params params() {
        LengthBalance balance = lengthBalance == null && lengthMethod == null ? null
                : new LengthBalance(lengthMethod == null ? LengthBalance.Method.parse(WeakExport.Params.DEFAULT_LENGTH_METHOD) : lengthMethod,
                        lengthBalance == null ? LengthBalance.parseTarget(WeakExport.Params.DEFAULT_LENGTH_TARGET) : lengthBalance);
        return new WeakExport.Params(format, threshold, seed, gold.isEmpty() ? EnumSet.allOf(Split.class) : EnumSet.copyOf(gold), ties, balance);
    }

    @Override
    public Integer call() throws Exception {
        WeakExport.Report r;
        try (Project p = Projects.openForCaching(project.file);
             ConsoleProgress progress = quiet.progress()) {
            OutputFile target = OutputFile.of(out, force.force);
            Workflow<WeakExport.Report> job = manifest != null ? new WeakExport.ReproduceJob(p, manifest, target, absolutePaths)
                    : new WeakExport.Job(p, model, params(), target, absolutePaths);
            r = job.run(progress, Cancellation.none());
            Projects.noteUncached(p, output.json, spec.commandLine().getErr());
        }
        for (LfProblem problem : r.problems()) {
            spec.commandLine().getErr().println("pairlab: LF " + problem);
        }
        PrintWriter o = spec.commandLine().getOut();
        Boolean identical = r.identical();
        if (output.json) {
            ObjectNode j = Output.object().put("file", r.file().toString()).put("manifest", r.manifest().toString())
                    .put("gold", r.gold()).put("weak", r.weak()).put("total", r.gold() + r.weak()).put("pool", r.pool())
                    .put("dropped", r.belowThreshold()).put("dropped_for_length_balance", r.length().dropped())
                    .put("ties", r.ties().key()).put("weak_tied", r.weakTied()).put("weak_coin_flips", r.weakCoinFlips())
                    .put("sha256", r.sha256());
            if (Double.isNaN(r.weakAccuracy())) {
                j.putNull("weak_accuracy_eval_only");
            } else {
                j.put("weak_accuracy_eval_only", r.weakAccuracy());
            }
            if (identical != null) {
                j.put("identical_to_manifest", identical);
            }
            j.put("written", r.written());
            j.set("length_balance", r.length().toJson());
            Output.print(o, j);
        } else {
            o.printf("%s %d pairs to %s: %d gold + %d weak (of %d pool pairs; %d dropped: below the threshold, or tied under --ties abstain%s)%n",
                    r.written() ? "Wrote" : "Made (not written)", r.gold() + r.weak(), r.file(), r.gold(), r.weak(), r.pool(), r.belowThreshold(),
                    r.length().dropped() > 0 ? "; " + r.length().dropped() + " dropped to balance length" : "");
            if (r.weakTied() > 0) {
                o.printf(Locale.ROOT, "%d of the %d weak labels are ties (P = 0.5, confidence 0.5) %s; --ties abstain drops them%n",
                        r.weakTied(), r.weak(), r.ties() == TiePolicy.RANDOM ? "decided by a coin flip (--ties random)"
                                : "decided by the class prior (--ties prior)");
            }
            printLength(o, r.length());
            if (!Double.isNaN(r.weakAccuracy())) {
                o.printf("Weak-label accuracy against the pool's hidden gold (evaluation only): %.3f%n", r.weakAccuracy());
            }
            if (r.written()) {
                o.println("Manifest: " + r.manifest());
            }
            if (identical != null && identical) {
                o.println("Identical to the file the manifest describes (sha256 " + r.sha256() + ")");
            }
        }
        if (identical != null && !identical) {
            spec.commandLine().getErr().println("pairlab: " + r.file() + ": sha256 " + r.sha256() + " differs from " + r.expectedSha256()
                    + " named by the manifest " + manifest + (r.written() ? "" : "; " + r.file() + " and its manifest were left as they were"));
        }
        return identical == null || identical ? Cli.OK : Cli.BAD_INPUT;
    }

    private static void printLength(PrintWriter o, LengthBalance.Outcome l) {
        if (l.balance() == null) {
            o.printf(Locale.ROOT, "Longer answer chosen in %s of the weak pairs and %s of the gold pairs (pairs of unequal length;"
                    + " --length-balance to balance)%n", LfCommand.fmt(l.shareBefore()), LfCommand.fmt(l.labeledShare()));
            return;
        }
        String target = l.balance().fromLabeled() ? "the gold pairs' " + LfCommand.fmt(l.targetShare()) : LfCommand.fmt(l.targetShare());
        if (l.weighted()) {
            o.printf(Locale.ROOT, "Length balance by weights: longer answer chosen in %s of the weak pairs, %s weighted (target %s);"
                    + " field 'weight': %.4f where the longer is chosen, %.4f where the shorter is, 1 elsewhere%n",
                    LfCommand.fmt(l.shareBefore()), LfCommand.fmt(l.shareAfter()), target, l.weightLonger(), l.weightShorter());
        } else {
            o.printf(Locale.ROOT, "Length balance by subsampling: longer answer chosen in %s of the weak pairs before, %s after (target %s);"
                    + " %d weak pairs dropped%n", LfCommand.fmt(l.shareBefore()), LfCommand.fmt(l.shareAfter()), target, l.dropped());
        }
        o.printf(Locale.ROOT, "  (%d weak pairs have answers of equal length: neither side, kept)%n", l.equalLength());
    }
}
