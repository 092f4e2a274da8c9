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
import javafx.scene.control.TextArea;
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
    private final Label progress = new Label();
    private final TextArea table = new TextArea();
    private final LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis());

    public ExperimentView(Workspace ws) {
        this.ws = ws;
        preset.getSelectionModel().select("mt-bench");
        for (TextField t : List.of(dataset, evalFile, out)) {
            t.setPrefColumnCount(50);
        }
        evalFile.setPromptText("optional: a fixed evaluation set");
        table.setEditable(false);
        table.setStyle("-fx-font-family: monospace;");
        chart.setTitle("Reward-model test accuracy vs labeled fraction");
        chart.setAnimated(false);
        ((NumberAxis) chart.getYAxis()).setForceZeroInRange(false);
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
        g.addRow(5, new Label("Output folder"), out);
        HBox results = new HBox(8, table, chart);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox.setHgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(8, g, new HBox(8, start, progress), results);
        VBox.setVgrow(results, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
    }

    private void start() {
        Experiment.Params p;
        try {
            List<Double> fr = Arrays.stream(fractions.getText().split(",")).map(String::strip).map(Double::parseDouble).toList();
            p = new Experiment.Params(Path.of(dataset.getText().strip()), evalFile.getText().isBlank() ? null : Path.of(evalFile.getText().strip()),
                    0.1, fr, Integer.parseInt(seeds.getText().strip()), preset.getValue(), List.of("gold", "gold+weak", "soft", "filtered"), 0.7,
                    RewardConfig.features());
        } catch (RuntimeException e) {
            ws.error(new IllegalArgumentException("check the form: " + e.getMessage()));
            return;
        }
        Path dir = Path.of(out.getText().strip());
        ws.run("Running the experiment", (prog, cancel) -> Experiment.run(p, dir, (done, total, message) -> {
            prog.progress(done, total, message);
            Platform.runLater(() -> {
                progress.setText(String.format(Locale.ROOT, "%d of %d reward models — %s", done, total, message));
                showResults(dir);
            });
        }, cancel), rows -> {
            progress.setText(rows.size() + " reward models; files in " + dir);
            showResults(dir);
        });
    }

    private void showResults(Path dir) {
        try {
            Path md = dir.resolve("results.md");
            Path csv = dir.resolve("results.csv");
            if (Files.exists(md)) {
                table.setText(Files.readString(md));
            }
            if (!Files.exists(csv)) {
                return;
            }
            Map<String, Map<String, List<Double>>> byVariant = new TreeMap<>();
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("labeled,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                byVariant.computeIfAbsent(f[2], k -> new TreeMap<>(java.util.Comparator.comparingDouble(Double::parseDouble)))
                        .computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[9]));
            }
            List<XYChart.Series<String, Number>> series = new ArrayList<>();
            for (var v : byVariant.entrySet()) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(v.getKey());
                for (var pt : v.getValue().entrySet()) {
                    s.getData().add(new XYChart.Data<>(pt.getKey(), pt.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
                }
                series.add(s);
            }
            chart.getData().setAll(series);
        } catch (java.io.IOException | RuntimeException e) {
            progress.setText("results not readable yet: " + e.getMessage());
        }
    }
}
