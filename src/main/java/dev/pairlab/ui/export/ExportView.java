package dev.pairlab.ui.export;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.ui.Workspace;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Export of the weakly labeled training set: format, confidence threshold, which gold splits to
 * merge, seed, length balance and file; the counts are shown before writing, the export runs in the
 * background, and its manifest is shown after.
 */
public final class ExportView extends BorderPane {

    private static final String LATEST = "latest";

    private final Workspace ws;
    private final dev.pairlab.ui.WhenShown refresh = new dev.pairlab.ui.WhenShown(this::count);
    private final ComboBox<String> format = new ComboBox<>(FXCollections.observableArrayList("trl", "answer-label", "csv"));
    private final TextField threshold = new TextField("0");
    private final CheckBox train = new CheckBox("train");
    private final CheckBox dev = new CheckBox("dev");
    private final TextField seed = new TextField("123");
    /** As --ties: the hard label of a pool pair at P = 0.5. */
    private final ComboBox<String> ties = new ComboBox<>(FXCollections.observableArrayList("random", "abstain", "prior"));
    /** As --model: "latest" or a run id. */
    private final ComboBox<String> run = new ComboBox<>(FXCollections.observableArrayList(LATEST));
    /** As --length-balance: no balancing, the gold pairs' share, or a share typed in. */
    private final ComboBox<String> lengthTarget = new ComboBox<>(FXCollections.observableArrayList("none", "labeled", "0.5"));
    private final ComboBox<String> lengthMethod = new ComboBox<>(FXCollections.observableArrayList("subsample", "weights"));
    private final TextField file = new TextField();
    private final Label counts = new Label("Fit a label model first (Label model screen).");
    private final TextArea manifest = new TextArea();

