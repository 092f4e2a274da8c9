package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.RewardData;
import dev.pairlab.reward.RewardNet;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainPair;
import dev.pairlab.reward.Trainer;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.pairlab.analysis.LengthSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Reward models: train, resume, evaluate, score, list runs.",
        subcommands = {RmCommand.Train.class, RmCommand.Resume.class, RmCommand.Eval.class, RmCommand.Score.class, RmCommand.ListRuns.class})
final class RmCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints training progress: a line per evaluation and a light progress line otherwise. */
    static Trainer.Listener printer(boolean quiet) {
        return new Trainer.Listener() {
            private long lastNs = System.nanoTime();

            @Override
            public void onEvent(Trainer.Event e) {
                if (quiet) {
                    return;
                }
                boolean isEval = !Double.isNaN(e.evalAccuracy());
                long now = System.nanoTime();
                if (isEval || now - lastNs > 5_000_000_000L) {
                    lastNs = now;
                    System.err.printf("step %d/%d epoch %d  loss %.4f  batch acc %.3f  %.1f pairs/s  lr %.2e%s%n", e.step(), e.totalSteps(),
                            e.epoch() + 1, e.loss(), e.accuracy(), e.examplesPerS(), e.lr(),
                            isEval ? String.format("  | test acc %.3f margin %.3f loss %.4f", e.evalAccuracy(), e.evalMargin(), e.evalLoss()) : "");
                }
            }

            @Override
            public void onMessage(String message) {
                if (!quiet) {
                    System.err.println(message);
                }
            }
        };
    }

    static ObjectNode outcome(RewardTraining.Outcome o) throws Exception {
        ObjectNode j = Output.object();
        j.put("run", o.run().id());
        j.put("state", o.run().state().name().toLowerCase());
        j.put("device", o.device().description());
        if (o.device().fallbackReason() != null) {
            j.put("device_note", o.device().fallbackReason());
        }
        j.put("train_pairs", o.trainPairs());
        j.put("weak_pairs", o.weakPairs());
        if (o.labelModelRun() > 0) {
            j.put("label_model_run", o.labelModelRun()).put("weak_threshold", o.weakThreshold());
        }
        j.put("eval_pairs", o.evalPairs());
        j.put("steps", o.result().steps());
        putLengthTerm(j, o.run());
        j.put("wall_ms", o.result().millis());
        j.put("pairs_per_s", Math.round(o.result().pairsPerS() * 10) / 10.0);
        if (o.result().eval() != null && o.result().eval().pairs() > 0) {
            j.put("test_accuracy", o.result().eval().accuracy());
            j.put("test_margin", o.result().eval().margin());
            j.put("test_loss", o.result().eval().loss());
        }
        j.put("dir", o.run().dir().toString());
        return j;
    }

    static void print(PrintWriter out, RewardTraining.Outcome o, boolean json) throws Exception {
        if (json) {
            Output.print(out, outcome(o));
            return;
        }
        out.printf("Run %d %s on %s: %d steps in %.1f s (%.1f pairs/s)%n", o.run().id(), o.run().state().name().toLowerCase(),
                o.device().description(), o.result().steps(), o.result().millis() / 1000.0, o.result().pairsPerS());
        if (o.labelModelRun() > 0) {
            out.printf(java.util.Locale.ROOT, "Trained on %d pairs: %d gold + %d weakly labeled by label-model run %d (confidence at least %.2f,"
                    + " as 'export weak --model %d --threshold %.2f' keeps them)%n", o.trainPairs(), o.trainPairs() - o.weakPairs(), o.weakPairs(),
                    o.labelModelRun(), o.weakThreshold(), o.labelModelRun(), o.weakThreshold());
        }
        if (o.result().eval() != null && o.result().eval().pairs() > 0) {
            out.printf("Test: pairwise accuracy %.3f, mean margin %.3f, loss %.4f on %d pairs%s%n", o.result().eval().accuracy(),
                    o.result().eval().margin(), o.result().eval().loss(), o.result().eval().pairs(), qualityNote(o.run()));
        }
        out.println("Files: " + o.run().dir());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {
        "Train a reward model on the train split's gold labels (--data gold), plus the pool labeled by the latest",
        "label model (gold+weak, hard labels; soft, its probabilities), evaluated on the test split."})
    static final class Train implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--kind", defaultValue = "features", description = {"features, transformer (a pretrained encoder fine-tuned)",
            "or frozen (the encoder fixed, a linear head trained) (default ${DEFAULT-VALUE})."})
        String kind;

        @Option(names = "--base", paramLabel = "minilm|DIR", description = {"Transformer and frozen: minilm (all-MiniLM-L6-v2, shipped,",
            "imported on first use) or a local Hugging Face checkpoint folder."})
        String base;

        @Option(names = "--data", defaultValue = "gold", description = "gold, gold+weak or soft (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--model", defaultValue = "0", description = {"gold+weak and soft: the label-model run whose weak labels to use",
            "(default: the latest; the run's record names the one taken)."})
        long model;

        @Option(names = "--threshold", defaultValue = "0", description = {"gold+weak and soft: keep pool pairs whose confidence is at",
            "least this, as export weak does (default ${DEFAULT-VALUE}: all; ties are decided as the label-model run decides them)."})
        double threshold;

        @Option(names = "--epochs", description = "Epochs.")
        Integer epochs;

        @Option(names = "--batch", description = "Pairs per micro-batch.")
        Integer batch;

        @Option(names = "--grad-accum", description = "Micro-batches per optimizer step.")
        Integer accum;

        @Option(names = "--lr", description = "Peak learning rate.")
        Double lr;

        @Option(names = "--warmup", description = "Warm-up steps.")
        Integer warmup;

        @Option(names = "--max-length", description = "Tokens per answer.")
        Integer maxLength;

        @Option(names = "--seed", description = "Seed.")
        Long seed;

        @Option(names = "--eval-every", description = "Steps between evaluations.")
        Integer evalEvery;

        @Option(names = "--checkpoint-every", description = "Steps between checkpoints.")
        Integer checkpointEvery;

        @Option(names = "--patience", description = "Evaluations without improvement before stopping early (0: never).")
        Integer patience;

        @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (falls back to the CPU with a message).")
        String device;

        @Option(names = "--length-term", defaultValue = "none", paramLabel = "none|learned", description = {
            "learned: train the reward as quality + a learned function of the answer's length (log characters);",
            "evaluation, scoring and the saved model use the quality part only (default ${DEFAULT-VALUE})."})
        String lengthTerm;

        @Option(names = "--length-control", description = "Same as --length-term learned.")
        boolean lengthControl;

        @Option(names = "--length-decorrelation", paramLabel = "W", description = {
            "With a learned length term: weight of corr(quality, log length)² per micro-batch (default "
                + RewardConfig.DEFAULT_DECORRELATION + "; 0: off; needs micro-batches of 4 or more pairs)."})
        Double lengthDecorrelation;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RewardConfig c = RewardConfig.of(kind, base);
            c = c.withData(data).withDevice(device);
            if (data.equals("gold") && (model != 0 || threshold != 0)) {
                throw new IllegalArgumentException("--model and --threshold choose weak labels; they need --data gold+weak or soft");
            }
            c = c.withWeakLabels(model, threshold);
            if (epochs != null) {
                c = c.withEpochs(epochs);
            }
            if (batch != null || accum != null || lr != null || warmup != null) {
                c = c.withBatch(batch != null ? batch : c.batchSize(), accum != null ? accum : c.gradAccum(), lr != null ? lr : c.lr(),
                        warmup != null ? warmup : c.warmupSteps());
            }
            if (maxLength != null) {
                c = c.withMaxLength(maxLength);
            }
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (evalEvery != null || checkpointEvery != null || patience != null) {
                c = c.withSchedule(evalEvery != null ? evalEvery : c.evalEvery(), checkpointEvery != null ? checkpointEvery : c.checkpointEvery(),
                        patience != null ? patience : c.patience());
            }
            String term = lengthControl ? RewardConfig.LENGTH_LEARNED : lengthTerm;
            if (lengthDecorrelation != null && !RewardConfig.LENGTH_LEARNED.equals(term)) {
                throw new IllegalArgumentException("--length-decorrelation needs --length-term learned");
            }
            c = c.withLengthTerm(term, lengthDecorrelation != null ? lengthDecorrelation : -1);
            RewardTraining.Outcome o;
            // Ctrl-C: the trainer sees the cancellation, saves its checkpoint and stops ('pairlab rm resume' continues).
            try (CtrlC ctrlC = new CtrlC(); Project p = Project.open(project.file, Project.Access.READ_WRITE);
                 ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
                o = RewardTraining.train(p, c, printer(quiet), progress, ctrlC.cancellation());
            }
            print(spec.commandLine().getOut(), o, output.json);
            return Cli.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a cancelled, failed or interrupted (its process died) training run from its last checkpoint.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--run", defaultValue = "0", description = "Run id (default: the latest).")
        long run;

        @Option(names = {"-q", "--quiet"})
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RewardTraining.Outcome o;
            try (CtrlC ctrlC = new CtrlC(); Project p = Project.open(project.file, Project.Access.READ_WRITE);
                 ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
                long id = run > 0 ? run : TrainingRuns.get(p, 0) == null ? 0 : TrainingRuns.get(p, 0).id();
                o = RewardTraining.resume(p, id, printer(quiet), progress, ctrlC.cancellation());
            }
            print(spec.commandLine().getOut(), o, output.json);
            return Cli.OK;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Pairwise accuracy of a trained model on a split with gold labels.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--run", defaultValue = "0", description = "Run id (default: the latest).")
        long run;

        @Option(names = "--split", defaultValue = "test", description = "The project's split to score on (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--file", paramLabel = "FILE", description = {"Score on another data set instead: any file 'pairlab import'",
            "reads (JSON lines, JSON array, CSV, .gz; format detected or --format). Nothing is imported; pairs without a gold",
            "label are left out."})
        Path file;

        @Option(names = "--format", description = "The file's format (see 'pairlab formats'); default: detected.")
        String format;

        @Option(names = "--col", paramLabel = "ROLE=FIELD", description = "As for import: map the file's fields or columns to roles.")
        java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();

        @Option(names = "--label-map", split = ",", paramLabel = "VALUE=a|b|none", description = "As for import: what each label value means.")
        java.util.Map<String, String> labelMap = new java.util.LinkedHashMap<>();

        @Option(names = "--by-length", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Also split the accuracy by whether the longer or the shorter answer is preferred (default on).")
        boolean byLength;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Trainer.Evaluation ev;
            LengthSplit split3;
            long id;
            TrainingRuns.Run evaluated;
            String on;
            try (Project p = Project.open(project.file, Project.Access.READ_ONLY)) {
                TrainingRuns.Run r = TrainingRuns.get(p, run);
                if (r == null) {
                    throw new IllegalArgumentException("no training run" + (run > 0 ? " " + run : "s yet"));
                }
                id = r.id();
                evaluated = r;
                if (file != null) {
                    dev.pairlab.pairs.ImportOptions options = dev.pairlab.pairs.ImportOptions.defaults().withFormat(format).withColumns(columns)
                            .withLabelMap(labelMap);
                    dev.pairlab.reward.FileEvaluation fe = dev.pairlab.reward.FileEvaluation.of(r.dir(), file, options);
                    ev = fe.evaluation();
                    on = file.getFileName() + " (" + fe.format() + (fe.withoutGold() > 0 ? ", " + fe.withoutGold() + " pairs without gold left out" : "")
                            + ")";
                } else {
                    List<TrainPair> pairs = RewardData.load(p, "gold", Split.parse(split), ProgressListener.NONE, Cancellation.none()).eval();
                    on = split;
                    try (RewardNet net = RewardTraining.load(r.dir(), "auto")) {
                        ev = Trainer.evaluate(net, pairs, 32);
                    }
                }
                split3 = byLength ? ev.byLength() : null;
            }
            dev.pairlab.analysis.Intervals.Interval ci = dev.pairlab.analysis.Intervals.wilson(Math.round(ev.accuracy() * ev.pairs()), ev.pairs());
            if (output.json) {
                com.fasterxml.jackson.databind.node.ObjectNode o = Output.object().put("run", id).put("on", on).put("pairs", ev.pairs())
                        .put("accuracy", ev.accuracy()).put("margin", ev.margin()).put("loss", ev.loss());
                if (file == null) {
                    o.put("split", split);
                } else {
                    o.put("file", file.getFileName().toString());
                }
                o.putArray("accuracy_interval").add(ci.low()).add(ci.high());
                putLengthTerm(o, evaluated);
                if (split3 != null) {
                    o.set("by_length", lengthJson(split3));
                }
                Output.print(spec.commandLine().getOut(), o);
            } else {
                spec.commandLine().getOut().printf("Run %d on %s: pairwise accuracy %.3f [%.3f, %.3f], mean margin %.3f, loss %.4f (%d pairs)%s%n", id,
                        on, ev.accuracy(), ci.low(), ci.high(), ev.margin(), ev.loss(), ev.pairs(), qualityNote(evaluated));
                if (split3 != null) {
                    printLength(spec.commandLine().getOut(), split3);
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = "Rewards of both answers of every pair in a split, as JSON lines.")
    static final class Score implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--run", defaultValue = "0")
        long run;

        @Option(names = "--split", defaultValue = "test")
        String split;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Project p = Project.open(project.file, Project.Access.READ_ONLY)) {
                TrainingRuns.Run r = TrainingRuns.get(p, run);
                if (r == null) {
                    throw new IllegalArgumentException("no training run" + (run > 0 ? " " + run : "s yet"));
                }
                List<TrainPair> pairs = new java.util.ArrayList<>();
                dev.pairlab.store.Pairs.<RuntimeException, RuntimeException>forEach(p, java.util.EnumSet.of(Split.parse(split)), false,
                        x -> pairs.add(new TrainPair(x.id(), x.context(), x.answerA(), x.answerB(), 0.5, false)));
                try (RewardNet net = RewardTraining.load(r.dir(), "auto")) {
                    double[] s = Trainer.scorePairs(net, pairs, 32);
                    PrintWriter out = spec.commandLine().getOut();
                    for (int i = 0; i < pairs.size(); i++) {
                        out.println(Output.object().put("id", pairs.get(i).id()).put("reward_a", s[2 * i]).put("reward_b", s[2 * i + 1]));
                    }
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List training runs; one whose process died shows as interrupted (continue it with 'rm resume').")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<TrainingRuns.Run> runs;
            try (Project p = project.open(Project.Access.READ_ONLY)) {
                runs = TrainingRuns.list(p);
            }
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (TrainingRuns.Run r : runs) {
                ObjectNode x = list.addObject().put("run", r.id()).put("kind", r.kind()).put("state", r.state().name().toLowerCase())
                        .put("device", r.device()).put("dir", r.dir().toString());
                putLengthTerm(x, r);
                x.set("metrics", Json.MAPPER.readTree(r.metrics()));
                x.set("config", Json.MAPPER.readTree(r.config()));
            }
            if (output.json) {
                Output.print(spec.commandLine().getOut(), Output.object().set("runs", list));
            } else {
                for (TrainingRuns.Run r : runs) {
                    var m = Json.MAPPER.readTree(r.metrics());
                    spec.commandLine().getOut().printf("run %d: %s, %s, data %s, length term %s, test accuracy %s, %s%n", r.id(), r.kind(),
                            r.state().name().toLowerCase(), Json.MAPPER.readTree(r.config()).path("data").asText(), lengthTerm(r),
                            m.has("eval_accuracy") ? String.format("%.3f", m.get("eval_accuracy").asDouble()) : "-", r.updatedAt());
                }
            }
            return Cli.OK;
        }
    }

    /** A run's length term ("none" for runs saved before there was one). */
    static String lengthTerm(TrainingRuns.Run r) throws java.io.IOException {
        String t = Json.MAPPER.readTree(r.config()).path("lengthTerm").asText("");
        return t.isEmpty() ? RewardConfig.LENGTH_NONE : t;
    }

    static void putLengthTerm(ObjectNode o, TrainingRuns.Run r) throws java.io.IOException {
        String term = lengthTerm(r);
        o.put("length_term", term);
        if (RewardConfig.LENGTH_LEARNED.equals(term)) {
            o.put("scored_by", "quality head (the learned length term is not part of the reward)");
        }
    }

    /** After an accuracy: says that a length-controlled run is scored by its quality head alone. */
    static String qualityNote(TrainingRuns.Run r) throws java.io.IOException {
        return RewardConfig.LENGTH_LEARNED.equals(lengthTerm(r)) ? "; quality head only (the learned length term is left out)" : "";
    }

    static com.fasterxml.jackson.databind.node.ObjectNode lengthJson(LengthSplit l) {
        com.fasterxml.jackson.databind.node.ObjectNode o = Output.object();
        o.put("longer_preferred_pairs", l.longerPreferred()).put("shorter_preferred_pairs", l.shorterPreferred());
        Output.putNum(o, "accuracy_longer_preferred", l.accuracyLongerPreferred());
        Output.putNum(o, "accuracy_shorter_preferred", l.accuracyShorterPreferred());
        Output.putNum(o, "length_balanced_accuracy", l.balancedAccuracy());
        Output.putNum(o, "longer_wins_baseline", l.longerWinsBaseline());
        return o;
    }

    static void printLength(PrintWriter out, LengthSplit l) {
        out.printf("  by length: longer answer preferred %d pairs, accuracy %s; shorter preferred %d pairs, accuracy %s;%n",
                l.longerPreferred(), LfCommand.fmt(l.accuracyLongerPreferred()), l.shorterPreferred(), LfCommand.fmt(l.accuracyShorterPreferred()));
        out.printf("  length-balanced accuracy %s (mean of the two); 'longer wins' baseline %s%n", LfCommand.fmt(l.balancedAccuracy()),
                LfCommand.fmt(l.longerWinsBaseline()));
    }
}
