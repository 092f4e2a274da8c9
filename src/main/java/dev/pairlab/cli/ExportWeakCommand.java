package dev.pairlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Json;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--format", defaultValue = "trl", description = "trl, answer-label or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threshold", defaultValue = "0", description = "Keep pool pairs whose confidence is at least this (default ${DEFAULT-VALUE}: all).")
    double threshold;

    @Option(names = "--seed", defaultValue = "123", description = "Shuffle and tie-break seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gold", split = ",", defaultValue = "train", description = "Splits whose gold labels are included (default ${DEFAULT-VALUE}).")
    List<String> gold;

    @Option(names = "--ties", defaultValue = "random", description = "Pool pairs with P = 0.5: random, abstain (dropped) or prior (default ${DEFAULT-VALUE}).")
    String ties;

    @Option(names = "--length-balance", paramLabel = "TARGET", description = "Balance the weak part so this share of its pairs chooses"
            + " the longer answer: 'labeled' (the share among the gold pairs written) or a share such as 0.5; pairs of equal length"
            + " count as neither (default: no balancing).")
    String lengthBalance;

    @Option(names = "--length-method", paramLabel = "M", description = "subsample (drop the fewest weak pairs of the over-represented"
            + " side, chosen with --seed) or weights (a per-row field 'weight'); alone it balances to 'labeled' (default subsample).")
    String lengthMethod;

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

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WeakExport.Report r;
        WeakExport.Reproduction reproducing = null;
        try (Project p = Projects.openForCaching(project.file);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            WeakExport.Labeler labeler;
            WeakExport.Params params;
            if (manifest != null) {
                JsonNode m;
                try {
                    byte[] bytes = Files.readAllBytes(manifest);
                    m = Json.MAPPER.readTree(bytes);
                    String expected = m.path("output").path("sha256").asText(null);
                    if (expected == null) {
                        throw new BadInputException(manifest + ": field 'output.sha256' is missing: not a manifest of 'pairlab export weak'");
                    }
                    reproducing = new WeakExport.Reproduction(manifest, WeakExport.sha256(manifest), expected);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new BadInputException(manifest + ": no such file");
                } catch (java.io.IOException e) {
                    throw new BadInputException(manifest + ": not a manifest (" + e.getMessage() + ")");
                }
                labeler = WeakExport.fromManifest(m);
                params = WeakExport.paramsOf(m);
            } else {
                labeler = WeakExport.fromProject(p, model);
                LengthBalance balance;
                try {
                    balance = lengthBalance == null && lengthMethod == null ? null
                            : LengthBalance.parse(lengthBalance == null ? "labeled" : lengthBalance, lengthMethod == null ? "subsample" : lengthMethod);
                } catch (IllegalArgumentException e) {
                    // The core says it in the user's words; here the user typed a flag, so name it.
                    throw new IllegalArgumentException("--length-balance/--length-method: " + e.getMessage(), e);
                }
                try {
                    params = new WeakExport.Params(format, threshold, seed, LfCommand.splits(gold), TiePolicy.parse(ties), balance);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--threshold: " + e.getMessage(), e);
                }
                if (!List.of("trl", "answer-label", "csv").contains(format)) {
                    throw new IllegalArgumentException("--format must be trl, answer-label or csv for a weak export");
                }
            }
            r = WeakExport.run(p, labeler, params, dev.pairlab.pairs.OutputFile.of(out, force.force), reproducing, absolutePaths, progress, Cancellation.none());
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
                    .put("ties", r.ties().name().toLowerCase(Locale.ROOT)).put("weak_tied", r.weakTied()).put("weak_coin_flips", r.weakCoinFlips())
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
