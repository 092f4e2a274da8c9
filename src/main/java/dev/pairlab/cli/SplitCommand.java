package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Assign pairs to test / train (labeled) / dev / pool with a seed (docs/guide.md, section 3).",
            "test evaluates; train is the small labeled split the label model is fitted on; dev (optional) tunes; the pool is labeled weakly.",
            "Pairs imported with --split stay where they are; pairs without a gold label go to pool.",
            "Pool gold labels are hidden from stats and training."})
final class SplitCommand implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Option(names = "--eval", defaultValue = SplitParams.DEFAULT_EVAL, description = SplitParams.DESC_EVAL + " (default ${DEFAULT-VALUE}).")
    double eval;

    @Option(names = "--labeled", defaultValue = SplitParams.DEFAULT_LABELED, description = SplitParams.DESC_LABELED + " (default ${DEFAULT-VALUE}).")
    double labeled;

    @Option(names = "--dev", defaultValue = SplitParams.DEFAULT_DEV, description = SplitParams.DESC_DEV + " (default ${DEFAULT-VALUE}).")
    double dev;

    @Option(names = "--seed", defaultValue = SplitParams.DEFAULT_SEED, description = SplitParams.DESC_SEED + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--by-context", description = SplitParams.DESC_BY_CONTEXT)
    boolean byContext;

    @Mixin
    QuietOption quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SplitParams params = new SplitParams(eval, labeled, dev, seed, byContext);
        Map<Split, Long> counts;
        try (Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = quiet.progress()) {
            counts = new Splitter.Job(p, params).run(progress, Cancellation.none());
        }
        if (output.json) {
            ObjectNode o = Output.object();
            ObjectNode splits = o.putObject("splits");
            counts.forEach((k, v) -> splits.put(k.key(), v));
            o.put("seed", seed);
            Output.print(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().println(Splitter.Job.describe(counts, seed));
        }
        return Cli.OK;
    }
}
