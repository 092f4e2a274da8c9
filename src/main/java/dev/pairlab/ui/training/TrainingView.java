package dev.pairlab.ui.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.Trainer;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.Job;
import dev.pairlab.ui.jobs.JobManager;
import dev.pairlab.ui.jobs.JobRefusedException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Reward-model training: a form for a run (the paper's defaults), Start, Cancel (the run stops at
 * the next step with a checkpoint) and Resume; live charts of training loss, test accuracy,
 * examples per second and learning rate, with the device and an ETA; and the run history, where
 * selecting two or more runs overlays their test-accuracy curves.
 */
public final class TrainingView extends BorderPane {

    private final Workspace ws;
    /** The run history is read when the project changes, or when this screen is next shown. */
    private final dev.pairlab.ui.WhenShown historyRefresh = new dev.pairlab.ui.WhenShown(this::refreshHistory);
    private final ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList("features", "transformer", "frozen"));
    private final TextField base = new TextField();
    private final ComboBox<String> data = new ComboBox<>(FXCollections.observableArrayList("gold", "gold+weak", "soft"));
    private final TextField epochs = new TextField();
    private final TextField batch = new TextField();
    private final TextField lr = new TextField();
    private final TextField evalEvery = new TextField();
    private final ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList("auto", "cpu", "gpu"));
    private final CheckBox lengthControl = new CheckBox("Learned length term (the quality part is scored)");
    private final Label state = new Label("No run yet.");
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> evalAcc = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> speed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final LineChart<Number, Number> compare = chart("Test accuracy of the selected runs", "step");
    private final TableView<TrainingRuns.Run> history = new TableView<>();
    /** This screen's training or resume job while it has not ended; its Cancel cancels this job and no other. */
    private Job job;
    /** The job key of training and resuming: one at a time (two would share the engine's gradient collector). */
    public static final String TRAINING = "training";

    public TrainingView(Workspace ws) {
        this.ws = ws;
        kind.getSelectionModel().select(0);
        data.getSelectionModel().select(0);
        device.getSelectionModel().select(0);
        state.setId("train-state");
        epochs.setId("train-epochs");
        history.setId("train-history");
        defaults();
        kind.setOnAction(e -> defaults());
        base.setText("minilm");
        base.setPromptText("minilm, or a Hugging Face checkpoint folder (transformer, frozen)");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(getScene().getWindow());
            if (f != null) {
                base.setText(f.getAbsolutePath());
            }
        });
        Button start = new Button("Start");
        start.setId("train-start");
        start.setOnAction(e -> start());
        start.disableProperty().bind(ws.tasks().jobs().isRunning(TRAINING));
        Button stop = new Button("Cancel");
        stop.setId("train-cancel");
        stop.setOnAction(e -> {
            if (job != null) {
                job.cancel();
                state.setText("cancelling at the next step (a checkpoint is kept) …");
            }
        });
        Button resume = new Button("Resume selected");
        resume.setId("train-resume");
        resume.setOnAction(e -> resume());
        resume.disableProperty().bind(start.disableProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Model"), kind, new Label("Base"), new FlowPane(4, 4, base, browse));
        form.addRow(1, new Label("Data"), data, new Label("Device"), device);
        form.addRow(2, new Label("Epochs"), epochs, new Label("Pairs per step"), batch);
        form.addRow(3, new Label("Learning rate"), lr, new Label("Evaluate every"), evalEvery);
        lengthControl.setId("train-length-control");
        lengthControl.setTooltip(new javafx.scene.control.Tooltip("Train the reward as quality + a learned function of the answer's length;"
                + " the test accuracy, scores and saved model use the quality part only (decision 0015)."));
        form.add(lengthControl, 1, 4, 3, 1);
        FlowPane buttons = new FlowPane(8, 6, start, stop, resume, state);
        buttons.setAlignment(Pos.CENTER_LEFT);
        loss.setName("training loss");
        evalAcc.setName("test accuracy");
        speed.setName("pairs/s");
        rate.setName("learning rate");
        LineChart<Number, Number> lossChart = chart("Training loss", "step");
        lossChart.getData().add(loss);
        lossChart.setId("train-loss-chart");
        LineChart<Number, Number> accChart = chart("Test accuracy", "step");
        accChart.getData().add(evalAcc);
        LineChart<Number, Number> speedChart = chart("Pairs per second", "step");
        speedChart.getData().add(speed);
        LineChart<Number, Number> lrChart = chart("Learning rate", "step");
        lrChart.getData().add(rate);
        GridPane charts = new GridPane();
        charts.setHgap(4);
        charts.setVgap(4);
        charts.add(lossChart, 0, 0);
        charts.add(accChart, 1, 0);
        charts.add(speedChart, 0, 1);
        charts.add(lrChart, 1, 1);
        for (var c : List.of(lossChart, accChart, speedChart, lrChart)) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            c.setPrefHeight(200);
        }
        historyColumns();
        history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        history.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<TrainingRuns.Run>) c -> overlay());
        history.setPrefHeight(160);
        compare.setPrefHeight(200);
        Button scoreFile = new Button("Score selected run on a file…");
        scoreFile.setId("train-score-file");
        scoreFile.setOnAction(e -> scoreOnFile());
        fileScore.setId("train-file-score");
        fileScore.setWrapText(true);
        VBox right = new VBox(6, new Label("Runs (select two or more to compare)"), history, new FlowPane(8, 4, scoreFile), fileScore, compare);
        VBox left = new VBox(8, form, buttons, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        right.setPadding(new Insets(8));
        right.setPrefWidth(460);
        setCenter(left);
        setRight(right);
        ws.project().addListener((o, a, p) -> historyRefresh.request());
    }

    private final Label fileScore = new Label();

    /** Another data set, any importable file: the selected run scored on it, nothing imported (as rm eval --file). */
    private void scoreOnFile() {
        TrainingRuns.Run selected = history.getSelectionModel().getSelectedItem();
        if (selected == null) {
            ws.error(new IllegalArgumentException("select the run to score"));
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("A data set to score run " + selected.id() + " on");
        java.io.File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            scoreOnFile(selected, f.toPath());
        }
    }

    /** Scores a run on a file in the background and shows the line. */
    public void scoreOnFile(TrainingRuns.Run run, java.nio.file.Path file) {
        fileScore.setText("scoring run " + run.id() + " on " + file.getFileName() + " …");
        ws.run("Scoring run " + run.id() + " on " + file.getFileName(),
                (progress, cancel) -> dev.pairlab.reward.FileEvaluation.of(run.dir(), file, dev.pairlab.pairs.ImportOptions.defaults()),
                r -> fileScore.setText("Run " + run.id() + " on " + r.summary()));
    }

    private static LineChart<Number, Number> chart(String title, String x) {
        NumberAxis xa = new NumberAxis();
        xa.setLabel(x);
        xa.setForceZeroInRange(false);
        NumberAxis ya = new NumberAxis();
        ya.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(xa, ya);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        return c;
    }

    private void defaults() {
        RewardConfig c = RewardConfig.of(kind.getValue(), "x");
        epochs.setText(Integer.toString(c.epochs()));
        batch.setText(Integer.toString(c.batchSize() * c.gradAccum()));
        lr.setText(Double.toString(c.lr()));
        evalEvery.setText(Integer.toString(c.evalEvery()));
    }

    private RewardConfig config() {
        RewardConfig c = RewardConfig.of(kind.getValue(), base.getText().strip());
        try {
            int pairsPerStep = Integer.parseInt(batch.getText().strip());
            int micro = Math.min(c.batchSize(), pairsPerStep);
            c = c.withData(data.getValue()).withDevice(device.getValue()).withEpochs(Integer.parseInt(epochs.getText().strip()))
                    .withBatch(micro, Math.max(1, pairsPerStep / micro), Double.parseDouble(lr.getText().strip()), c.warmupSteps())
                    .withSchedule(Integer.parseInt(evalEvery.getText().strip()), c.checkpointEvery(), c.patience())
                    .withLengthTerm(lengthControl.isSelected() ? RewardConfig.LENGTH_LEARNED : RewardConfig.LENGTH_NONE, -1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("epochs, pairs per step, learning rate and evaluation interval must be numbers");
        }
        return c;
    }

    /** Start: a new run from the form; refused, with the reason, while a training or resume runs. */
    public void start() {
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        RewardConfig c;
        try {
            c = config();
        } catch (IllegalArgumentException e) {
            ws.error(e);
            return;
        }
        run("Training a " + c.kind() + " reward model", (progress, token) -> RewardTraining.train(w, c, listener(progress), dev.pairlab.task.ProgressListener.NONE, token));
    }

    private void resume() {
        Project w = ws.writer();
        TrainingRuns.Run selected = history.getSelectionModel().getSelectedItem();
        if (w == null) {
            return;
        }
        if (selected == null) {
            ws.error(new IllegalArgumentException("select the run to resume"));
            return;
        }
        run("Resuming run " + selected.id(), (progress, token) -> RewardTraining.resume(w, selected.id(), listener(progress),
                dev.pairlab.task.ProgressListener.NONE, token));
    }

    private void run(String title, JobManager.Work<RewardTraining.Outcome> work) {
        Job started;
        try {
            started = ws.tasks().jobs().runAlone(TRAINING, title, work, this::show, ws::error);
        } catch (JobRefusedException refused) {
            ws.error(refused); // the running job, its charts and its state line are left as they are
            return;
        }
        job = started;
        for (var s : List.of(loss, evalAcc, speed, rate)) {
            s.getData().clear();
        }
        state.setText("starting …");
        // Whatever the end (done, cancelled, failed), the run history shows the run's recorded state.
        started.stateProperty().addListener((o, a, now) -> {
            if (now.ended()) {
                if (job == started) {
                    job = null;
                }
                refreshHistory();
            }
        });
    }

    private void show(RewardTraining.Outcome o) {
        Trainer.Evaluation ev = o.result().eval();
        state.setText(String.format(Locale.ROOT, "Run %d %s on %s: %d steps, %.1f s%s", o.run().id(), o.run().state().name().toLowerCase(Locale.ROOT),
                o.device().description(), o.result().steps(), o.result().millis() / 1000.0,
                ev != null && ev.pairs() > 0 ? String.format(Locale.ROOT, ", test accuracy %.3f%s", ev.accuracy(),
                        RewardConfig.LENGTH_LEARNED.equals(lengthTerm(o.run())) ? " of the quality part" : "") : "")
                + (ev != null && ev.byLength() != null && !Double.isNaN(ev.byLength().balancedAccuracy())
                ? String.format(Locale.ROOT, " (%.3f where the longer answer is preferred, %.3f where the shorter is; length-balanced %.3f)",
                ev.byLength().accuracyLongerPreferred(), ev.byLength().accuracyShorterPreferred(), ev.byLength().balancedAccuracy()) : ""));
    }

    /** Charts the run's events; its steps are also the job's progress in the job list. */
    private Trainer.Listener listener(dev.pairlab.task.ProgressListener progress) {
        long started = System.nanoTime();
        return new Trainer.Listener() {
            @Override
            public void onEvent(Trainer.Event e) {
                progress.progress(e.step(), e.totalSteps(), "step " + e.step() + " of " + e.totalSteps());
                Platform.runLater(() -> {
                    // Keep at most about 400 points a series: drawing is the cost, not the data.
                    long every = Math.max(1, e.totalSteps() / 400);
                    boolean eval = !Double.isNaN(e.evalAccuracy());
                    if (e.step() % every == 0 || e.step() == e.totalSteps()) {
                        loss.getData().add(new XYChart.Data<>(e.step(), e.loss()));
                        speed.getData().add(new XYChart.Data<>(e.step(), e.examplesPerS()));
                        rate.getData().add(new XYChart.Data<>(e.step(), e.lr()));
                    }
                    if (eval) {
                        evalAcc.getData().add(new XYChart.Data<>(e.step(), e.evalAccuracy()));
                    }
                    double perStep = (System.nanoTime() - started) / 1e9 / Math.max(1, e.step());
                    long left = Math.round(perStep * (e.totalSteps() - e.step()));
                    state.setText(String.format(Locale.ROOT, "step %d of %d, loss %.4f%s — about %d s left", e.step(), e.totalSteps(), e.loss(),
                            eval ? String.format(Locale.ROOT, ", test accuracy %.3f", e.evalAccuracy()) : "", left));
                });
            }

            @Override
            public void onMessage(String message) {
                Platform.runLater(() -> ws.info(message));
            }
        };
    }

    private void historyColumns() {
        history.getColumns().add(col("run", 40, r -> Long.toString(r.id())));
        history.getColumns().add(col("kind", 80, TrainingRuns.Run::kind));
        history.getColumns().add(col("data", 70, r -> field(r.config(), "data")));
        history.getColumns().add(col("length", 60, TrainingView::lengthTerm));
        history.getColumns().add(col("state", 80, r -> r.state().name().toLowerCase(Locale.ROOT)));
        history.getColumns().add(col("test acc.", 70, r -> {
            double v = metric(r.metrics(), "eval_accuracy");
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
        }));
        history.getColumns().add(col("steps", 50, r -> field(r.metrics(), "steps")));
    }

    private static TableColumn<TrainingRuns.Run, String> col(String title, double w, java.util.function.Function<TrainingRuns.Run, String> f) {
        TableColumn<TrainingRuns.Run, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static String field(String json, String key) {
        try {
            return Json.MAPPER.readTree(json).path(key).asText("");
        } catch (Exception e) {
            return "";
        }
    }

    /** The run's length term; runs saved before there was one have none. */
    private static String lengthTerm(TrainingRuns.Run r) {
        String t = field(r.config(), "lengthTerm");
        return t.isEmpty() ? RewardConfig.LENGTH_NONE : t;
    }

    private static double metric(String json, String key) {
        try {
            JsonNode n = Json.MAPPER.readTree(json).get(key);
            return n == null ? Double.NaN : n.asDouble();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Bound by the main window to the tab's selection: while false, the run history waits. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return historyRefresh.showingProperty();
    }

    private void refreshHistory() {
        Workspace.Opened o = ws.project().get();
        if (o == null) {
            history.getItems().clear();
            return;
        }
        ws.runLatest("training-history", "Reading training runs", (progress, c) -> TrainingRuns.list(o.reader()), runs -> history.getItems().setAll(runs));
    }

    /** Overlays the test-accuracy curves (from events.jsonl) of the selected runs. */
    private void overlay() {
        List<TrainingRuns.Run> selected = new ArrayList<>(history.getSelectionModel().getSelectedItems());
        ws.runLatest("training-compare", "Comparing runs", (progress, c) -> {
            List<XYChart.Series<Number, Number>> series = new ArrayList<>();
            for (TrainingRuns.Run r : selected) {
                Path events = r.dir().resolve("events.jsonl");
                if (r == null || !Files.isRegularFile(events)) {
                    continue;
                }
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName("run " + r.id() + " (" + r.kind() + ", " + field(r.config(), "data")
                        + (RewardConfig.LENGTH_LEARNED.equals(lengthTerm(r)) ? ", length-controlled" : "") + ")");
                for (String line : Files.readAllLines(events)) {
                    JsonNode e = Json.MAPPER.readTree(line);
                    JsonNode acc = e.get("evalAccuracy");
                    if (acc != null && acc.isNumber()) {
                        s.getData().add(new XYChart.Data<>(e.path("step").asLong(), acc.asDouble()));
                    }
                }
                series.add(s);
            }
            return series;
        }, series -> compare.getData().setAll(series));
    }
}
