package dev.pairlab.ui.experiment;

import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.DataDir;
import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The paper's experiment from a form: labeled fractions × seeds, progress per cell, and the results
 * table and accuracy-vs-fraction chart filled in as cells finish (from results.csv, so a rerun of
 * the same experiment resumes).
 */
public final class ExperimentView extends BorderPane {

    private final Workspace ws;
    private final TextField dataset = new TextField(DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl").toString());
    private final TextField evalFile = new TextField(DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-evaluation-set.jsonl").toString());
    private final TextField fractions = new TextField("0.01,0.02,0.05,0.1");
    private final TextField seeds = new TextField("3");
    private final ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(Presets.NAMES));
    private final TextField out = new TextField(Path.of(System.getProperty("user.home"), "pairlab-experiment").toString());
    private final TextField variants = new TextField(Experiment.DEFAULT_VARIANTS);
    private final ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList("features", "frozen", "transformer"));
    private final Label progress = new Label();
    private final VBox report = new VBox(6);
    private final LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis());
    private final LineChart<String, Number> balancedChart = new LineChart<>(new CategoryAxis(), new NumberAxis());

    public ExperimentView(Workspace ws) {
        this.ws = ws;
        preset.getSelectionModel().select("mt-bench");
        for (TextField t : List.of(dataset, evalFile, out)) {
            t.setPrefColumnCount(50);
        }
        evalFile.setPromptText("optional: a fixed evaluation set");
        kind.getSelectionModel().select("features");
        variants.setPrefColumnCount(50);
        report.setId("experiment-report");
        report.setPadding(new Insets(4));
        chart.setTitle("Test accuracy (mean over seeds)");
        balancedChart.setTitle("Length-balanced test accuracy");
        for (LineChart<String, Number> c : List.of(chart, balancedChart)) {
            c.setAnimated(false);
            c.setPrefHeight(260);
            ((NumberAxis) c.getYAxis()).setForceZeroInRange(false);
        }
        Button start = new Button("Run (or resume)");
        start.setOnAction(e -> start());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Dataset"), dataset);
        g.addRow(1, new Label("Evaluation file"), evalFile);
        g.addRow(2, new Label("Labeled fractions"), fractions);
        g.addRow(3, new Label("Seeds"), seeds);
        g.addRow(4, new Label("LF preset"), preset);
        g.addRow(5, new Label("Training sets"), variants);
        g.addRow(6, new Label("Reward model"), kind);
        g.addRow(7, new Label("Output folder"), out);
        HBox charts = new HBox(8, chart, balancedChart);
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(balancedChart, Priority.ALWAYS);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(new VBox(8, charts, report));
        scroll.setFitToWidth(true);
        VBox box = new VBox(8, g, new HBox(8, start, progress), scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
    }

    private void start() {
        Experiment.Params p;
        try {
            List<Double> fr = Arrays.stream(fractions.getText().split(",")).map(String::strip).map(Double::parseDouble).toList();
            List<String> vs = Arrays.stream(variants.getText().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            String k = kind.getValue();
            p = new Experiment.Params(Path.of(dataset.getText().strip()), evalFile.getText().isBlank() ? null : Path.of(evalFile.getText().strip()),
                    0.1, fr, Integer.parseInt(seeds.getText().strip()), preset.getValue(), vs, 0.7,
                    RewardConfig.of(k, k.equals("features") ? null : "minilm"));
        } catch (RuntimeException e) {
            ws.error(new IllegalArgumentException("check the form: " + e.getMessage()));
            return;
        }
        Path dir = Path.of(out.getText().strip());
        ws.run("Running the experiment", (prog, cancel) -> Experiment.run(p, dir, (done, total, message) -> {
            prog.progress(done, total, message);
            Results r = read(dir); // read here, in the background, not on the FX thread
            Platform.runLater(() -> {
                progress.setText(String.format(Locale.ROOT, "%d of %d reward models — %s", done, total, message));
                show(r);
            });
        }, cancel), rows -> {
            progress.setText(rows.size() + " reward models; files in " + dir);
            ws.run("Reading the results", (prog, cancel) -> read(dir), this::show);
        });
    }

    /** What the screen shows of a results folder: the report's blocks and per-variant means by fraction. */
    record Results(List<MarkdownBlocks.Block> blocks, Map<String, Map<String, double[]>> means, String problem) {
    }

    /** Reads results.md and results.csv; never throws (a half-written folder gives what it can). */
    static Results read(Path dir) {
        try {
            Path md = dir.resolve("results.md");
            Path csv = dir.resolve("results.csv");
            List<MarkdownBlocks.Block> blocks = Files.exists(md) ? MarkdownBlocks.parse(Files.readString(md)) : List.of();
            Map<String, Map<String, List<double[]>>> byVariant = new TreeMap<>();
            if (Files.exists(csv)) {
                for (String line : Files.readAllLines(csv)) {
                    if (line.isBlank() || line.startsWith("labeled,")) {
                        continue;
                    }
                    String[] f = line.split(",", -1);
                    double balanced = f.length > 12 && !f[11].isEmpty() && !f[12].isEmpty()
                            ? (Double.parseDouble(f[11]) + Double.parseDouble(f[12])) / 2 : Double.NaN;
                    byVariant.computeIfAbsent(f[2], k -> new TreeMap<>(java.util.Comparator.comparingDouble(Double::parseDouble)))
                            .computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[9]), balanced});
                }
            }
            Map<String, Map<String, double[]>> means = new TreeMap<>();
            byVariant.forEach((v, byFraction) -> {
                Map<String, double[]> m = new TreeMap<>(java.util.Comparator.comparingDouble(Double::parseDouble));
                byFraction.forEach((f, xs) -> m.put(f, new double[] {xs.stream().mapToDouble(x -> x[0]).average().orElse(Double.NaN),
                        xs.stream().mapToDouble(x -> x[1]).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN)}));
                means.put(v, m);
            });
            return new Results(blocks, means, null);
        } catch (java.io.IOException | RuntimeException e) {
            return new Results(List.of(), Map.of(), "results not readable yet: " + e.getMessage());
        }
    }

    private void show(Results r) {
        if (r.problem() != null) {
            progress.setText(r.problem());
            return;
        }
        for (int which = 0; which < 2; which++) {
            List<XYChart.Series<String, Number>> series = new ArrayList<>();
            for (var v : r.means().entrySet()) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(v.getKey());
                for (var pt : v.getValue().entrySet()) {
                    if (!Double.isNaN(pt.getValue()[which])) {
                        s.getData().add(new XYChart.Data<>(pt.getKey(), pt.getValue()[which]));
                    }
                }
                series.add(s);
            }
            (which == 0 ? chart : balancedChart).getData().setAll(series);
        }
        List<javafx.scene.Node> nodes = new ArrayList<>();
        for (MarkdownBlocks.Block b : r.blocks()) {
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

    private static javafx.scene.control.TableView<List<String>> tableOf(MarkdownBlocks.Table t) {
        javafx.scene.control.TableView<List<String>> view = new javafx.scene.control.TableView<>();
        view.getStyleClass().add("experiment-table");
        for (int c = 0; c < t.header().size(); c++) {
            int col = c;
            javafx.scene.control.TableColumn<List<String>, String> column = new javafx.scene.control.TableColumn<>(t.header().get(c));
            column.setCellValueFactory(cd -> new javafx.beans.property.SimpleStringProperty(col < cd.getValue().size() ? cd.getValue().get(col) : ""));
            column.setSortable(false);
            view.getColumns().add(column);
        }
        view.getItems().setAll(t.rows());
        view.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY);
        view.setFixedCellSize(24);
        view.setPrefHeight(30 + 24 * (t.rows().size() + 0.6));
        view.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return view;
    }
}
