package dev.pairlab.ui.generate;

import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.form.FormField;
import dev.pairlab.ui.jobs.Job;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Generating pairs with two chat endpoints: the {@link GenerateParams} form through {@link GenerateViewModel},
 * Start and Cancel (finished answers are kept; Start again continues), progress, and the pairs as they are
 * finished. Keys are named, never typed: they come from the environment or the keyring. The view only binds.
 */
public final class GenerateView extends BorderPane {

    private final Workspace ws;
    private final GenerateViewModel model = new GenerateViewModel();
    private final TableView<Pair> finished = new TableView<>();
    private Job job;
    private long lastRefresh;

    public GenerateView(Workspace ws) {
        this.ws = ws;
        TextField prompts = field(model.prompts(), 30, "prompts file (.txt, .jsonl, .csv)");
        TextField modelB = field(model.modelB(), 14, "model (empty: a second sample of A)");
        Button browse = new Button("Browse…");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.prompts().text().set(f.getAbsolutePath());
            }
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        HBox promptRow = new HBox(6, prompts, browse);
        HBox.setHgrow(prompts, Priority.ALWAYS);
        row(g, 0, "Prompts", promptRow, model.prompts());
        row(g, 1, "Source A", new HBox(6, field(model.urlA(), 18, null), field(model.modelA(), 14, "model"),
                field(model.keyA(), 14, "env var with the API key (optional)")), model.urlA(), model.modelA(), model.keyA());
        row(g, 2, "Source B", new HBox(6, field(model.urlB(), 18, null), modelB,
                field(model.keyB(), 14, "env var with the API key (optional)")), model.urlB(), model.modelB(), model.keyB());
        row(g, 3, "Sampling", new HBox(6, new Label("temperature"), field(model.temperature(), 4, null), new Label("max tokens"),
                field(model.maxTokens(), 5, null), field(model.system(), 18, "system prompt (optional)")),
                model.temperature(), model.maxTokens(), model.system());
        row(g, 4, "Run", new HBox(6, new Label("concurrency"), field(model.concurrency(), 4, null), new Label("limit"),
                field(model.limit(), 5, null), new Label("seed"), field(model.seed(), 6, null)), model.concurrency(), model.limit(), model.seed());
        Button start = new Button("Start (or continue)");
        start.setId("gen-start");
        start.setMinWidth(Region.USE_PREF_SIZE);
        start.disableProperty().bind(model.canStart().not());
        start.setOnAction(e -> start());
        Button stop = new Button("Cancel");
        stop.setId("gen-cancel");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.disableProperty().bind(model.running().not());
        stop.setOnAction(e -> {
            if (job != null) {
                job.cancel();
            }
        });
        Label progress = new Label();
        progress.setId("gen-progress");
        progress.textProperty().bind(model.status());
        progress.setMinWidth(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        progress.tooltipProperty().bind(Bindings.createObjectBinding(() -> new javafx.scene.control.Tooltip(model.status().get()), model.status()));
        HBox.setHgrow(progress, Priority.ALWAYS);
        finished.setId("gen-finished");
        finished.getColumns().add(col("prompt", 340, Pair::context));
        finished.getColumns().add(col("answer A", 300, Pair::answerA));
        finished.getColumns().add(col("answer B", 300, Pair::answerB));
        finished.getColumns().add(col("models", 180, p -> {
            try {
                var n = dev.pairlab.pairs.Json.MAPPER.readTree(p.extras());
                return n.path("model_a").asText() + " / " + n.path("model_b").asText();
            } catch (Exception e) {
                return "";
            }
        }));
        finished.setMinHeight(160);
        finished.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        HBox buttons = new HBox(8, start, stop, progress);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(8, g, buttons, new Label("Finished pairs (newest first)"), finished);
        VBox.setVgrow(finished, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
    }

    private static TextField field(FormField f, int columns, String prompt) {
        TextField t = Forms.field(f, "gen", 8);
        t.setPrefColumnCount(columns);
        if (prompt != null) {
            t.setPromptText(prompt);
        }
        return t;
    }

    /** A row of the form: its name, its controls, and the problems of its fields beside them. */
    private static void row(GridPane g, int row, String name, Node controls, FormField... fields) {
        Label problems = Forms.problemLabel("gen-problems-" + row);
        problems.setMinWidth(0);
        problems.textProperty().bind(Bindings.createStringBinding(() -> Arrays.stream(fields).map(f -> f.problem().get())
                .filter(s -> !s.isEmpty()).collect(Collectors.joining("; ")), Arrays.stream(fields).map(FormField::problem).toArray(
                javafx.beans.Observable[]::new)));
        g.addRow(row, new Label(name), controls, problems);
    }

    private static TableColumn<Pair, String> col(String title, double w, java.util.function.Function<Pair, String> f) {
        TableColumn<Pair, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue()).strip().replace('\n', ' ')));
        return c;
    }

    private void start() {
        Project w = ws.writer();
        if (w == null || !model.canStart().get()) {
            return;
        }
        model.warnings().forEach(ws::info);
        job = ws.tasks().jobs().run(model.start(w), r -> {
            model.done(r);
            refreshFinished(true);
            ws.reloadIds(() -> { });
        }, err -> {
            if (model.failed(err)) {
                ws.reloadIds(() -> { });
            } else {
                ws.error(err);
            }
        });
        job.messageProperty().addListener((o, a, message) -> {
            if (model.running().get()) {
                model.status().set(message);
                refreshFinished(false);
            }
        });
    }

    /** For tests: the screen's view model. */
    public GenerateViewModel model() {
        return model;
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
