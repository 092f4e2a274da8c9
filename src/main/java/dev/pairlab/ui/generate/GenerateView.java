package dev.pairlab.ui.generate;

import dev.pairlab.generate.Generator;
import dev.pairlab.generate.Keys;
import dev.pairlab.generate.PromptPool;
import dev.pairlab.generate.Source;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.ui.Workspace;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Generating pairs with two chat endpoints: the CLI's settings as a form, Start and Cancel (finished
 * answers are kept; Start again continues), progress with tokens and ETA, and the pairs as they are
 * finished. Keys are named, never typed: they come from the environment or the keyring.
 */
public final class GenerateView extends BorderPane {

    private final Workspace ws;
    private final TextField prompts = new TextField();
    private final TextField urlA = new TextField("http://127.0.0.1:8080/v1");
    private final TextField modelA = new TextField();
    private final TextField keyA = new TextField();
    private final TextField urlB = new TextField("http://127.0.0.1:8081/v1");
    private final TextField modelB = new TextField();
    private final TextField keyB = new TextField();
    private final TextField temperature = new TextField("0.7");
    private final TextField maxTokens = new TextField("512");
    private final TextField system = new TextField();
    private final TextField concurrency = new TextField("4");
    private final TextField limit = new TextField("0");
    private final TextField seed = new TextField("123");
    private final Label progress = new Label("Point the sources at llama.cpp's server, vLLM or Ollama (see the user guide).");
    private final TableView<Pair> finished = new TableView<>();
    private Cancellation cancel;
    private long lastRefresh;

    public GenerateView(Workspace ws) {
        this.ws = ws;
        prompts.setPromptText("prompts file (.txt, .jsonl, .csv)");
        modelA.setPromptText("model");
        modelB.setPromptText("model (empty: a second sample of A)");
        keyA.setPromptText("env var with the API key (optional)");
        keyB.setPromptText("env var with the API key (optional)");
        system.setPromptText("system prompt (optional)");
        prompts.setId("gen-prompts");
        urlA.setId("gen-url-a");
        modelA.setId("gen-model-a");
        urlB.setId("gen-url-b");
        modelB.setId("gen-model-b");
        progress.setId("gen-progress");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(getScene().getWindow());
            if (f != null) {
                prompts.setText(f.getAbsolutePath());
            }
        });
        Button start = new Button("Start (or continue)");
        start.setId("gen-start");
        start.setOnAction(e -> start());
        Button stop = new Button("Cancel");
        stop.setOnAction(e -> {
            if (cancel != null) {
                cancel.cancel();
            }
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        HBox promptRow = new HBox(6, prompts, browse);
        HBox.setHgrow(prompts, Priority.ALWAYS);
        g.addRow(0, new Label("Prompts"), promptRow);
        g.addRow(1, new Label("Source A"), new HBox(6, urlA, modelA, keyA));
        g.addRow(2, new Label("Source B"), new HBox(6, urlB, modelB, keyB));
        g.addRow(3, new Label("Sampling"), new HBox(6, new Label("temperature"), temperature, new Label("max tokens"), maxTokens, system));
        g.addRow(4, new Label("Run"), new HBox(6, new Label("concurrency"), concurrency, new Label("limit"), limit, new Label("seed"), seed));
        for (TextField t : List.of(temperature, maxTokens, concurrency, limit, seed)) {
            t.setPrefColumnCount(5);
        }
        finished.getColumns().add(col("prompt", 380, p -> p.context()));
        finished.getColumns().add(col("answer A", 320, p -> p.answerA()));
        finished.getColumns().add(col("answer B", 320, p -> p.answerB()));
        finished.getColumns().add(col("models", 200, p -> {
            try {
                var n = dev.pairlab.pairs.Json.MAPPER.readTree(p.extras());
                return n.path("model_a").asText() + " / " + n.path("model_b").asText();
            } catch (Exception e) {
                return "";
            }
        }));
        VBox box = new VBox(8, g, new HBox(8, start, stop, progress), new Label("Finished pairs (newest first)"), finished);
        VBox.setVgrow(finished, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
    }

    private static TableColumn<Pair, String> col(String title, double w, java.util.function.Function<Pair, String> f) {
        TableColumn<Pair, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue()).strip().replace('\n', ' ')));
        return c;
    }

    private void start() {
        Project w = ws.writer();
        if (w == null || cancel != null) {
            return;
        }
        Generator.Params params;
        try {
            double t = Double.parseDouble(temperature.getText().strip());
            int mt = Integer.parseInt(maxTokens.getText().strip());
            String sys = system.getText().isBlank() ? null : system.getText();
            Source a = new Source("a", urlA.getText().strip(), modelA.getText().strip(), keyA.getText().strip(), t, mt, sys);
            Source b = modelB.getText().isBlank() ? null : new Source("b", urlB.getText().strip(), modelB.getText().strip(), keyB.getText().strip(),
                    t, mt, sys);
            List<String> pool = PromptPool.fromFile(Path.of(prompts.getText().strip()));
            long s = Long.parseLong(seed.getText().strip());
            params = new Generator.Params(PromptPool.prepare(pool, s, Integer.parseInt(limit.getText().strip())), a, b, s,
                    Integer.parseInt(concurrency.getText().strip()), 0, Duration.ofSeconds(120), 5);
        } catch (Exception e) {
            ws.error(e instanceof IllegalArgumentException || e instanceof dev.pairlab.pairs.BadInputException ? e
                    : new IllegalArgumentException("check the form: " + e.getMessage()));
            return;
        }
        java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
        dev.pairlab.lf.Endpoints.plainHttpWarning(params.a().baseUrl()).ifPresent(warnings::add);
        dev.pairlab.lf.Endpoints.plainHttpWarning(params.sourceB().baseUrl()).ifPresent(warnings::add);
        warnings.forEach(ws::info);
        Cancellation token = new Cancellation();
        cancel = token;
        ws.tasks().run("Generating pairs", (p, c) -> Generator.run(w, params, Keys.system(), (done, total, message) -> {
            p.progress(done, total, message);
            Platform.runLater(() -> {
                progress.setText(message);
                refreshFinished(false);
            });
        }, token), r -> {
            cancel = null;
            progress.setText(String.format(Locale.ROOT, "%d of %d prompts done; tokens %d in / %d out%s", r.pairs(), r.prompts(), r.promptTokens(),
                    r.completionTokens(), r.failures() > 0 ? "; " + r.failures() + " failed (Start again retries them): " + r.firstFailure() : ""));
            refreshFinished(true);
            ws.reloadIds(() -> { });
        }, err -> {
            cancel = null;
            if (err instanceof dev.pairlab.task.CancelledException) {
                progress.setText("cancelled; finished answers are kept — Start continues");
                ws.reloadIds(() -> { });
            } else {
                ws.error(err);
            }
        });
    }

    /** Shows the newest pool pairs (at most once a second while running). */
    private void refreshFinished(boolean force) {
        Workspace.Opened o = ws.project().get();
        long now = System.currentTimeMillis();
        if (o == null || (!force && now - lastRefresh < 1000)) {
            return;
        }
        lastRefresh = now;
        ws.tasks().run("Reading generated pairs", (p, c) -> Pairs.newestGenerated(o.reader(), 200),
                list -> finished.getItems().setAll(list), ws::error);
    }
}
