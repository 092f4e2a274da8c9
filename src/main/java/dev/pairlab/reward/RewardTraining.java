package dev.pairlab.reward;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LfException;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A reward-model training run of a project, from its data to its stored record: the run's folder
 * holds config.json, events.jsonl (one line per step, what the live charts read), the checkpoint
 * and the final model.params.
 */
public final class RewardTraining {

    /**
     * @param weakPairs of the train pairs, those weakly labeled; {@code labelModelRun} the label-model run
     *                  that labeled them and {@code weakThreshold} the confidence they had to reach (0, 0 for gold)
     */
    public record Outcome(TrainingRuns.Run run, Trainer.Result result, Devices.Choice device, int trainPairs, int evalPairs, int weakPairs,
                          long labelModelRun, double weakThreshold) {
    }

    private RewardTraining() {
    }

    /** {@code rm train} and the training screen's Start: a new run with these choices. */
    public record Train(Project project, TrainParams params, Trainer.Listener listener) implements Workflow<Outcome> {

        @Override
        public Outcome run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            return train(project, params.config(), listener, progress, cancel);
        }

        @Override
        public String title() {
            return "Training a " + params.kind().key() + " reward model";
        }
    }

    /** Which run {@code rm resume} and the screen's Resume continue: its id, or 0 for the latest. */
    public record ResumeParams(long run) implements Parameters {

        public static final String DEFAULT_RUN = "0";
        public static final String DESC_RUN = "Run id (default: the latest).";

        @Override
        public List<Problem> validate() {
            return run < 0 ? List.of(Problem.of("run", "the run must be a run id, or 0 for the latest (got " + run + ")")) : List.of();
        }
    }

    /** {@code rm resume} and the training screen's Resume: a cancelled, failed or interrupted run from its last checkpoint. */
    public record Resume(Project project, ResumeParams params, Trainer.Listener listener) implements Workflow<Outcome> {

        @Override
        public Outcome run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            long id = params.run();
            if (id == 0) {
                TrainingRuns.Run latest = TrainingRuns.get(project, 0);
                id = latest == null ? 0 : latest.id();
            }
            return resume(project, id, listener, progress, cancel);
        }

        @Override
        public String title() {
            return params.run() == 0 ? "Resuming the latest run" : "Resuming run " + params.run();
        }
    }

    public static RewardNet build(RewardConfig config, Device device) throws IOException {
        return switch (config.kind()) {
            case FEATURES -> new FeatureRewardNet(config, device);
            case TRANSFORMER, FROZEN ->
                    TransformerRewardNet.load(Pretrained.resolve(config.base(), dev.pairlab.task.ProgressListener.NONE), config, device);
        };
    }

    /** A trained model from its run folder (config.json and model.params). */
    public static RewardNet load(Path runDir, String device) throws IOException {
        RewardConfig config = RewardConfig.fromJson(Json.MAPPER.readTree(runDir.resolve("config.json").toFile()));
        RewardNet net = build(config, Devices.choose(device).device());
        net.loadParameters(runDir.resolve("model.params"));
        return net;
    }

    /** Starts a new run. */
    public static Outcome train(Project project, RewardConfig config, Trainer.Listener listener, ProgressListener progress,
                                Cancellation cancel) throws IOException, CancelledException, LfException {
        RewardData.Sets sets = RewardData.load(project, config.data(), config.labelModelRun(), config.weakThreshold(), Split.TEST, progress,
                cancel);
        if (config.data().weak()) {
            config = config.withWeakLabels(sets.labelModelRun(), config.weakThreshold()); // the run it took, for the record and a resume
        }
        if (sets.train().isEmpty()) {
            throw new LfException("no training pairs: the train split has no gold labels"
                    + (!config.data().weak() ? "" : " and the pool none the label model can label"));
        }
        TrainingRuns.Run run = TrainingRuns.create(project, config.kind().key(), config.toJson().toString(), sets.labelModelRun());
        Files.createDirectories(run.dir());
        Files.writeString(run.dir().resolve("config.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config.toJson()));
        return execute(project, run, config, sets, listener, cancel);
    }

    /** Continues a run from its last checkpoint (after a cancel or a crash). */
    public static Outcome resume(Project project, long runId, Trainer.Listener listener, ProgressListener progress, Cancellation cancel)
            throws IOException, CancelledException, LfException {
        TrainingRuns.Run run = TrainingRuns.get(project, runId);
        if (run == null) {
            throw new LfException("no training run " + runId);
        }
        if (run.state() == TrainingRuns.State.DONE) {
            throw new LfException("training run " + runId + " is already done");
        }
        if (!run.state().resumable()) {
            throw new LfException("training run " + runId + " is still " + run.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " in another process (pid " + run.owner().split(" ")[0] + "); stop it there first");
        }
        RewardConfig config = RewardConfig.fromJson(Json.MAPPER.readTree(run.config()));
        RewardData.Sets sets = RewardData.load(project, config.data(), config.labelModelRun(), config.weakThreshold(), Split.TEST, progress,
                cancel);
        return execute(project, run, config, sets, listener, cancel);
    }

    private static Outcome execute(Project project, TrainingRuns.Run run, RewardConfig config, RewardData.Sets sets,
                                   Trainer.Listener listener, Cancellation cancel) throws IOException {
        Devices.Choice device = Devices.choose(config.device());
        if (device.fallbackReason() != null) {
            listener.onMessage(device.fallbackReason());
        }
        TrainingRuns.update(project, run.id(), TrainingRuns.State.RUNNING, device.description(), null);
        Path events = run.dir().resolve("events.jsonl");
        keepEventsUpTo(events, Trainer.checkpointStep(run.dir()));
        try (RewardNet net = build(config, device.device());
             BufferedWriter log = Files.newBufferedWriter(events, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (net instanceof FeatureRewardNet f && !Files.exists(Trainer.checkpointDir(run.dir()))) {
                List<String> answers = new ArrayList<>();
                for (TrainPair p : sets.train()) {
                    answers.add(p.a());
                    answers.add(p.b());
                }
                f.fitNormalization(answers);
            }
            listener.onMessage("training " + net + " on " + device.description() + ": " + sets.train().size() + " pairs ("
                    + sets.train().stream().filter(TrainPair::weak).count() + " weak), evaluating on " + sets.eval().size()
                    + (net.hasLengthTerm() ? "; reward = quality + learned length term (decorrelation weight " + config.lengthDecorrelation()
                    + "), evaluated and saved as the quality part alone" : ""));
            Trainer.Listener both = new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    try {
                        log.write(Json.MAPPER.writeValueAsString(e));
                        log.write('\n');
                        log.flush();
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    listener.onEvent(e);
                }

                @Override
                public void onMessage(String message) {
                    listener.onMessage(message);
                }
            };
            Trainer.Result result = new Trainer(net, config, run.dir()).train(sets.train(), sets.eval(), sets.dev(), both, cancel);
            ObjectNode metrics = metrics(result, sets, config);
            TrainingRuns.State state = result.state() == Trainer.State.CANCELLED ? TrainingRuns.State.CANCELLED : TrainingRuns.State.DONE;
            TrainingRuns.update(project, run.id(), state, device.description(), metrics.toString());
            return new Outcome(TrainingRuns.get(project, run.id()), result, device, sets.train().size(), sets.eval().size(),
                    (int) sets.train().stream().filter(TrainPair::weak).count(), sets.labelModelRun(), config.weakThreshold());
        } catch (IOException | RuntimeException e) {
            TrainingRuns.update(project, run.id(), TrainingRuns.State.FAILED, device.description(),
                    Json.MAPPER.createObjectNode().put("error", String.valueOf(e.getMessage())).toString());
            throw e;
        }
    }

    /**
     * Drops the events after the checkpoint a run continues from (steps a killed or cancelled process ran
     * past its last checkpoint are run again), so that the curve has each step once and in order.
     */
    static void keepEventsUpTo(Path events, long step) throws IOException {
        if (!Files.exists(events)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            long s;
            try {
                s = Json.MAPPER.readTree(line).path("step").asLong(Long.MAX_VALUE);
            } catch (IOException e) {
                s = Long.MAX_VALUE; // a line cut short by the kill
            }
            if (s <= step) {
                kept.add(line);
            } else {
                dropped = true;
            }
        }
        if (dropped) {
            Path tmp = events.resolveSibling("events.jsonl.tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, events, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A run's length term (none for runs saved before there was one). */
    public static RewardConfig.Length lengthTerm(TrainingRuns.Run run) {
        try {
            return RewardConfig.Length.parse(Json.MAPPER.readTree(run.config()).path("lengthTerm").asText(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("run " + run.id() + " has a config that is not JSON", e);
        }
    }

    /** A field of a run's stored JSON (its config or metrics) as text; empty when absent. */
    public static String field(String json, String key) {
        try {
            return json == null ? "" : Json.MAPPER.readTree(json).path(key).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** One point of a curve: a step and a value. */
    public record Point(long step, double value) {
    }

    /** The test accuracy at each evaluation of a run, from its events (empty when it has none yet). */
    public static List<Point> testAccuracyCurve(Path runDir) throws IOException {
        Path events = runDir.resolve("events.jsonl");
        List<Point> out = new ArrayList<>();
        if (!Files.isRegularFile(events)) {
            return out;
        }
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            JsonNode acc;
            JsonNode e;
            try {
                e = Json.MAPPER.readTree(line);
                acc = e.get("evalAccuracy");
            } catch (IOException cut) {
                continue; // the last line of a run still being written
            }
            if (acc != null && acc.isNumber()) {
                out.add(new Point(e.path("step").asLong(), acc.asDouble()));
            }
        }
        return out;
    }

    static ObjectNode metrics(Trainer.Result r, RewardData.Sets sets, RewardConfig config) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("state", r.state().name().toLowerCase());
        o.put("steps", r.steps());
        o.put("train_pairs", sets.train().size());
        o.put("eval_pairs", sets.eval().size());
        o.put("wall_ms", r.millis());
        o.put("pairs_per_s", r.pairsPerS());
        o.put("length_term", config.lengthTerm().key());
        if (r.eval() != null && r.eval().pairs() > 0) {
            o.put("eval_accuracy", r.eval().accuracy());
            o.put("eval_margin", r.eval().margin());
            o.put("eval_loss", r.eval().loss());
        }
        return o;
    }
}
