package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.lf.LfException;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.RewardEvaluation;
import dev.pairlab.reward.RewardNet;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainPair;
import dev.pairlab.reward.TrainParams;
import dev.pairlab.reward.Trainer;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
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
            j.putArray("test_accuracy_interval").add(o.result().eval().interval().low()).add(o.result().eval().interval().high());
            if (o.result().eval().byLength() != null) {
                j.set("test_by_length", lengthJson(o.result().eval().byLength()));
            }
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
            Trainer.Evaluation ev = o.result().eval();
            out.printf("Test: pairwise accuracy %.3f [%.3f, %.3f], mean margin %.3f, loss %.4f on %d pairs%s%n", ev.accuracy(),
                    ev.interval().low(), ev.interval().high(), ev.margin(), ev.loss(), ev.pairs(), qualityNote(o.run()));
            if (ev.byLength() != null) {
                printLength(out, ev.byLength());
            }
        }
        out.println("Files: " + o.run().dir());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {
        "Train a reward model on the train split's gold labels (--data gold), plus the pool labeled by the latest",
        "label model (gold+weak, hard labels; soft, its probabilities), evaluated on the test split."})
    static final class Train implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--kind", defaultValue = TrainParams.DEFAULT_KIND, description = TrainParams.DESC_KIND + " (default ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--base", paramLabel = "minilm|DIR", description = TrainParams.DESC_BASE)
        String base;

        @Option(names = "--data", defaultValue = TrainParams.DEFAULT_DATA, description = TrainParams.DESC_DATA + " (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--model", defaultValue = TrainParams.DEFAULT_MODEL, description = TrainParams.DESC_MODEL)
        long model;

        @Option(names = "--threshold", defaultValue = TrainParams.DEFAULT_THRESHOLD, description = TrainParams.DESC_THRESHOLD
                + " (default ${DEFAULT-VALUE}: " + TrainParams.DESC_THRESHOLD_NOTE + ").")
        double threshold;

        @Option(names = "--epochs", description = TrainParams.DESC_EPOCHS)
        Integer epochs;

        @Option(names = "--batch", description = TrainParams.DESC_BATCH)
        Integer batch;

        @Option(names = "--grad-accum", description = TrainParams.DESC_GRAD_ACCUM)
        Integer accum;

        @Option(names = "--lr", description = TrainParams.DESC_LR)
        Double lr;

        @Option(names = "--warmup", description = TrainParams.DESC_WARMUP)
        Integer warmup;

        @Option(names = "--max-length", description = TrainParams.DESC_MAX_LENGTH)
        Integer maxLength;

        @Option(names = "--seed", description = TrainParams.DESC_SEED)
        Long seed;

        @Option(names = "--eval-every", description = TrainParams.DESC_EVAL_EVERY)
        Integer evalEvery;

        @Option(names = "--checkpoint-every", description = TrainParams.DESC_CHECKPOINT_EVERY)
        Integer checkpointEvery;

        @Option(names = "--patience", description = TrainParams.DESC_PATIENCE)
        Integer patience;

        @Option(names = "--device", defaultValue = TrainParams.DEFAULT_DEVICE, description = TrainParams.DESC_DEVICE)
        String device;

        @Option(names = "--length-term", defaultValue = TrainParams.DEFAULT_LENGTH_TERM, paramLabel = "none|learned",
                description = TrainParams.DESC_LENGTH_TERM + " (default ${DEFAULT-VALUE}).")
        String lengthTerm;

        @Option(names = "--length-control", description = "Same as --length-term learned.")
        boolean lengthControl;

        @Option(names = "--length-decorrelation", paramLabel = "W", description = TrainParams.DESC_LENGTH_DECORRELATION)
        Double lengthDecorrelation;

        @Mixin
        QuietOption quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RewardConfig.Length term = lengthControl ? RewardConfig.Length.LEARNED : RewardConfig.Length.parse(lengthTerm);
            TrainParams params = new TrainParams(RewardConfig.Kind.parse(kind), base, RewardConfig.Data.parse(data), model, threshold, epochs,
                    batch, accum, lr, warmup, maxLength, seed, evalEvery, checkpointEvery, patience, device, term, lengthDecorrelation);
            return training(project, quiet, output, spec, p -> new RewardTraining.Train(p, params, printer(quiet.quiet)));
        }
    }

    /** Runs a training workflow with Ctrl-C as its Cancel and prints its outcome. Ctrl-C: the trainer sees the cancellation, saves its checkpoint and stops ('pairlab rm resume' continues). */
    static int training(ProjectArg project, QuietOption quiet, Output output, CommandSpec spec,
                        java.util.function.Function<Project, Workflow<RewardTraining.Outcome>> workflow) throws Exception {
        RewardTraining.Outcome o;
        try (CtrlC ctrlC = new CtrlC(); Project p = project.open(Project.Access.READ_WRITE); ConsoleProgress progress = quiet.progress()) {
            o = workflow.apply(p).run(progress, ctrlC.cancellation());
        }
        print(spec.commandLine().getOut(), o, output.json);
        return Cli.OK;
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a cancelled, failed or interrupted (its process died) training run from its last checkpoint.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Mixin
        RunOption run;

        @Mixin
        QuietOption quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RewardTraining.ResumeParams params = new RewardTraining.ResumeParams(run.run);
            return training(project, quiet, output, spec, p -> new RewardTraining.Resume(p, params, printer(quiet.quiet)));
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Pairwise accuracy of a trained model on a split with gold labels.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Mixin
        RunOption run;

        @Option(names = "--split", defaultValue = RewardEvaluation.Params.DEFAULT_SPLIT, description = RewardEvaluation.Params.DESC_SPLIT
                + " (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--file", paramLabel = "FILE", description = RewardEvaluation.Params.DESC_FILE)
        Path file;

        @Option(names = "--format", description = RewardEvaluation.Params.DESC_FORMAT)
        String format;

        @Option(names = "--col", paramLabel = "ROLE=FIELD", description = RewardEvaluation.Params.DESC_COLUMNS)
        java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();

        @Option(names = "--label-map", split = ",", paramLabel = "VALUE=a|b|none", description = RewardEvaluation.Params.DESC_LABEL_MAP)
        java.util.Map<String, String> labelMap = new java.util.LinkedHashMap<>();

        @Option(names = "--by-length", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = RewardEvaluation.Params.DESC_BY_LENGTH)
        boolean byLength;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RewardEvaluation.Params params = new RewardEvaluation.Params(run.run, file != null ? null : Split.parse(split), file, format, columns,
                    labelMap, byLength);
            RewardEvaluation.Result r;
            try (Project p = project.open(Project.Access.READ_ONLY)) {
                r = new RewardEvaluation.Job(p, params).run(ProgressListener.NONE, Cancellation.none());
            }
            Trainer.Evaluation ev = r.evaluation();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("run", r.run().id()).put("on", r.on()).put("pairs", ev.pairs())
                        .put("accuracy", ev.accuracy()).put("margin", ev.margin()).put("loss", ev.loss());
                if (file == null) {
                    o.put("split", r.on());
                } else {
                    o.put("file", file.getFileName().toString());
                }
                o.putArray("accuracy_interval").add(r.interval().low()).add(r.interval().high());
                putLengthTerm(o, r.run());
                if (r.byLength() != null) {
                    o.set("by_length", lengthJson(r.byLength()));
                }
                Output.print(out, o);
            } else {
                out.printf("Run %d on %s: pairwise accuracy %.3f [%.3f, %.3f], mean margin %.3f, loss %.4f (%d pairs)%s%n", r.run().id(),
                        r.on(), ev.accuracy(), r.interval().low(), r.interval().high(), ev.margin(), ev.loss(), ev.pairs(), qualityNote(r.run()));
                if (r.byLength() != null) {
                    printLength(out, r.byLength());
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
                    throw new LfException("no training run" + (run > 0 ? " " + run : "s yet"));
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
                            r.state().name().toLowerCase(), Json.MAPPER.readTree(r.config()).path("data").asText(), RewardTraining.lengthTerm(r).key(),
                            m.has("eval_accuracy") ? String.format("%.3f", m.get("eval_accuracy").asDouble()) : "-", r.updatedAt());
                }
            }
            return Cli.OK;
        }
    }

    static void putLengthTerm(ObjectNode o, TrainingRuns.Run r) {
        RewardConfig.Length term = RewardTraining.lengthTerm(r);
        o.put("length_term", term.key());
        if (term == RewardConfig.Length.LEARNED) {
            o.put("scored_by", "quality head (the learned length term is not part of the reward)");
        }
    }

    /** After an accuracy: says that a length-controlled run is scored by its quality head alone. */
    static String qualityNote(TrainingRuns.Run r) {
        return RewardTraining.lengthTerm(r) == RewardConfig.Length.LEARNED ? "; quality head only (the learned length term is left out)" : "";
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
