package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

    @Option(names = "--eval", defaultValue = "0.1", description = "Fraction of labeled pairs for the test split (default ${DEFAULT-VALUE}).")
    double eval;

    @Option(names = "--labeled", defaultValue = "0.02", description = "Fraction of the rest for the labeled train split (default ${DEFAULT-VALUE}).")
    double labeled;

    @Option(names = "--dev", defaultValue = "0", description = "Fraction of the rest for a labeled dev split (default ${DEFAULT-VALUE}).")
    double dev;

    @Option(names = "--seed", defaultValue = "123", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--by-context", description = "Keep pairs with the same context (prompt) in one split.")
    boolean byContext;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SplitParams params = new SplitParams(eval, labeled, dev, seed, byContext);
        Map<Split, Long> counts;
        try (Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            counts = Splitter.split(p, params, progress, Cancellation.none());
        }
        if (output.json) {
            ObjectNode o = Output.object();
            ObjectNode splits = o.putObject("splits");
            counts.forEach((k, v) -> splits.put(k.key(), v));
            o.put("seed", seed);
            Output.print(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().println("Reassigned: " + counts.entrySet().stream()
                    .map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + " (seed " + seed + "); pinned pairs unchanged");
        }
        return Cli.OK;
    }
}
