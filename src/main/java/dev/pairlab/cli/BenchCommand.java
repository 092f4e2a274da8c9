package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.DataDir;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.ImportBench.class, BenchCommand.LfBench.class, BenchCommand.PatternBench.class, BenchCommand.FeaturesBench.class, BenchCommand.ModelBench.class, BenchCommand.RmBench.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import throughput: N pairs made by repeating a real file, into a fresh project.")
    static final class ImportBench implements Callable<Integer> {

        @Option(names = "--pairs", defaultValue = "200000", description = "Pairs to import (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--source", paramLabel = "FILE", description = "JSON lines file to repeat"
                + " (default: MT-Bench train from PAIRLAB_DATA).")
        Path source;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path src = source != null ? source
                    : DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl");
            List<String> lines = new ArrayList<>();
            try (Stream<String> s = Files.lines(src, StandardCharsets.UTF_8)) {
                s.filter(l -> !l.isBlank()).forEach(lines::add);
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(src + ": no records to repeat");
            }
            Path dir = Files.createTempDirectory("pairlab-bench");
            try {
                Path input = dir.resolve("input.jsonl");
                try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                    for (int i = 0; i < pairs; i++) {
                        w.write(lines.get(i % lines.size()));
                        w.write('\n');
                    }
                }
                long bytes = Files.size(input);
                Path projectFile = dir.resolve("bench.pairlab");
                ImportReport r;
                try (Project p = Project.create(projectFile)) {
                    r = PairImport.run(p, input, ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
                }
                double seconds = r.millis() / 1000.0;
                ObjectNode o = Output.object();
                o.put("pairs", r.imported());
                o.put("input_mb", Math.round(bytes / 1e5) / 10.0);
                o.put("seconds", seconds);
                o.put("pairs_per_s", Math.round(r.imported() / seconds));
                o.put("mb_per_s", Math.round(bytes / 1e5 / seconds) / 10.0);
                o.put("project_mb", Math.round(Files.size(projectFile) / 1e5) / 10.0);
                o.put("cores", Runtime.getRuntime().availableProcessors());
                if (output.json) {
                    Output.print(spec.commandLine().getOut(), o);
                } else {
                    spec.commandLine().getOut().printf("imported %d pairs (%.1f MB) in %.2f s: %d pairs/s, %.1f MB/s on %d cores%n",
                            r.imported(), bytes / 1e6, seconds, Math.round(r.imported() / seconds), bytes / 1e6 / seconds,
                            Runtime.getRuntime().availableProcessors());
                }
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "lf", mixinStandardHelpOptions = true, description = {
        "LF engine: feature extraction (pairs/s) on real pairs, feature-rule LF evaluations/s on --pairs pairs made by",
        "repeating them, and the time to recompute one LF and all stats on 100k pairs x 20 LFs."})
    static final class LfBench implements Callable<Integer> {

        @Option(names = "--pairs", defaultValue = "1000000", description = "Pairs for LF evaluation (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--lfs", defaultValue = "20", description = "Feature-rule LFs (default ${DEFAULT-VALUE}).")
        int lfs;

        @Option(names = "--feature-pairs", defaultValue = "20000", description = "Pairs for feature extraction (default ${DEFAULT-VALUE}).")
        int featurePairs;

        @Option(names = "--repeats", defaultValue = "5", description = "Repeats (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--source", paramLabel = "FILE", description = "Pairs to repeat (default: MT-Bench train from PAIRLAB_DATA).")
        Path source;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path src = source != null ? source
                    : DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl");
            List<dev.pairlab.pairs.Pair> real = new ArrayList<>();
            dev.pairlab.pairs.PairFormat format = dev.pairlab.pairs.Formats.detect(src);
            try (dev.pairlab.pairs.PairReader r = format.open(src, ImportOptions.defaults())) {
                dev.pairlab.pairs.ParsedRecord rec;
                while ((rec = r.next()) != null) {
                    if (rec.isOk()) {
                        real.add(rec.pair());
                    }
                }
            }
            dev.pairlab.analysis.LfBenchmark.Result r = dev.pairlab.analysis.LfBenchmark.run(real, pairs, lfs, featurePairs, 100_000, repeats);
            ObjectNode o = Output.object();
            o.put("lf_evals_per_s", Math.round(r.lfEvalsPerS()));
            o.put("stats_update_ms", Math.round(r.statsUpdateMs() * 10) / 10.0);
            o.put("feature_pairs_per_s", Math.round(r.featurePairsPerS()));
            o.put("pairs", r.pairs());
            o.put("lfs", r.lfs());
            o.put("feature_pairs", r.featurePairs());
            o.put("stats_pairs", r.statsPairs());
            o.put("cores", r.cores());
            ObjectNode costs = o.putObject("feature_us_per_answer");
            for (dev.pairlab.analysis.LfBenchmark.FeatureCost c : r.featureCosts()) {
                costs.put(c.feature(), Math.round(c.microsPerAnswer() * 10) / 10.0);
            }
            if (output.json) {
                Output.print(spec.commandLine().getOut(), o);
            } else {
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.printf("feature extraction: %.0f pairs/s (%d pairs, all features, %d cores)%n"
                        + "feature-rule LFs:   %.1fM evaluations/s (%d pairs x %d LFs)%n"
                        + "stats update:       %.1f ms (one LF recomputed, stats of 20 LFs on %d pairs)%n",
                        r.featurePairsPerS(), r.featurePairs(), r.cores(), r.lfEvalsPerS() / 1e6, r.pairs(), r.lfs(), r.statsUpdateMs(), r.statsPairs());
                out.printf("per feature (one thread, each on its own fresh text; \"all\" shares one text):%n");
                for (dev.pairlab.analysis.LfBenchmark.FeatureCost c : r.featureCosts()) {
                    out.printf("  %-18s %8.1f us/answer %10.0f answers/s%n", c.feature(), c.microsPerAnswer(), c.answersPerS());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "patterns", mixinStandardHelpOptions = true, description = {
        "Pattern LFs: answers scored per second by the plain java.util.regex definition and by the compiled matcher",
        "(literal pre-scan, Aho-Corasick keyword lists), on one thread and on all cores, for the UB regex set and the HH",
        "keyword LFs (cleaned and exact), on the answers of each --source (default: UB 2%% and MT-Bench train)."})
    static final class PatternBench implements Callable<Integer> {

        @Option(names = "--source", paramLabel = "FILE", description = "Pairs whose answers are scored (repeatable).")
        List<Path> sources;

        @Option(names = "--seconds", defaultValue = "2", description = "Timed seconds per LF, matcher and thread count,"
                + " after a warm-up as long (default ${DEFAULT-VALUE}).")
        double seconds;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Path> files = sources != null ? sources : List.of(
                    DataDir.get().resolve("dfki-weak-supervision-rlhf/UB-baseline-train-set-2%.jsonl"),
                    DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl"));
            int threads = Runtime.getRuntime().availableProcessors();
            ObjectNode o = Output.object();
            o.put("cores", threads);
            com.fasterxml.jackson.databind.node.ArrayNode sets = o.putArray("sources");
            java.io.PrintWriter out = spec.commandLine().getOut();
            for (Path f : files) {
                List<String> answers = new ArrayList<>();
                long chars = 0;
                try (dev.pairlab.pairs.PairReader r = dev.pairlab.pairs.Formats.detect(f).open(f, ImportOptions.defaults())) {
                    dev.pairlab.pairs.ParsedRecord rec;
                    while ((rec = r.next()) != null) {
                        if (rec.isOk()) {
                            answers.add(rec.pair().answerA());
                            answers.add(rec.pair().answerB());
                            chars += rec.pair().answerA().length() + rec.pair().answerB().length();
                        }
                    }
                }
                List<dev.pairlab.lf.PatternBenchmark.Result> results = dev.pairlab.lf.PatternBenchmark.run(answers,
                        dev.pairlab.lf.PatternBenchmark.defaultLfs(), seconds, threads);
                ObjectNode set = sets.addObject();
                set.put("source", f.getFileName().toString());
                set.put("answers", answers.size());
                set.put("mean_chars", answers.isEmpty() ? 0 : Math.round(chars / (double) answers.size()));
                com.fasterxml.jackson.databind.node.ArrayNode lfs = set.putArray("lfs");
                if (!output.json) {
                    out.printf("%s: %d answers, %d characters on average; answers/s, plain regex -> compiled%n", f.getFileName(),
                            answers.size(), answers.isEmpty() ? 0 : Math.round(chars / (double) answers.size()));
                }
                for (dev.pairlab.lf.PatternBenchmark.Result r : results) {
                    lfs.addObject().put("lf", r.lf()).put("plain_per_s", Math.round(r.plainPerS()))
                            .put("compiled_per_s", Math.round(r.compiledPerS())).put("plain_parallel_per_s", Math.round(r.plainParallelPerS()))
                            .put("compiled_parallel_per_s", Math.round(r.compiledParallelPerS())).put("threads", r.threads());
                    if (!output.json) {
                        out.printf("  %-30s 1 thread %9.0f -> %9.0f (x%.1f)   %d threads %9.0f -> %9.0f (x%.1f)%n", r.lf(), r.plainPerS(),
                                r.compiledPerS(), r.speedup(), r.threads(), r.plainParallelPerS(), r.compiledParallelPerS(), r.parallelSpeedup());
                    }
                }
            }
            if (output.json) {
                Output.print(out, o);
            }
            return Cli.OK;
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true, description = "Feature extraction on a project: the columns"
            + " its enabled LFs read (and length), or --features, computed where the project's cache lacks them, as 'lf stats'"
            + " computes them (one streaming read of the texts, all cores, stored); pairs/s and the peak heap in use."
            + " Run it on a copy to time a cold project again.")
    static final class FeaturesBench implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        ProjectArg project;

        @Option(names = "--features", split = ",", paramLabel = "NAME", description = "Features to compute, or 'all'"
                + " (default: those the enabled LFs read, and length).")
        List<String> features;

        @Mixin
        QuietOption quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            dev.pairlab.analysis.FeatureExtractionBenchmark.Result r;
            try (Project p = Projects.openForCaching(project.file);
                 ConsoleProgress progress = new ConsoleProgress(System.err, quiet.quiet)) {
                java.util.Set<String> names = new java.util.LinkedHashSet<>();
                if (features == null) {
                    names.add("length");
                    List<dev.pairlab.lf.NamedLf> lfs = new ArrayList<>();
                    for (dev.pairlab.store.LfRecord rec : dev.pairlab.store.Lfs.list(p)) {
                        if (rec.enabled()) {
                            lfs.add(dev.pairlab.lf.NamedLf.of(rec));
                        }
                    }
                    names.addAll(dev.pairlab.lf.LfApplier.featuresRead(lfs));
                } else if (features.equals(List.of("all"))) {
                    dev.pairlab.features.Features.all().forEach(f -> names.add(f.name()));
                } else {
                    names.addAll(features);
                }
                r = dev.pairlab.analysis.FeatureExtractionBenchmark.run(p, names, progress, Cancellation.none());
            }
            ObjectNode o = Output.object();
            o.put("pairs", r.pairs());
            o.putPOJO("features", r.features());
            o.putPOJO("computed", r.computed());
            o.put("rows_computed", r.computed().isEmpty() ? 0 : r.pairs() - r.rowsComputedFrom());
            o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            o.put("pairs_per_s", Math.round(r.pairsPerS()));
            o.put("peak_heap_mb", Math.round(r.peakHeapBytes() / 1e6));
            o.put("max_heap_mb", Math.round(r.maxHeapBytes() / 1e6));
            o.put("column_mb", Math.round(r.columnBytes() / 1e6));
            o.put("answers_reused", r.answersReused());
            o.put("answers_looked_up", r.answersLookedUp());
            o.put("cores", r.cores());
            if (output.json) {
                Output.print(spec.commandLine().getOut(), o);
            } else {
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.printf("features: %s (computed: %s)%n", String.join(", ", r.features()),
                        r.computed().isEmpty() ? "none, all cached" : String.join(", ", r.computed()));
                out.printf("%d pairs, %d rows computed in %.2f s: %.0f pairs/s on %d cores%n", r.pairs(),
                        r.computed().isEmpty() ? 0 : r.pairs() - r.rowsComputedFrom(), r.seconds(), r.pairsPerS(), r.cores());
                out.printf("heap in use at most %d MB (of %d MB allowed); the columns computed take %d MB%n",
                        Math.round(r.peakHeapBytes() / 1e6), Math.round(r.maxHeapBytes() / 1e6), Math.round(r.columnBytes() / 1e6));
                out.printf("answers whose values were reused (same text seen recently): %d of %d%n", r.answersReused(), r.answersLookedUp());
            }
            return Cli.OK;
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Label models: fit and predict time on a synthetic --pairs x --lfs matrix (conditionally independent LFs).")
    static final class ModelBench implements Callable<Integer> {

        @Option(names = "--pairs", defaultValue = "1000000", description = "Rows (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--lfs", defaultValue = "20", description = "LFs (default ${DEFAULT-VALUE}).")
        int lfs;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<dev.pairlab.labelmodel.LabelModelBenchmark.Result> results;
            try (ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
                results = dev.pairlab.labelmodel.LabelModelBenchmark.run(pairs, lfs, 123, progress, dev.pairlab.task.Cancellation.none());
            }
            if (output.json) {
                com.fasterxml.jackson.databind.node.ArrayNode list = dev.pairlab.pairs.Json.MAPPER.createArrayNode();
                for (var r : results) {
                    list.addObject().put("type", r.type()).put("pairs", r.pairs()).put("lfs", r.lfs()).put("fit_ms", r.fitMs())
                            .put("predict_ms", r.predictMs()).put("accuracy", r.accuracy());
                }
                Output.print(spec.commandLine().getOut(), Output.object().put("cores", Runtime.getRuntime().availableProcessors()).set("models", list));
            } else {
                for (var r : results) {
                    spec.commandLine().getOut().printf("%-12s fit %6d ms, predict %5d ms, accuracy %.3f (%d pairs x %d LFs)%n", r.type(), r.fitMs(),
                            r.predictMs(), r.accuracy(), r.pairs(), r.lfs());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Reward-model training and scoring throughput (pairs/s) on real pairs (MT-Bench train by default).")
    static final class RmBench implements Callable<Integer> {

        @Option(names = "--kind", defaultValue = "features", description = "features or transformer (default ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--base", description = "Transformer: checkpoint folder.")
        String base;

        @Option(names = "--steps", defaultValue = "40", description = "Optimizer steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", description = "Pairs per step.")
        Integer batch;

        @Option(names = "--max-length", description = "Tokens per answer.")
        Integer maxLength;

        @Option(names = "--source", paramLabel = "FILE")
        Path source;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path src = source != null ? source
                    : DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl");
            List<dev.pairlab.reward.TrainPair> pairs = new ArrayList<>();
            try (dev.pairlab.pairs.PairReader r = dev.pairlab.pairs.Formats.detect(src).open(src, ImportOptions.defaults())) {
                dev.pairlab.pairs.ParsedRecord rec;
                while ((rec = r.next()) != null) {
                    if (rec.isOk() && rec.pair().gold().known()) {
                        var p = rec.pair();
                        pairs.add(new dev.pairlab.reward.TrainPair(rec.line(), p.context(), p.answerA(), p.answerB(),
                                p.gold() == dev.pairlab.pairs.Gold.A ? 1 : 0, false));
                    }
                }
            }
            Path randomCheckpoint = null;
            if (kind.equals("transformer") && base == null) {
                // No checkpoint given: a random MiniLM-sized one (6 layers x 384, 12 heads), vocabulary from the data.
                java.util.Map<String, Integer> freq = new java.util.HashMap<>();
                for (var tp : pairs) {
                    for (String w : dev.pairlab.features.Text.lower(tp.a() + " " + tp.b() + " " + tp.context())) {
                        freq.merge(w, 1, Integer::sum);
                    }
                }
                List<String> vocab = freq.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(8000)
                        .map(java.util.Map.Entry::getKey).toList();
                randomCheckpoint = java.nio.file.Files.createTempDirectory("pairlab-minilm-size");
                dev.pairlab.reward.RandomCheckpoint.write(randomCheckpoint, 384, 6, 12, 1536, 1, vocab, 512);
                base = randomCheckpoint.toString();
            }
            dev.pairlab.reward.RewardConfig c = dev.pairlab.reward.RewardConfig.of(kind, base);
            if (batch != null) {
                c = c.withBatch(batch, 1, c.lr(), 0);
            } else {
                c = c.withBatch(c.batchSize() * c.gradAccum(), 1, c.lr(), 0);
            }
            if (maxLength != null) {
                c = c.withMaxLength(maxLength);
            }
            dev.pairlab.reward.RewardBenchmark.Result r;
            try {
                r = dev.pairlab.reward.RewardBenchmark.run(c, pairs, steps);
            } finally {
                if (randomCheckpoint != null) {
                    try (var files = java.nio.file.Files.walk(randomCheckpoint)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
            ObjectNode o = Output.object().put("kind", r.kind()).put("device", r.device()).put("pairs", r.pairs()).put("batch", r.batch())
                    .put("steps", r.steps()).put("train_pairs_per_s", Math.round(r.trainPairsPerS() * 10) / 10.0)
                    .put("score_pairs_per_s", Math.round(r.scorePairsPerS() * 10) / 10.0).put("parameters", r.parameters())
                    .put("max_length", c.maxLength()).put("cores", Runtime.getRuntime().availableProcessors());
            if (output.json) {
                Output.print(spec.commandLine().getOut(), o);
            } else {
                spec.commandLine().getOut().printf("%s on %s: train %.1f pairs/s, score %.1f pairs/s (%d pairs, batch %d, %,d parameters)%n",
                        r.kind(), r.device(), r.trainPairsPerS(), r.scorePairsPerS(), r.pairs(), r.batch(), r.parameters());
            }
            return Cli.OK;
        }
    }
}
