package dev.pairlab.cli;

import dev.pairlab.generate.JudgeRunner;
import dev.pairlab.generate.Keys;
import dev.pairlab.store.Project;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", mixinStandardHelpOptions = true, description = {
    "Ask an LLM-judge LF's model about every pair that has no stored answer yet (both orders unless the LF says",
    "otherwise). Answers are stored as they arrive: Ctrl-C keeps them, a rerun asks only for the rest."})
final class LfApplyCommand extends ProjectJobCommand {

    @Parameters(index = "1", paramLabel = "LF")
    String name;

    @Mixin
    SplitsOption splits;

    @Option(names = "--concurrency", defaultValue = JudgeRunner.Params.DEFAULT_CONCURRENCY,
            description = JudgeRunner.Params.DESC_CONCURRENCY + " (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rps", defaultValue = JudgeRunner.Params.DEFAULT_RPS, description = JudgeRunner.Params.DESC_RPS)
    double rps;

    @Option(names = "--timeout", defaultValue = JudgeRunner.Params.DEFAULT_TIMEOUT, description = JudgeRunner.Params.DESC_TIMEOUT + " (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--retries", defaultValue = JudgeRunner.Params.DEFAULT_RETRIES, description = JudgeRunner.Params.DESC_RETRIES + " (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--price-in", defaultValue = "0", description = "Price per million prompt tokens, to report the cost (default 0: a local model).")
    double priceIn;

    @Option(names = "--price-out", defaultValue = "0", description = "Price per million completion tokens.")
    double priceOut;

    @Override
    public Integer call() throws Exception {
        JudgeRunner.Params params = new JudgeRunner.Params(LfCommand.splits(splits.orAll()), concurrency, rps, Duration.ofSeconds(timeout), retries);
        JudgeRunner.Result r;
        try (CtrlC ctrlC = new CtrlC(); Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = quiet.progress()) {
            PlainHttp.warn(spec.commandLine().getErr(), JudgeRunner.endpointOf(p, name));
            r = new JudgeRunner.Job(p, name, params, Keys.system()).run(progress, ctrlC.cancellation());
        }
        if (output.json) {
            Output.print(spec.commandLine().getOut(), Output.object().put("lf", name).put("pairs", r.pairs()).put("asked", r.asked())
                    .put("requests", r.requests()).put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.completionTokens())
                    .put("unparsed", r.unparsed()).put("failures", r.failures()).put("millis", r.millis()).put("cost", cost(r)));
        } else {
            spec.commandLine().getOut().printf("%s: %d pairs, %d answers asked (%d requests), tokens %d in / %d out%s, %d unparsed, %d failed, %.1f s%n",
                    name, r.pairs(), r.asked(), r.requests(), r.promptTokens(), r.completionTokens(),
                    priceIn > 0 || priceOut > 0 ? String.format(java.util.Locale.ROOT, " (cost %.4f)", cost(r)) : "", r.unparsed(), r.failures(),
                    r.millis() / 1000.0);
            if (r.firstFailure() != null) {
                spec.commandLine().getErr().println("pairlab: first failure: " + r.firstFailure() + " (a rerun asks these again)");
            }
        }
        return r.failures() > 0 ? Cli.BAD_INPUT : Cli.OK;
    }

    private double cost(JudgeRunner.Result r) {
        return (r.promptTokens() * priceIn + r.completionTokens() * priceOut) / 1e6;
    }
}
