package dev.pairlab.ui.experiment;

import dev.pairlab.lf.Presets;
import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.Workspace;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The paper's experiment from a form: labeled fractions × seeds, progress per cell, and the results
 * table and accuracy-vs-fraction chart filled in as cells finish (from results.csv, so a rerun of
 * the same experiment resumes). The state and actions are {@link ExperimentViewModel}'s; this class
 * only lays out and binds.
 */
public final class ExperimentView extends BorderPane {

    private final ExperimentViewModel model;
    private final VBox report = new VBox(6);

    public ExperimentView(Workspace ws) {
        this.model = new ExperimentViewModel(ws);
        ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(Presets.NAMES));
        preset.valueProperty().bindBidirectional(model.preset);
        preset.setTooltip(new Tooltip(Experiment.Params.DESC_PRESET));
        ComboBox<RewardConfig.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(RewardConfig.Kind.values()));
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(RewardConfig.Kind k) {
                return k == null ? "" : k.key();
            }

            @Override
            public RewardConfig.Kind fromString(String s) {
                return RewardConfig.Kind.parse(s);
            }
        });
        kind.valueProperty().bindBidirectional(model.kind);
        kind.setTooltip(new Tooltip(Experiment.Params.DESC_KIND));
        TextField evalFile = Forms.field(model.evalFile, "experiment-eval-file", Experiment.Params.DESC_EVAL_FILE, 50);
        evalFile.setPromptText("optional: a fixed evaluation set");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Dataset"), Forms.field(model.dataset, "experiment-dataset", Experiment.Params.DESC_DATASET, 50));
        g.addRow(1, new Label("Evaluation file"), evalFile);
        g.addRow(2, new Label("Labeled fractions"), Forms.field(model.fractions, "experiment-fractions", Experiment.Params.DESC_LABELED, 20));
        g.addRow(3, new Label("Seeds"), Forms.field(model.seeds, "experiment-seeds", Experiment.Params.DESC_SEEDS, 6));
        g.addRow(4, new Label("LF preset"), preset);
        g.addRow(5, new Label("Training sets"), Forms.field(model.variants, "experiment-variants", Experiment.Params.DESC_VARIANTS, 50));
        g.addRow(6, new Label("Reward model"), kind);
        g.addRow(7, new Label("Output folder"), Forms.field(model.out, "experiment-out", Experiment.Params.DESC_OUT, 50));
        Label problems = Forms.problems(model.problems, "experiment-problems");

        LineChart<String, Number> chart = chart("Test accuracy (mean over seeds)");
        chart.setData(model.accuracy);
        LineChart<String, Number> balancedChart = chart("Length-balanced test accuracy");
        balancedChart.setData(model.balanced);
        report.setId("experiment-report");
        report.setPadding(new Insets(4));
        model.blocks.addListener((ListChangeListener<MarkdownBlocks.Block>) c -> showReport());

        Button start = Forms.button("Run (or resume)", "experiment-start");
        start.setOnAction(e -> model.start());
        Label progress = new Label();
        progress.setId("experiment-progress");
        progress.textProperty().bind(model.progress);
        HBox run = new HBox(8, start, progress);
        run.setAlignment(Pos.CENTER_LEFT);
        HBox charts = new HBox(8, chart, balancedChart);
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(balancedChart, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(new VBox(8, charts, report));
        scroll.setFitToWidth(true);
        scroll.setId("experiment-results");
        VBox box = new VBox(8, g, problems, run, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
    }

    /** The view model (for tests). */
    public ExperimentViewModel model() {
        return model;
    }

    private static LineChart<String, Number> chart(String title) {
        LineChart<String, Number> c = new LineChart<>(new CategoryAxis(), new NumberAxis());
        c.setTitle(title);
        c.setAnimated(false);
        c.setPrefHeight(260);
        ((NumberAxis) c.getYAxis()).setForceZeroInRange(false);
        return c;
    }

    private void showReport() {
        List<Node> nodes = new ArrayList<>();
        for (MarkdownBlocks.Block b : model.blocks) {
            if (b instanceof MarkdownBlocks.Heading h) {
                Label l = new Label(h.text());
                l.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
                nodes.add(l);
            } else if (b instanceof MarkdownBlocks.Paragraph p) {
                Label l = new Label(p.text());
                l.setWrapText(true);
                nodes.add(l);
            } else if (b instanceof MarkdownBlocks.Table t) {
                nodes.add(tableOf(t));
            }
        }
        report.getChildren().setAll(nodes);
    }

    private static TableView<List<String>> tableOf(MarkdownBlocks.Table t) {
        TableView<List<String>> view = new TableView<>();
        view.getStyleClass().add("experiment-table");
        for (int c = 0; c < t.header().size(); c++) {
            int col = c;
            TableColumn<List<String>, String> column = new TableColumn<>(t.header().get(c));
            column.setCellValueFactory(cd -> new SimpleStringProperty(col < cd.getValue().size() ? cd.getValue().get(col) : ""));
            column.setSortable(false);
            view.getColumns().add(column);
        }
        view.getItems().setAll(t.rows());
        view.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        view.setFixedCellSize(24);
        view.setPrefHeight(30 + 24 * (t.rows().size() + 0.6));
        view.setMinHeight(Region.USE_PREF_SIZE);
        return view;
    }
}
