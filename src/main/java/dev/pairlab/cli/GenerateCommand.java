package dev.pairlab.cli;

import dev.pairlab.generate.GenerateParams;
import dev.pairlab.generate.Generator;
import dev.pairlab.generate.Keys;
import dev.pairlab.store.Project;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
    "Generate response pairs with two OpenAI-compatible chat endpoints (llama.cpp server, vLLM, Ollama, a hosted API):",
    "one answer from each source per prompt (or two samples from --source-a alone). The pairs join the pool, unlabeled,",
    "A/B swapped by --seed, the models kept in the extras. Rerunning the same command continues where it stopped.",
    "API keys come from the environment variable named by --key-a/--key-b (or the keyring); they are never stored.",
    "A key given instead of a name, or credentials in a URL, are refused; plain http to another host is warned about."})
final class GenerateCommand extends ProjectJobCommand {

    @Option(names = "--prompts", paramLabel = "FILE", description = GenerateParams.DESC_PROMPTS)
    Path prompts;

    @Option(names = "--prompts-from", paramLabel = "PROJECT", description = GenerateParams.DESC_PROMPTS_FROM)
    Path promptsFrom;

    @Option(names = "--source-a", required = true, paramLabel = "URL,MODEL", description = GenerateParams.DESC_SOURCE_A)
    String sourceA;

    @Option(names = "--source-b", paramLabel = "URL,MODEL", description = GenerateParams.DESC_SOURCE_B)
    String sourceB;

    @Option(names = "--key-a", paramLabel = "ENV", description = GenerateParams.DESC_KEY_A)
    String keyA;

    @Option(names = "--key-b", paramLabel = "ENV", description = GenerateParams.DESC_KEY_B)
    String keyB;

    @Option(names = "--temperature", defaultValue = GenerateParams.DEFAULT_TEMPERATURE,
            description = GenerateParams.DESC_TEMPERATURE + " (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = GenerateParams.DEFAULT_MAX_TOKENS,
            description = GenerateParams.DESC_MAX_TOKENS + " (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--system", description = GenerateParams.DESC_SYSTEM)
    String system;

    @Option(names = "--concurrency", defaultValue = GenerateParams.DEFAULT_CONCURRENCY,
            description = GenerateParams.DESC_CONCURRENCY + " (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rps", defaultValue = GenerateParams.DEFAULT_RPS, description = GenerateParams.DESC_RPS)
    double rps;

    @Option(names = "--timeout", defaultValue = GenerateParams.DEFAULT_TIMEOUT, description = GenerateParams.DESC_TIMEOUT + " (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--retries", defaultValue = GenerateParams.DEFAULT_RETRIES, description = GenerateParams.DESC_RETRIES + " (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--limit", defaultValue = GenerateParams.DEFAULT_LIMIT, description = GenerateParams.DESC_LIMIT)
    int limit;

    @Option(names = "--seed", defaultValue = GenerateParams.DEFAULT_SEED, description = GenerateParams.DESC_SEED + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        GenerateParams params = new GenerateParams(prompts, promptsFrom, sourceA, keyA, sourceB, keyB, temperature, maxTokens, system,
                concurrency, rps, timeout, retries, limit, seed);
        params.requireValid();
        PlainHttp.warn(spec.commandLine().getErr(), params.a().baseUrl(), sourceB == null ? null : params.b().baseUrl());
        Generator.Result r;
        // Ctrl-C: finished answers are saved; rerun to continue.
        try (CtrlC ctrlC = new CtrlC(); Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = quiet.progress()) {
            r = new Generator.Job(p, params, Keys.system()).run(progress, ctrlC.cancellation());
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
