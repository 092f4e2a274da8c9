package dev.pairlab.ui.export;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.HardLabels;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Split;
import dev.pairlab.ui.Workspace;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
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
 * merge, seed and file; the counts are shown before writing, the export runs in the background, and
 * its manifest is shown after.
 */
public final class ExportView extends BorderPane {

    private final Workspace ws;
    private final dev.pairlab.ui.WhenShown refresh = new dev.pairlab.ui.WhenShown(this::count);
    private final ComboBox<String> format = new ComboBox<>(FXCollections.observableArrayList("trl", "answer-label", "csv"));
    private final TextField threshold = new TextField("0");
    private final CheckBox train = new CheckBox("train");
    private final CheckBox dev = new CheckBox("dev");
    private final TextField seed = new TextField("123");
    private final TextField file = new TextField();
    private final Label counts = new Label("Fit a label model first (Label model screen).");
    private final TextArea manifest = new TextArea();

    public ExportView(Workspace ws, ObjectProperty<Double> chosenThreshold) {
        this.ws = ws;
        format.getSelectionModel().select(0);
        train.setSelected(true);
        file.setPrefColumnCount(40);
        file.setId("export-file");
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
        g.addRow(1, new Label("Keep pool pairs with confidence ≥"), threshold);
        g.addRow(2, new Label("Gold labels from"), new HBox(10, train, dev));
        g.addRow(3, new Label("Shuffle seed"), seed);
        g.addRow(4, new Label("File"), new HBox(6, file, browse));
        VBox box = new VBox(10, g, new HBox(8, count, export), counts, new Label("Manifest"), manifest);
        box.setPadding(new Insets(10));
        setCenter(box);
        ws.labeled().addListener((o, a, b) -> refresh.request());
        threshold.textProperty().addListener((o, a, b) -> refresh.request());
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
        try {
            return new WeakExport.Params(format.getValue(), Double.parseDouble(threshold.getText().strip()), Long.parseLong(seed.getText().strip()),
                    gold, TiePolicy.RANDOM);
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
        ws.tasks().run("Counting the export", (progress, cancel) -> {
            WeakExport.Labeler labeler = WeakExport.fromProject(o.writable() ? o.writer() : o.reader(), 0);
            int[] pool = Subsets.rows(l.labels(), EnumSet.of(Split.POOL));
            double[] pb = labeler.model().probabilityB(l.matrix(), pool);
            long[] ids = IntStream.of(pool).mapToLong(r -> l.matrix().ids()[r]).toArray();
            byte[] hard = HardLabels.of(pb, ids, p.ties(), 0.5, p.seed());
            long kept = IntStream.range(0, pool.length).filter(k -> hard[k] != Votes.ABSTAIN && Math.max(pb[k], 1 - pb[k]) + 1e-12 >= p.threshold())
                    .count();
            long gold = IntStream.range(0, l.labels().size()).filter(r -> p.goldSplits().contains(Split.values()[l.labels().split()[r]])
                    && l.labels().gold()[r] >= 0).count();
            return new long[] {gold, kept, pool.length};
        }, c -> counts.setText(String.format(Locale.ROOT, "Will write %d pairs: %d gold + %d weak (of %d pool pairs).", c[0] + c[1], c[0], c[1], c[2])),
                err -> counts.setText(err.getMessage())); // e.g. no label model yet: said here, not as an error
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
        ws.run("Exporting to " + out.getFileName(), (progress, cancel) -> WeakExport.run(w, WeakExport.fromProject(w, 0), p, OutputFile.of(out, false), progress, cancel),
                r -> {
                    ws.info(String.format(Locale.ROOT, "Wrote %d pairs (%d gold + %d weak) to %s", r.gold() + r.weak(), r.gold(), r.weak(), r.file()));
                    try {
                        manifest.setText(Files.readString(r.manifest()));
                    } catch (java.io.IOException e) {
                        ws.error(e);
                    }
                });
    }
}
