package dev.pairlab.ui.training;

import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.RewardEvaluation;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainParams;
import dev.pairlab.reward.Trainer;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Problem;
import dev.pairlab.task.Workflow;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.Job;
import dev.pairlab.ui.jobs.JobRefusedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The training screen's state and actions, without controls: the form (the kind's defaults from
 * {@link RewardConfig#of}, the descriptions from {@link TrainParams}) builds the same {@link TrainParams}
 * {@code rm train} builds and runs the same {@link RewardTraining.Train} workflow through the job
 * manager (one training at a time); Resume runs {@link RewardTraining.Resume}. Live curves, the run
 * history, the comparison of selected runs and scoring a run on a file are exposed as observable
 * state the view binds to. Methods are called on the FX thread.
 */
public final class TrainingViewModel {

    /** The job key of training and resuming: one at a time (two would share the engine's gradient collector). */
    public static final String TRAINING = "training";
    /** Keep at most about this many points a series: drawing is the cost, not the data. */
    static final int MAX_POINTS = 400;

    /** A column of the run history: its title, preferred width and text. */
    public record Column(String title, double width, Function<TrainingRuns.Run, String> text) {
    }

    /** The run history's columns. */
    public static final List<Column> COLUMNS = List.of(
            new Column("run", 40, r -> Long.toString(r.id())),
            new Column("kind", 80, TrainingRuns.Run::kind),
            new Column("data", 70, r -> RewardTraining.field(r.config(), "data")),
            new Column("length", 60, r -> RewardTraining.lengthTerm(r).key()),
            new Column("state", 80, r -> r.state().name().toLowerCase(Locale.ROOT)),
            new Column("test acc.", 70, r -> {
                String v = RewardTraining.field(r.metrics(), "eval_accuracy");
                return v.isEmpty() ? "" : String.format(Locale.ROOT, "%.3f", Double.parseDouble(v));
            }),
            new Column("steps", 50, r -> RewardTraining.field(r.metrics(), "steps")));

    private final Workspace ws;
    public final ObjectProperty<RewardConfig.Kind> kind = new SimpleObjectProperty<>(RewardConfig.Kind.parse(TrainParams.DEFAULT_KIND));
    public final StringProperty base = new SimpleStringProperty(TrainParams.DEFAULT_BASE);
    public final ObjectProperty<RewardConfig.Data> data = new SimpleObjectProperty<>(RewardConfig.Data.parse(TrainParams.DEFAULT_DATA));
    public final StringProperty device = new SimpleStringProperty(TrainParams.DEFAULT_DEVICE);
    private final Form form = new Form();
    // The kind's defaults are set by defaults(), so the fields start empty.
    private final FormField epochsField = form.field("epochs", "the number of epochs", null, TrainParams.DESC_EPOCHS);
    private final FormField pairsPerStepField = form.field("batch", "the pairs per step", null,
            "Pairs per optimizer step (micro-batches accumulated).");
    private final FormField lrField = form.field("lr", "the learning rate", null, TrainParams.DESC_LR);
    private final FormField evalEveryField = form.field("evalEvery", "the steps between evaluations", null, TrainParams.DESC_EVAL_EVERY);
    public final StringProperty epochs = epochsField.text();
    public final StringProperty pairsPerStep = pairsPerStepField.text();
    public final StringProperty lr = lrField.text();
    public final StringProperty evalEvery = evalEveryField.text();
    public final BooleanProperty lengthControl = new SimpleBooleanProperty(false);
    /** The form's problems, listed (from the record's validate() and from text that is not a number). */
    public final ObservableList<Problem> problems = form.list();
    public final StringProperty state = new SimpleStringProperty("No run yet.");
    public final StringProperty fileScore = new SimpleStringProperty("");
    public final ObservableList<XYChart.Data<Number, Number>> loss = FXCollections.observableArrayList();
    public final ObservableList<XYChart.Data<Number, Number>> testAccuracy = FXCollections.observableArrayList();
    public final ObservableList<XYChart.Data<Number, Number>> speed = FXCollections.observableArrayList();
    public final ObservableList<XYChart.Data<Number, Number>> rate = FXCollections.observableArrayList();
    public final ObservableList<TrainingRuns.Run> runs = FXCollections.observableArrayList();
    public final ObservableList<XYChart.Series<Number, Number>> comparison = FXCollections.observableArrayList();
    public final BooleanBinding running;
    /** This screen's training or resume job while it has not ended; Cancel cancels this job and no other. */
    private Job job;

    public TrainingViewModel(Workspace ws) {
        this.ws = ws;
        this.running = ws.tasks().jobs().isRunning(TRAINING);
        kind.addListener((o, a, k) -> defaults());
        defaults();
    }

    /** The form's numbers as the chosen kind's defaults. */
    private void defaults() {
        RewardConfig c = RewardConfig.of(kind.get(), TrainParams.DEFAULT_BASE);
        epochs.set(Integer.toString(c.epochs()));
        pairsPerStep.set(Integer.toString(c.batchSize() * c.gradAccum()));
        lr.set(Double.toString(c.lr()));
        evalEvery.set(Integer.toString(c.evalEvery()));
    }

    /** The form as the parameters of a run, or the problems with it. */
    public TrainParams params() throws InvalidParametersException {
        List<Problem> found = new ArrayList<>();
        int e = epochsField.integer(found);
        int perStep = pairsPerStepField.integer(found);
        double rate = lrField.decimal(found);
        int every = evalEveryField.integer(found);
        if (found.stream().noneMatch(p -> p.field().equals("batch")) && perStep < 1) {
            found.add(Problem.of("batch", "the pairs per step must be at least 1 (got " + perStep + ")"));
        }
        if (!found.isEmpty()) {
            throw new InvalidParametersException(found);
        }
        RewardConfig.Kind k = kind.get();
        int micro = Math.min(RewardConfig.of(k, TrainParams.DEFAULT_BASE).batchSize(), perStep);
        String b = base.get() == null ? "" : base.get().strip();
        TrainParams p = TrainParams.of(k, k.encoder() ? b : null, data.get()).withDevice(device.get())
                .withSchedule(e, micro, Math.max(1, perStep / micro), rate, every)
                .withLengthTerm(lengthControl.get() ? RewardConfig.Length.LEARNED : RewardConfig.Length.NONE);
        p.requireValid();
        return p;
    }

    /** Start: a new run from the form; refused, with the reason, while a training or resume runs. Returns the job, or null. */
    public Job start() {
        TrainParams p = form.checked(this::params);
        Project w = p == null ? null : ws.writer();
        if (w == null) {
            return null;
        }
        return run(listener -> new RewardTraining.Train(w, p, listener));
    }

    /** Resume: the run from its last checkpoint (a cancelled, failed or interrupted one). Returns the job, or null. */
    public Job resume(TrainingRuns.Run selected) {
        if (selected == null) {
            ws.error(new IllegalArgumentException("select the run to resume"));
            return null;
        }
        Project w = ws.writer();
        if (w == null) {
            return null;
        }
        return run(listener -> new RewardTraining.Resume(w, new RewardTraining.ResumeParams(selected.id()), listener));
    }

    /** Cancel: this screen's job stops at the next step, with a checkpoint. */
    public void cancel() {
        if (job != null) {
            job.cancel();
            state.set("cancelling at the next step (a checkpoint is kept) …");
        }
    }

    private Job run(Function<Trainer.Listener, Workflow<RewardTraining.Outcome>> workflow) {
        Workflow<RewardTraining.Outcome> titled = workflow.apply(null);
        Job started;
        try {
            started = ws.tasks().jobs().runAlone(TRAINING, titled.title(),
                    (progress, cancel) -> workflow.apply(listener(progress)).run(progress, cancel), this::show, ws::error);
        } catch (JobRefusedException refused) {
            ws.error(refused); // the running job, its charts and its state line are left as they are
            return null;
        }
        job = started;
        for (var s : List.of(loss, testAccuracy, speed, rate)) {
            s.clear();
        }
        state.set("starting …");
        // Whatever the end (done, cancelled, failed), the run history shows the run's recorded state.
        started.stateProperty().addListener((o, a, now) -> {
            if (now.ended()) {
                if (job == started) {
                    job = null;
                }
                refreshHistory();
            }
        });
        return started;
    }

    private void show(RewardTraining.Outcome o) {
        state.set(outcome(o));
    }

    /** The state line for a finished (done, stopped or cancelled) run. */
    static String outcome(RewardTraining.Outcome o) {
        Trainer.Evaluation ev = o.result().eval();
        boolean quality = RewardTraining.lengthTerm(o.run()) == RewardConfig.Length.LEARNED;
        return String.format(Locale.ROOT, "Run %d %s on %s: %d steps, %.1f s%s", o.run().id(), o.run().state().name().toLowerCase(Locale.ROOT),
                o.device().description(), o.result().steps(), o.result().millis() / 1000.0,
                ev != null && ev.pairs() > 0 ? String.format(Locale.ROOT, "; test %s%s on %d pairs", ev.summary(),
                        quality ? " (of the quality part)" : "", ev.pairs()) : "");
    }

    /** Charts the run's events; its steps are also the job's progress in the job list. */
    private Trainer.Listener listener(ProgressListener progress) {
        long started = System.nanoTime();
        return new Trainer.Listener() {
            private long firstStep = -1;

            @Override
            public void onEvent(Trainer.Event e) {
                progress.progress(e.step(), e.totalSteps(), "step " + e.step() + " of " + e.totalSteps());
                if (firstStep < 0) {
                    firstStep = e.step() - 1; // a resumed run starts after its checkpoint: time left is from here
                }
                double perStep = (System.nanoTime() - started) / 1e9 / Math.max(1, e.step() - firstStep);
                long left = Math.round(perStep * (e.totalSteps() - e.step()));
                Platform.runLater(() -> onStep(e, left));
            }

            @Override
            public void onMessage(String message) {
                Platform.runLater(() -> ws.info(message));
            }
        };
    }

    /** One step on the FX thread: the curves and the state line. */
    void onStep(Trainer.Event e, long secondsLeft) {
        long every = Math.max(1, e.totalSteps() / MAX_POINTS);
        boolean eval = !Double.isNaN(e.evalAccuracy());
        if (e.step() % every == 0 || e.step() == e.totalSteps()) {
            loss.add(new XYChart.Data<>(e.step(), e.loss()));
            speed.add(new XYChart.Data<>(e.step(), e.examplesPerS()));
            rate.add(new XYChart.Data<>(e.step(), e.lr()));
        }
        if (eval) {
            testAccuracy.add(new XYChart.Data<>(e.step(), e.evalAccuracy()));
        }
        state.set(String.format(Locale.ROOT, "step %d of %d, loss %.4f%s — about %d s left", e.step(), e.totalSteps(), e.loss(),
                eval ? String.format(Locale.ROOT, ", test accuracy %.3f", e.evalAccuracy()) : "", secondsLeft));
    }

    /** Reads the project's runs again (in the background; the newest read wins). */
    public void refreshHistory() {
        Workspace.Opened o = ws.project().get();
        if (o == null) {
            runs.clear();
            return;
        }
        ws.runLatest("training-history", "Reading training runs", (progress, c) -> TrainingRuns.list(o.reader()), runs::setAll);
    }

    /** Overlays the test-accuracy curves of the given runs (from their events). */
    public void compare(List<TrainingRuns.Run> selected) {
        List<TrainingRuns.Run> chosen = List.copyOf(selected);
        ws.runLatest("training-compare", "Comparing runs", (progress, c) -> {
            List<XYChart.Series<Number, Number>> series = new ArrayList<>();
            for (TrainingRuns.Run r : chosen) {
                List<RewardTraining.Point> curve = RewardTraining.testAccuracyCurve(r.dir());
                if (curve.isEmpty()) {
                    continue;
                }
                series.add(series(r, curve));
            }
            return series;
        }, comparison::setAll);
    }

    /** A run's curve as a chart series named after the run. */
    static XYChart.Series<Number, Number> series(TrainingRuns.Run r, List<RewardTraining.Point> curve) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName("run " + r.id() + " (" + r.kind() + ", " + RewardTraining.field(r.config(), "data")
                + (RewardTraining.lengthTerm(r) == RewardConfig.Length.LEARNED ? ", length-controlled" : "") + ")");
        for (RewardTraining.Point p : curve) {
            s.getData().add(new XYChart.Data<>(p.step(), p.value()));
        }
        return s;
    }

    /** Another data set, any importable file: the run scored on it, nothing imported (as rm eval --file). */
    public void scoreOnFile(TrainingRuns.Run run, Path file) {
        Workspace.Opened o = ws.project().get();
        if (run == null || o == null) {
            ws.error(new IllegalArgumentException("select the run to score"));
            return;
        }
        fileScore.set("scoring run " + run.id() + " on " + file.getFileName() + " …");
        RewardEvaluation.Job scoring = new RewardEvaluation.Job(o.reader(), RewardEvaluation.Params.onFile(run.id(), file));
        ws.run(scoring.title(), scoring::run, r -> fileScore.set("Run " + run.id() + " on " + r.file().summary()));
    }
}
