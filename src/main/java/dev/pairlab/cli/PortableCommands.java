package dev.pairlab.cli;

import dev.pairlab.labelmodel.Portable;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lf export} and {@code model export}: the files the Spark job reads instead of a project. */
final class PortableCommands {

    private PortableCommands() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Write the enabled LFs (all kinds; code LFs as source) to a versioned JSON file that needs no project:",
        "what the Spark job (dev.pairlab.spark.WeakLabelJob) applies. Pair it with 'pairlab model export'."})
    static final class LfExport implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Mixin
        ForceOption force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OutputFile target = Projects.output(out, force.force, project.file);
            target.check();
            List<NamedLf> lfs = new ArrayList<>();
            try (Project p = project.open(Project.Access.READ_ONLY)) {
                for (LfRecord r : Lfs.list(p)) {
                    if (r.enabled()) {
                        lfs.add(NamedLf.of(r));
                    }
                }
            }
            if (lfs.isEmpty()) {
                throw new LfException("the project has no enabled LFs to export");
            }
            // The Spark job runs an LF file's code LFs as given, so only trusted ones leave the project.
            dev.pairlab.lf.CodeTrust trust = dev.pairlab.lf.CodeTrust.forUser();
            for (NamedLf lf : lfs) {
                if (lf.definition() instanceof dev.pairlab.lf.CodeRule c && !trust.trusts(c.source())) {
                    throw new LfException("LF '" + lf.name() + "' is a code LF not trusted on this machine: read it ('pairlab lf show "
                            + project.file + " " + lf.name() + "') and trust it ('pairlab lf trust " + project.file + " " + lf.name()
                            + "') before exporting it");
                }
            }
            target.writeText(w -> w.write(Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Portable.lfsJson(lfs, project.file.getFileName().toString())) + "\n"));
            String why = Portable.projectOnly(lfs);
            spec.commandLine().getOut().println("Wrote " + lfs.size() + " LFs to " + out);
            if (why != null) {
                spec.commandLine().getErr().println("pairlab: note: " + why + "; the Spark job refuses such LF sets");
            }
            return Cli.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Write a fitted label model (the latest, or --model RUN) with the names and versions of the LFs it was fitted on,",
        "to a versioned JSON file the Spark job applies. The project's LFs must not have changed since the fit."})
    static final class ModelExport implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Mixin
        ForceOption force;

        @Option(names = "--model", defaultValue = "0", description = "Label model run id (default: the latest).")
        long run;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WeakExport.Labeler labeler;
            try (Project p = project.open(Project.Access.READ_ONLY)) {
                labeler = new Portable.ModelExportJob(p, run, Projects.output(out, force.force, project.file)).run(ProgressListener.NONE,
                        Cancellation.none());
            }
            spec.commandLine().getOut().println("Wrote label model run " + labeler.modelRun().path("id").asLong() + " ("
                    + labeler.modelRun().path("model").path("type").asText("model") + ", " + labeler.lfs().size() + " LFs) to " + out);
            return Cli.OK;
        }
    }
}
