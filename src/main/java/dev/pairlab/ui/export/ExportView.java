package dev.pairlab.ui.export;

import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.WhenShown;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.WorkflowRunner;
import java.io.File;
import java.util.List;
import javafx.beans.Observable;
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
 * background, and its manifest is shown after. State and actions are {@link ExportViewModel}'s; this
 * class only lays out and binds.
 */
public final class ExportView extends BorderPane {

    private final ExportViewModel vm;
    private final WhenShown refresh;

    public ExportView(Workspace ws, ObjectProperty<Double> chosenThreshold) {
        this.vm = new ExportViewModel(ws, WorkflowRunner.of(ws.tasks().jobs()), chosenThreshold);
        this.refresh = new WhenShown(vm::refresh);
        ComboBox<String> format = Forms.choice(vm.format, WeakExport.Format.values(), WeakExport.Format::parse);
        Forms.described(format, WeakExport.Params.DESC_FORMAT, WeakExport.Params.DEFAULT_FORMAT);
        ComboBox<String> ties = Forms.choice(vm.ties, TiePolicy.values(), TiePolicy::parse);
        Forms.described(ties, WeakExport.Params.DESC_TIES, WeakExport.Params.DEFAULT_TIES);
        ties.setId("export-ties");
        ComboBox<String> run = new ComboBox<>(vm.runs);
        run.valueProperty().bindBidirectional(vm.run);
        run.setId("export-run-id");
        ComboBox<String> lengthTarget = new ComboBox<>(FXCollections.observableArrayList(ExportViewModel.NO_BALANCE,
                WeakExport.Params.DEFAULT_LENGTH_TARGET, "0.5"));
        lengthTarget.setEditable(true);
        lengthTarget.valueProperty().bindBidirectional(vm.lengthTarget);
        lengthTarget.setId("export-length-balance");
        lengthTarget.setPrefWidth(110);
        ComboBox<String> lengthMethod = Forms.choice(vm.lengthMethod, LengthBalance.Method.values(), LengthBalance.Method::parse);
        lengthMethod.setId("export-length-method");
        lengthMethod.disableProperty().bind(vm.lengthTarget.isEqualTo(ExportViewModel.NO_BALANCE));
        Forms.described(lengthTarget, WeakExport.Params.DESC_LENGTH_BALANCE, null);
        Forms.described(lengthMethod, WeakExport.Params.DESC_LENGTH_METHOD, null);
        TextField threshold = text(vm.threshold, "export-threshold");
        Forms.described(threshold, WeakExport.Params.DESC_THRESHOLD, WeakExport.Params.DEFAULT_THRESHOLD);
        TextField seed = text(vm.seed, "export-seed");
        Forms.described(seed, WeakExport.Params.DESC_SEED, WeakExport.Params.DEFAULT_SEED);
        TextField file = text(vm.file, "export-file");
        file.setPrefColumnCount(40);
        CheckBox train = new CheckBox("train");
        train.selectedProperty().bindBidirectional(vm.goldTrain);
        CheckBox dev = new CheckBox("dev");
        dev.selectedProperty().bindBidirectional(vm.goldDev);
        Label counts = new Label();
        counts.textProperty().bind(vm.counts);
        counts.setId("export-counts");
        Label fitStatus = Forms.fitStatus(vm.fitStatus, vm.stale, "export-fit-status");
        TextArea manifest = new TextArea();
        manifest.textProperty().bind(vm.manifest);
        manifest.setId("export-manifest");
        manifest.setEditable(false);
        manifest.setPromptText("the manifest appears here after an export");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("train." + (vm.format.get() == WeakExport.Format.CSV ? "csv" : "jsonl"));
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                vm.file.set(f.getAbsolutePath());
            }
        });
        Button count = new Button("Count");
        count.setOnAction(e -> vm.refresh());
        Button export = new Button("Export");
        export.setId("export-run");
        export.setOnAction(e -> vm.export());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Format"), format);
        g.addRow(1, new Label("Label model run"), run);
        g.addRow(2, new Label("Keep pool pairs with confidence ≥"), threshold, Forms.problem(vm.problems(), "threshold"));
        g.addRow(3, new Label("At P = 0.5"), ties);
        g.addRow(4, new Label("Gold labels from"), new HBox(10, train, dev));
        g.addRow(5, new Label("Shuffle and tie seed"), seed, Forms.problem(vm.problems(), "seed"));
        g.addRow(6, new Label("Balance the longer-chosen share to"), new HBox(6, lengthTarget, new Label("by"), lengthMethod),
                Forms.problem(vm.problems(), "lengthBalance"));
        g.addRow(7, new Label("File"), new HBox(6, file, browse), Forms.problem(vm.problems(), "file"));
        VBox box = new VBox(10, g, new HBox(8, count, export, Forms.problem(vm.problems(), "")), fitStatus, counts, new Label("Manifest"), manifest);
        box.setPadding(new Insets(10));
        setCenter(box);
        // What the count depends on: a change of any asks for a new count (when the tab is shown; the newest counts).
        for (Observable o : List.<Observable>of(ws.labeled(), vm.threshold, vm.lengthTarget, vm.lengthMethod, vm.ties, vm.run,
                vm.goldTrain, vm.goldDev)) {
            o.addListener(x -> refresh.request());
        }
    }

    private static TextField text(javafx.beans.property.StringProperty property, String id) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(property);
        t.setId(id);
        return t;
    }

    /** The screen's state and actions (tests drive it without the window's controls). */
    public ExportViewModel viewModel() {
        return vm;
    }

    /** Bound by the main window to the tab's selection: while false, the count waits. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return refresh.showingProperty();
    }
}
