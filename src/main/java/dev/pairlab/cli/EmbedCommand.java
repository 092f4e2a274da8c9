package dev.pairlab.cli;

import dev.pairlab.encoder.EmbeddingJob;
import dev.pairlab.store.Project;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true, description = {
    "Compute sentence embeddings of each pair's prompt (last user turn) and answers with a pretrained encoder and store",
    "them in the project. They add the features 'relevance' (each answer's cosine to the prompt) and",
    "'answer_similarity', and let exemplar LFs run. Only pairs without embeddings are done; Ctrl-C keeps finished ones."})
final class EmbedCommand extends ProjectJobCommand {

    @Option(names = "--model", defaultValue = EmbeddingJob.Options.DEFAULT_MODEL,
            description = EmbeddingJob.Options.DESC_MODEL + " (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--max-tokens", defaultValue = EmbeddingJob.Options.DEFAULT_MAX_TOKENS,
            description = EmbeddingJob.Options.DESC_MAX_TOKENS + " (default ${DEFAULT-VALUE}, as MiniLM was trained).")
    int maxTokens;

    @Option(names = "--batch", defaultValue = EmbeddingJob.Options.DEFAULT_BATCH, description = EmbeddingJob.Options.DESC_BATCH + " (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--device", defaultValue = EmbeddingJob.Options.DEFAULT_DEVICE, description = EmbeddingJob.Options.DESC_DEVICE + " (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        EmbeddingJob.Options options = new EmbeddingJob.Options(model, maxTokens, batch, EmbeddingJob.Device.parse(device));
        options.requireValid();
        EmbeddingJob.Result r;
        try (CtrlC ctrlC = new CtrlC(); Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = quiet.progress()) {
            r = new EmbeddingJob.Job(p, options).run(progress, ctrlC.cancellation());
        }
        if (output.json) {
            Output.print(spec.commandLine().getOut(), Output.object().put("model", r.model()).put("pairs", r.pairs()).put("already", r.already())
                    .put("texts", r.texts()).put("seconds", r.seconds()).put("texts_per_second", r.textsPerSecond()).put("device", r.device()));
        } else if (r.pairs() == 0) {
            spec.commandLine().getOut().printf("%s: all %d pairs have embeddings already%n", r.model(), r.already());
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: embedded %d pairs (%d texts) in %.1f s, %.1f texts/s on %s; %d had them already%n",
                    r.model(), r.pairs(), r.texts(), r.seconds(), r.textsPerSecond(), r.device(), r.already());
        }
        return Cli.OK;
    }
}
