package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.PairExport;
import dev.pairlab.store.PairExportJob;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true, subcommands = {ExportWeakCommand.class},
        description = {"Write the project's pairs in a format (hh, trl, answer-label, mt-bench, csv); .gz compresses.",
            "Formats that need a preference (trl, hh, mt-bench) skip pairs without a visible gold label.",
            "'pairlab export weak' writes the weakly labeled training set instead."})
final class ExportCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "The project file (*.pairlab).")
    Path projectFile;

    @Option(names = "--format", paramLabel = "F", converter = ChoiceConverters.PairFormats.class, description = PairExportJob.Params.DESC_FORMAT)
    PairFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (required; replaced whole, never half-written).")
    Path out;

    @Mixin
    SplitsOption splits;

    @Option(names = "--include-hidden", description = PairExportJob.Params.DESC_INCLUDE_HIDDEN)
    boolean includeHidden;

    @Mixin
    QuietOption quiet;

    @Mixin
    ForceOption force;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (projectFile == null || format == null || out == null) {
            throw new IllegalArgumentException("export needs PROJECT, --format and --out (or use 'pairlab export weak')");
        }
        Set<Split> chosen = splits.orAll() == null ? null : EnumSet.copyOf(splits.orAll().stream().map(Split::parse).toList());
        PairExport.Report r;
        try (Project p = Project.open(projectFile, Project.Access.READ_ONLY);
             ConsoleProgress progress = quiet.progress()) {
            r = new PairExportJob(p, new PairExportJob.Params(format, chosen, includeHidden), OutputFile.of(out, force.force))
                    .run(progress, Cancellation.none());
        }
        if (output.json) {
            ObjectNode o = Output.object().put("file", r.file().toString()).put("format", r.format())
                    .put("written", r.written()).put("skipped", r.skipped());
            Output.print(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().printf("Wrote %d pairs to %s (%s)%s%n", r.written(), r.file(), r.format(),
                    r.skipped() > 0 ? "; skipped " + r.skipped() + " without a visible gold label" : "");
        }
        return Cli.OK;
    }
}
