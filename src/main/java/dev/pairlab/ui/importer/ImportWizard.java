package dev.pairlab.ui.importer;

import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.ImportPreview;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.form.FormField;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Import wizard: pick a file; the detected format is shown with the first five parsed pairs and the
 * first errors (with their line numbers); choose the format, split, seed, column and label maps and whether to
 * skip bad records, duplicates and empty answers; Import runs {@code pairlab import}'s job in the background, in
 * one transaction. The state is {@link ImportWizardModel}'s; the view only binds.
 */
public final class ImportWizard extends Dialog<ButtonType> {

    private final Workspace ws;
    private final ImportWizardModel model = new ImportWizardModel();
    private final TextField file = new TextField();
    private final CheckBox skip = new CheckBox(ImportOptions.NAME_SKIP_INVALID + " (and write a report)");
    private final ButtonType importButton = new ButtonType("Import", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    public ImportWizard(Window owner, Workspace ws) {
        this.ws = ws;
        initOwner(owner);
        setTitle("Import pairs");
        setHeaderText("Import pairs from JSON lines, a JSON array or CSV (.gz too)");
        ComboBox<String> format = new ComboBox<>(FXCollections.observableArrayList(ImportWizardModel.formatChoices()));
        format.valueProperty().bindBidirectional(model.format());
        ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList(ImportWizardModel.splitChoices()));
        split.valueProperty().bindBidirectional(model.split());
        split.setId("import-split");
        CheckBox dedupe = new CheckBox(ImportOptions.NAME_DEDUPE + " (same prompt and answers)");
        dedupe.selectedProperty().bindBidirectional(model.dedupe());
        dedupe.setTooltip(new Tooltip(ImportOptions.DESC_DEDUPE));
        CheckBox skipEmpty = new CheckBox(ImportOptions.NAME_SKIP_EMPTY);
        skipEmpty.selectedProperty().bindBidirectional(model.skipEmpty());
        skipEmpty.setTooltip(new Tooltip(ImportOptions.DESC_SKIP_EMPTY));
        skip.selectedProperty().bindBidirectional(model.skipInvalidProperty());
        skip.setTooltip(new Tooltip(ImportOptions.DESC_SKIP_INVALID));
        file.textProperty().bindBidirectional(model.file());
        file.setId("import-file");
        file.setPrefColumnCount(40);
        Label detected = new Label();
        detected.textProperty().bind(model.detected());
        detected.setId("import-detected");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Import pairs");
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                model.file().set(f.getAbsolutePath());
            }
        });
        TableView<Pair> preview = new TableView<>(model.pairs());
        preview.setId("import-preview");
        preview.getColumns().add(column("line", 50, p -> Long.toString(p.sourceRow())));
        preview.getColumns().add(column("context", 220, p -> snippet(p.context())));
        preview.getColumns().add(column("answer A", 220, p -> snippet(p.answerA())));
        preview.getColumns().add(column("answer B", 220, p -> snippet(p.answerB())));
        preview.getColumns().add(column("gold", 50, p -> p.gold().known() ? p.gold().name() : "–"));
        preview.setPrefHeight(170);
        ListView<String> errors = new ListView<>(model.errors());
        errors.setId("import-errors");
        errors.setPrefHeight(90);
        errors.setPlaceholder(new Label("No errors in the first records."));
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        HBox fileRow = new HBox(6, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);
        g.addRow(0, new Label("File"), fileRow);
        g.addRow(1, new Label("Format"), format);
        g.addRow(2, new Label("Split"), split);
        int row = 3;
        for (FormField f : model.form().fields()) {
            g.addRow(row++, new Label(capitalised(f.label())), Forms.field(f, "import", 8), Forms.problem(f, "import"));
        }
        g.add(skip, 1, row++);
        g.add(dedupe, 1, row++);
        g.add(skipEmpty, 1, row);
        Label blocked = new Label();
        blocked.setId("import-blocked");
        blocked.getStyleClass().add("error-text");
        blocked.setWrapText(true);
        blocked.textProperty().bind(model.blockedReason());
        blocked.visibleProperty().bind(model.importBlocked());
        blocked.managedProperty().bind(model.importBlocked());
        VBox box = new VBox(8, g, detected, new Label("First pairs"), preview, new Label("Errors"), errors, blocked);
        box.setPadding(new Insets(10));
        box.setPrefWidth(820);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);
        getDialogPane().lookupButton(importButton).setId("import-run");
        getDialogPane().lookupButton(importButton).disableProperty().bind(model.importBlocked());
        setOnShown(e -> file.requestFocus());
        model.file().addListener((o, a, b) -> refresh());
        model.options().addListener((o, a, b) -> refresh());
        getDialogPane().lookupButton(importButton).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (!startImport()) {
                e.consume();
            }
        });
    }

    private static String capitalised(String s) {
        String t = s.startsWith("the ") ? s.substring(4) : s;
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static TableColumn<Pair, String> column(String title, double width, java.util.function.Function<Pair, String> f) {
        TableColumn<Pair, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static String snippet(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }

    /** Reads the start of the file in the background and shows what an import would get. */
    private void refresh() {
        Path path = model.existingFile();
        ImportOptions o = model.options().get();
        if (path == null || o == null) {
            model.noPreview();
            return;
        }
        ws.tasks().jobs().runLatest("import-preview", "Reading " + path.getFileName(), (progress, cancel) -> ImportPreview.of(path, o, 5, 500),
                p -> model.previewed(p, path), model::previewFailed);
    }

    /** Starts the import; false keeps the wizard open (nothing to import yet). */
    private boolean startImport() {
        Project w = ws.writer();
        Path path = model.existingFile();
        if (w == null || path == null || model.options().get() == null) {
            return false;
        }
        ws.tasks().jobs().run(model.job(w, path), r -> {
            ws.info(ImportWizardModel.describe(r, path));
            ws.reloadIds(() -> { });
        }, ws::error);
        return true;
    }

    /** For tests: the "skip invalid records" box. */
    public CheckBox skipInvalidBox() {
        return skip;
    }

    /** For tests: the file field. */
    public TextField fileField() {
        return file;
    }

    /** For tests: the wizard's view model. */
    public ImportWizardModel model() {
        return model;
    }
}
