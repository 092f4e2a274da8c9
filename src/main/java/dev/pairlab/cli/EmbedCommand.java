package dev.pairlab.cli;

import dev.pairlab.encoder.EmbeddingJob;
import dev.pairlab.store.Project;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "embed", mixinStandardHelpOptions = true, description = {
    "Compute sentence embeddings of each pair's prompt (last user turn) and answers with a pretrained encoder and store",
    "them in the project. They add the features 'relevance' (each answer's cosine to the prompt) and",
    "'answer_similarity', and let exemplar LFs run. Only pairs without embeddings are done; Ctrl-C keeps finished ones."})
final class EmbedCommand implements Callable<Integer> {
    @Mixin
    ProjectArg project;

    @Option(names = "--model", defaultValue = "minilm",
            description = "minilm (all-MiniLM-L6-v2, shipped) or a BERT-family checkpoint folder (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Tokens per text; longer texts are cut (default ${DEFAULT-VALUE}, as MiniLM was trained).")
    int maxTokens;

    @Option(names = "--batch", defaultValue = "32", description = "Texts embedded together (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxTokens < 8 || batch < 1) {
            throw new IllegalArgumentException("--max-tokens must be at least 8 and --batch at least 1");
        }
        EmbeddingJob.Result r;
        try (CtrlC ctrlC = new CtrlC(); Project p = Project.open(project.file, Project.Access.READ_WRITE);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            r = EmbeddingJob.run(p, new EmbeddingJob.Options(model, maxTokens, batch, device), progress, ctrlC.cancellation());
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
