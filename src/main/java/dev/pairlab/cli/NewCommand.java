package dev.pairlab.cli;

import dev.pairlab.store.Project;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "new", description = "Create an empty project file.", mixinStandardHelpOptions = true)
final class NewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file to create (e.g. mt-bench.pairlab).")
    Path file;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Project p = Project.create(file)) {
            if (output.json) {
                Output.print(spec.commandLine().getOut(), Output.object().put("project", p.file().toString()).put("pairs", 0));
            } else {
                spec.commandLine().getOut().println("Created " + p.file());
            }
        }
        return Cli.OK;
    }
}