    public ExportView(Workspace ws, ObjectProperty<Double> chosenThreshold) {
        this.ws = ws;
        format.getSelectionModel().select(0);
        lengthTarget.setEditable(true);
        lengthTarget.getSelectionModel().select(0);
        lengthTarget.setId("export-length-balance");
        lengthTarget.setPrefWidth(110);
        lengthMethod.getSelectionModel().select(0);
        lengthMethod.setId("export-length-method");
        lengthMethod.disableProperty().bind(lengthTarget.valueProperty().isEqualTo("none"));
        javafx.scene.control.Tooltip lengthTip = new javafx.scene.control.Tooltip("Make the share of weak pairs whose chosen answer is the"
                + " longer one equal the gold pairs' share (labeled) or a share you type, by dropping the fewest weak pairs (subsample)"
                + " or by a per-row 'weight' field (weights). Pairs of equal length count as neither. Same as --length-balance.");
        lengthTarget.setTooltip(lengthTip);
        lengthMethod.setTooltip(lengthTip);
        train.setSelected(true);
        ties.getSelectionModel().select("random");
        ties.setId("export-ties");
        run.getSelectionModel().select(LATEST);
        run.setId("export-run-id");
        file.setPrefColumnCount(40);
        file.setId("export-file");
        threshold.setId("export-threshold");
        counts.setId("export-counts");
        manifest.setId("export-manifest");
        manifest.setEditable(false);
        manifest.setPromptText("the manifest appears here after an export");
        chosenThreshold.addListener((o, a, t) -> threshold.setText(String.format(Locale.ROOT, "%.2f", t)));
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("train." + (format.getValue().equals("csv") ? "csv" : "jsonl"));
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                file.setText(f.getAbsolutePath());
            }
        });
        Button count = new Button("Count");
        count.setOnAction(e -> count());
        Button export = new Button("Export");
        export.setId("export-run");
        export.setOnAction(e -> export());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Format"), format);
        g.addRow(1, new Label("Label model run"), run);
        g.addRow(2, new Label("Keep pool pairs with confidence ≥"), threshold);
        g.addRow(3, new Label("At P = 0.5"), ties);
        g.addRow(4, new Label("Gold labels from"), new HBox(10, train, dev));
        g.addRow(5, new Label("Shuffle and tie seed"), seed);
        g.addRow(6, new Label("Balance the longer-chosen share to"), new HBox(6, lengthTarget, new Label("by"), lengthMethod));
        g.addRow(7, new Label("File"), new HBox(6, file, browse));
        VBox box = new VBox(10, g, new HBox(8, count, export), counts, new Label("Manifest"), manifest);
        box.setPadding(new Insets(10));
        setCenter(box);
        ws.labeled().addListener((o, a, b) -> refresh.request());
        threshold.textProperty().addListener((o, a, b) -> refresh.request());
        lengthTarget.valueProperty().addListener((o, a, b) -> refresh.request());
        ties.valueProperty().addListener((o, a, b) -> refresh.request());
        run.valueProperty().addListener((o, a, b) -> refresh.request());
    }

    /** Bound by the main window to the tab's selection: while false, the count waits. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return refresh.showingProperty();
    }

    private WeakExport.Params params() {
        Set<Split> gold = EnumSet.noneOf(Split.class);
        if (train.isSelected()) {
            gold.add(Split.TRAIN);
        }
        if (dev.isSelected()) {
            gold.add(Split.DEV);
        }
        String target = lengthTarget.getValue() == null ? "none" : lengthTarget.getValue().strip();
        LengthBalance balance = target.isEmpty() || target.equals("none") ? null : LengthBalance.parse(target, lengthMethod.getValue());
        try {
            return new WeakExport.Params(format.getValue(), Double.parseDouble(threshold.getText().strip()), Long.parseLong(seed.getText().strip()),
                    gold, TiePolicy.parse(ties.getValue()), balance);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold and seed must be numbers");
        }
    }

    /** How many pairs an export would write, from the latest label model (no file written). */
    private void count() {
        Workspace.Opened o = ws.project().get();
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (o == null || l == null) {
            return;
        }
        WeakExport.Params p;
        try {
            p = params();
        } catch (IllegalArgumentException e) {
            counts.setText(e.getMessage());
            return;
        }
        long runId = runId();
        ws.tasks().run("Counting the export", (progress, cancel) -> {
            var project = o.writable() ? o.writer() : o.reader();
            List<String> runs = new ArrayList<>(List.of(LATEST));
            ModelRuns.list(project).forEach(r -> runs.add(Long.toString(r.id())));
            WeakExport.Labeler labeler = WeakExport.fromProject(project, runId);
            int[] pool = Subsets.rows(l.labels(), EnumSet.of(Split.POOL));
            // The export's own keep rule (the run's class balance for ties by the prior), as 'export weak' applies it.
            WeakExport.WeakLabels weak = WeakExport.weakLabels(labeler, l.matrix(), pool, p.ties(), p.seed(), p.threshold());
            long kept = IntStream.range(0, pool.length).filter(k -> weak.kept()[k]).count();
            long gold = IntStream.range(0, l.labels().size()).filter(r -> p.goldSplits().contains(Split.values()[l.labels().split()[r]])
                    && l.labels().gold()[r] >= 0).count();
            return new Count(runs, labeler.modelRun().path("id").asLong(), gold, kept, pool.length);
        }, c -> {
            if (!run.getItems().equals(c.runs())) {
                String chosen = run.getValue();
                run.getItems().setAll(c.runs());
                run.setValue(c.runs().contains(chosen) ? chosen : LATEST);
            }
            counts.setText(String.format(Locale.ROOT, "Will write %d pairs: %d gold + %d weak (of %d pool pairs, label model run %d)%s.",
                    c.gold() + c.weak(), c.gold(), c.weak(), c.pool(), c.run(),
                    p.lengthBalance() == null || p.lengthBalance().method() == LengthBalance.Method.WEIGHTS ? ""
                            : ", less the weak pairs length balancing drops"));
        },
                err -> counts.setText(err.getMessage())); // e.g. no label model yet: said here, not as an error
    }

    private record Count(List<String> runs, long run, long gold, long weak, long pool) {
    }

    /** The chosen run, 0 for the latest. */
    private long runId() {
        String v = run.getValue();
        return v == null || v.equals(LATEST) ? 0 : Long.parseLong(v);
    }

    private void export() {
        var w = ws.writer();
        if (w == null) {
            return;
        }
        if (file.getText().isBlank()) {
            ws.error(new IllegalArgumentException("choose the file to write"));
            return;
        }
        Path out = Path.of(file.getText().strip());
        WeakExport.Params p;
        try {
            p = params();
        } catch (IllegalArgumentException e) {
            ws.error(e);
            return;
        }
        long runId = runId();
        ws.run("Exporting to " + out.getFileName(), (progress, cancel) -> {
            WeakExport.Report r = WeakExport.run(w, WeakExport.fromProject(w, runId), p, OutputFile.of(out, false), progress, cancel);
            return new Exported(r, Files.readString(r.manifest())); // read here, not on the FX thread
        }, e -> {
            WeakExport.Report r = e.report();
            LengthBalance.Outcome l = r.length();
            String length = l.balance() == null
                    ? String.format(Locale.ROOT, "; longer answer chosen in %s of weak pairs, %s of gold pairs", f3(l.shareBefore()), f3(l.labeledShare()))
                    : String.format(Locale.ROOT, "; longer-chosen share of weak pairs %s → %s%s (target %s)", f3(l.shareBefore()),
                            f3(l.shareAfter()), l.weighted() ? " weighted" : ", " + l.dropped() + " dropped", f3(l.targetShare()));
            String ties = r.weakTied() == 0 ? "" : String.format(Locale.ROOT, "; %d weak labels are ties at P = 0.5 decided by %s", r.weakTied(),
                    r.weakCoinFlips() > 0 ? "a coin flip" : "the class prior");
            ws.info(String.format(Locale.ROOT, "Wrote %d pairs (%d gold + %d weak) to %s%s%s", r.gold() + r.weak(), r.gold(), r.weak(), r.file(),
                    ties, length));
            manifest.setText(e.manifest());
        });
    }

    private record Exported(WeakExport.Report report, String manifest) {
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
