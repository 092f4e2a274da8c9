package dev.pairlab.cli;

import dev.pairlab.generate.Generator;
import dev.pairlab.generate.Keys;
import dev.pairlab.generate.PromptPool;
import dev.pairlab.generate.Source;
import dev.pairlab.store.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
    "Generate response pairs with two OpenAI-compatible chat endpoints (llama.cpp server, vLLM, Ollama, a hosted API):",
    "one answer from each source per prompt (or two samples from --source-a alone). The pairs join the pool, unlabeled,",
    "A/B swapped by --seed, the models kept in the extras. Rerunning the same command continues where it stopped.",
    "API keys come from the environment variable named by --key-a/--key-b (or the keyring); they are never stored.",
    "A key given instead of a name, or credentials in a URL, are refused; plain http to another host is warned about."})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts: .txt (one a line), .jsonl or .csv.")
    Path prompts;

    @Option(names = "--prompts-from", paramLabel = "PROJECT", description = "Use the contexts of another project's pairs as prompts.")
    Path promptsFrom;

    @Option(names = "--source-a", required = true, paramLabel = "URL,MODEL", description = "e.g. http://127.0.0.1:8080/v1,llama-3-8b")
    String sourceA;

    @Option(names = "--source-b", paramLabel = "URL,MODEL", description = "The second model (default: a second sample of A).")
    String sourceB;

    @Option(names = "--key-a", paramLabel = "ENV", description = "Environment variable holding A's API key.")
    String keyA;

    @Option(names = "--key-b", paramLabel = "ENV", description = "Environment variable holding B's API key.")
    String keyB;

    @Option(names = "--temperature", defaultValue = "0.7")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "512")
    int maxTokens;

    @Option(names = "--system", description = "A system prompt for both sources.")
    String system;

    @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rps", defaultValue = "0", description = "At most this many requests a second (default: no limit).")
    double rps;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for one answer (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--retries", defaultValue = "5", description = "Attempts per answer on 429/5xx/timeouts (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--limit", defaultValue = "0", description = "Use at most this many prompts (after shuffling).")
    int limit;

    @Option(names = "--seed", defaultValue = "123", description = "Shuffle and A/B seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((prompts == null) == (promptsFrom == null)) {
            throw new IllegalArgumentException("give either --prompts FILE or --prompts-from PROJECT");
        }
        List<String> pool;
        if (prompts != null) {
            pool = PromptPool.fromFile(prompts);
        } else {
            try (Project from = Project.open(promptsFrom, Project.Access.READ_ONLY)) {
                pool = PromptPool.fromProject(from);
            }
        }
        Source a = Source.parse("a", sourceA, keyA, temperature, maxTokens, system);
        Source b = sourceB == null ? null : Source.parse("b", sourceB, keyB, temperature, maxTokens, system);
        PlainHttp.warn(spec.commandLine().getErr(), a.baseUrl(), b == null ? null : b.baseUrl());
        Generator.Params params = new Generator.Params(PromptPool.prepare(pool, seed, limit), a, b, seed, concurrency, rps,
                Duration.ofSeconds(timeout), retries);
        Generator.Result r;
        // Ctrl-C: finished answers are saved; rerun to continue.
        try (CtrlC ctrlC = new CtrlC(); Project p = Project.open(project.file, Project.Access.READ_WRITE);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            r = Generator.run(p, params, Keys.system(), progress, ctrlC.cancellation());
        }
        if (output.json) {
            Output.print(spec.commandLine().getOut(), Output.object().put("run", r.run()).put("prompts", r.prompts()).put("pairs", r.pairs())
                    .put("answers_asked", r.answersAsked()).put("requests", r.requests()).put("prompt_tokens", r.promptTokens())
                    .put("completion_tokens", r.completionTokens()).put("failures", r.failures()).put("first_failure", r.firstFailure())
                    .put("millis", r.millis()));
        } else {
            spec.commandLine().getOut().printf("Run %s: %d of %d prompts have both answers (pool pairs); %d answers asked, %d requests, tokens %d in /"
                    + " %d out, %.1f s%n", r.run(), r.pairs(), r.prompts(), r.answersAsked(), r.requests(), r.promptTokens(), r.completionTokens(),
                    r.millis() / 1000.0);
            if (r.failures() > 0) {
                spec.commandLine().getOut().println(r.failures() + " answers failed (rerun to try them again); first: " + r.firstFailure());
            }
        }
        return r.failures() > 0 ? Cli.BAD_INPUT : Cli.OK;
    }
}
