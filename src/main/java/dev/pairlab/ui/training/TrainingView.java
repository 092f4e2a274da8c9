package dev.pairlab.ui.training;

import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.TrainParams;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.Workspace;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * Reward-model training: a form for a run (the paper's defaults), Start, Cancel (the run stops at
 * the next step with a checkpoint) and Resume; live charts of training loss, test accuracy,
 * examples per second and learning rate, with the device and an ETA; and the run history, where
 * selecting two or more runs overlays their test-accuracy curves. The state and actions are
 * {@link TrainingViewModel}'s; this class only lays out and binds.
 */
public final class TrainingView extends BorderPane {

    /** The job key of training and resuming (see {@link TrainingViewModel#TRAINING}). */
    public static final String TRAINING = TrainingViewModel.TRAINING;

    private final TrainingViewModel model;
    /** The run history is read when the project changes, or when this screen is next shown. */
    private final dev.pairlab.ui.WhenShown historyRefresh;
    private final TableView<TrainingRuns.Run> history = new TableView<>();

    public TrainingView(Workspace ws) {
        this.model = new TrainingViewModel(ws);
        this.historyRefresh = new dev.pairlab.ui.WhenShown(model::refreshHistory);
        ComboBox<RewardConfig.Kind> kind = choice(model.kind, RewardConfig.Kind.values(), RewardConfig.Kind::key, TrainParams.DESC_KIND);
        ComboBox<RewardConfig.Data> data = choice(model.data, RewardConfig.Data.values(), RewardConfig.Data::key, TrainParams.DESC_DATA);
        ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList(TrainParams.DEVICES));
        device.valueProperty().bindBidirectional(model.device);
        device.setTooltip(new Tooltip(TrainParams.DESC_DEVICE));
        TextField base = Forms.field(model.base, "train-base", TrainParams.DESC_BASE, 14);
        base.setPromptText("minilm, or a Hugging Face checkpoint folder (transformer, frozen)");
        base.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.kind.get().encoder(), model.kind));
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(getScene().getWindow());
            if (f != null) {
                model.base.set(f.getAbsolutePath());
            }
        });
        browse.disableProperty().bind(base.disableProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Model"), kind, new Label("Base"), new HBox(4, base, browse));
        form.addRow(1, new Label("Data"), data, new Label("Device"), device);
        form.addRow(2, new Label("Epochs"), Forms.field(model.epochs, "train-epochs", TrainParams.DESC_EPOCHS, 8),
                new Label("Pairs per step"), Forms.field(model.pairsPerStep, "train-batch", "Pairs per optimizer step (micro-batches accumulated).", 8));
        form.addRow(3, new Label("Learning rate"), Forms.field(model.lr, "train-lr", TrainParams.DESC_LR, 8),
                new Label("Evaluate every"), Forms.field(model.evalEvery, "train-eval-every", TrainParams.DESC_EVAL_EVERY, 8));
        CheckBox lengthControl = new CheckBox("Learned length term (the quality part is scored)");
        lengthControl.setId("train-length-control");
        lengthControl.selectedProperty().bindBidirectional(model.lengthControl);
        lengthControl.setTooltip(new Tooltip("Train the reward as quality + a learned function of the answer's length;"
                + " the test accuracy, scores and saved model use the quality part only (decision 0015)."));
        form.add(lengthControl, 1, 4, 3, 1);
        Label problems = Forms.problems(model.problems, "train-problems");

        Button start = Forms.button("Start", "train-start");
        start.setOnAction(e -> start());
        start.disableProperty().bind(model.running);
        Button stop = Forms.button("Cancel", "train-cancel");
        stop.setOnAction(e -> model.cancel());
        Button resume = Forms.button("Resume selected", "train-resume");
        resume.setOnAction(e -> model.resume(history.getSelectionModel().getSelectedItem()));
        resume.disableProperty().bind(start.disableProperty());
        Label state = new Label();
        state.setId("train-state");
        state.setWrapText(true);
        state.textProperty().bind(model.state);
        HBox buttons = new HBox(8, start, stop, resume);
        buttons.setAlignment(Pos.CENTER_LEFT);

        LineChart<Number, Number> lossChart = chart("Training loss", "training loss", model.loss);
        lossChart.setId("train-loss-chart");
        LineChart<Number, Number> accChart = chart("Test accuracy", "test accuracy", model.testAccuracy);
        LineChart<Number, Number> speedChart = chart("Pairs per second", "pairs/s", model.speed);
        LineChart<Number, Number> lrChart = chart("Learning rate", "learning rate", model.rate);
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
            c.setLegendVisible(false); // one series each: the title says what it is
            c.setMinSize(120, 100);
            c.setPrefHeight(200);
        }

        history.setId("train-history");
        for (TrainingViewModel.Column c : TrainingViewModel.COLUMNS) {
            TableColumn<TrainingRuns.Run, String> column = new TableColumn<>(c.title());
            column.setPrefWidth(c.width());
            column.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(c.text().apply(cd.getValue())));
            history.getColumns().add(column);
        }
        history.setItems(model.runs);
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        history.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TrainingRuns.Run>) c ->
                model.compare(history.getSelectionModel().getSelectedItems()));
        history.setPrefHeight(160);
        history.setMinHeight(120);
        LineChart<Number, Number> compare = chart("Test accuracy of the selected runs", null, null);
        compare.setId("train-compare");
        compare.setData(model.comparison);
        compare.setMinHeight(220);
        Button scoreFile = Forms.button("Score selected run on a file…", "train-score-file");
        scoreFile.setOnAction(e -> scoreOnFile());
        Label fileScore = new Label();
        fileScore.setId("train-file-score");
        fileScore.setWrapText(true);
        fileScore.textProperty().bind(model.fileScore);
        VBox right = new VBox(6, new Label("Runs (select two or more to compare)"), history, new FlowPane(8, 4, scoreFile), fileScore, compare);
        VBox.setVgrow(compare, Priority.ALWAYS);
        VBox left = new VBox(8, form, problems, buttons, state, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        right.setPadding(new Insets(8));
        right.setPrefWidth(440);
        right.setMinWidth(360);
        setCenter(left);
        setRight(right);
        ws.project().addListener((o, a, p) -> historyRefresh.request());
    }

    private static <E> ComboBox<E> choice(javafx.beans.property.ObjectProperty<E> value, E[] choices, java.util.function.Function<E, String> key,
                                          String tooltip) {
        ComboBox<E> c = new ComboBox<>(FXCollections.observableArrayList(choices));
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : key.apply(e);
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        });
        c.valueProperty().bindBidirectional(value);
        c.setTooltip(new Tooltip(tooltip));
        c.setMinWidth(Control.USE_PREF_SIZE);
        return c;
    }

    private static LineChart<Number, Number> chart(String title, String series, ObservableList<XYChart.Data<Number, Number>> points) {
        NumberAxis xa = new NumberAxis();
        xa.setLabel("step");
        xa.setForceZeroInRange(false);
        NumberAxis ya = new NumberAxis();
        ya.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(xa, ya);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        if (points != null) {
            c.getData().add(new XYChart.Series<>(series, points));
        }
        return c;
    }

    /** Start: a new run from the form (see {@link TrainingViewModel#start}). */
    public void start() {
        model.start();
    }

    /** The view model (for tests and the main window). */
    public TrainingViewModel model() {
        return model;
    }

    /** Another data set, any importable file: the selected run scored on it, nothing imported (as rm eval --file). */
    private void scoreOnFile() {
        TrainingRuns.Run selected = history.getSelectionModel().getSelectedItem();
        if (selected == null) {
            model.scoreOnFile(null, null);
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A data set to score run " + selected.id() + " on");
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            scoreOnFile(selected, f.toPath());
        }
    }

    /** Scores a run on a file in the background and shows the line. */
    public void scoreOnFile(TrainingRuns.Run run, Path file) {
        model.scoreOnFile(run, file);
    }

    /** Bound by the main window to the tab's selection: while false, the run history waits. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return historyRefresh.showingProperty();
    }
}
