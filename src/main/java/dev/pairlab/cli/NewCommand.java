package dev.pairlab.cli;

import dev.pairlab.store.NewProject;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "new", description = "Create an empty project file.", mixinStandardHelpOptions = true)
final class NewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = NewProject.DESC_FILE)
    Path file;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path created = new NewProject.Job(new NewProject.Params(file)).run(ProgressListener.NONE, Cancellation.none());
        if (output.json) {
            Output.print(spec.commandLine().getOut(), Output.object().put("project", created.toString()).put("pairs", 0));
        } else {
            spec.commandLine().getOut().println("Created " + created);
        }
        return Cli.OK;
    }
}
