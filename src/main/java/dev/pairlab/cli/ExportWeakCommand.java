package dev.pairlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    "records LFs, model, settings and counts; --manifest M rewrites the very same file from it."})
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
                params = new WeakExport.Params(format, threshold, seed, LfCommand.splits(gold), TiePolicy.parse(ties));
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
                    .put("dropped", r.belowThreshold()).put("sha256", r.sha256());
            if (Double.isNaN(r.weakAccuracy())) {
                j.putNull("weak_accuracy_eval_only");
            } else {
                j.put("weak_accuracy_eval_only", r.weakAccuracy());
            }
            if (identical != null) {
                j.put("identical_to_manifest", identical);
            }
            j.put("written", r.written());
            Output.print(o, j);
        } else {
            o.printf("%s %d pairs to %s: %d gold + %d weak (of %d pool pairs; %d below the threshold or tied)%n",
                    r.written() ? "Wrote" : "Made (not written)", r.gold() + r.weak(), r.file(), r.gold(), r.weak(), r.pool(), r.belowThreshold());
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
}
