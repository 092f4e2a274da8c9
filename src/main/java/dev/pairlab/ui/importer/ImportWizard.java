package dev.pairlab.ui.importer;

import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.ImportPreview;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Import wizard: pick a file; the detected format is shown with the first five parsed pairs and the
 * first errors (with their line numbers); choose format, split, seed and whether to skip bad
 * records; Import runs in the background, in one transaction.
 */
public final class ImportWizard extends Dialog<ButtonType> {

    private final Workspace ws;
    private final TextField file = new TextField();
    private final ComboBox<String> format = new ComboBox<>();
    private final ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList("by gold label (train / pool)", "train", "dev", "test", "pool"));
    private final TextField seed = new TextField("123");
    private final CheckBox skip = new CheckBox("skip invalid records (and write a report)");
    private final CheckBox dedupe = new CheckBox("skip duplicate pairs (same prompt and answers)");
    private final CheckBox skipEmpty = new CheckBox("skip pairs with an empty answer");
    private final Label detected = new Label("Choose a file.");
    private final TableView<Pair> preview = new TableView<>();
    private final ListView<String> errors = new ListView<>();
    private final Label blocked = new Label();
    private final ImportWizardModel model = new ImportWizardModel();
    private final ButtonType importButton = new ButtonType("Import", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    public ImportWizard(Window owner, Workspace ws) {
        this.ws = ws;
        initOwner(owner);
        setTitle("Import pairs");
        setHeaderText("Import pairs from JSON lines, a JSON array or CSV (.gz too)");
        format.getItems().add("detect");
        for (PairFormat f : Formats.all()) {
            format.getItems().add(f.id());
        }
        format.getSelectionModel().select(0);
        split.getSelectionModel().select(0);
        file.setId("import-file");
        file.setPrefColumnCount(40);
        detected.setId("import-detected");
        errors.setId("import-errors");
        preview.setId("import-preview");
        split.setId("import-split");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Import pairs");
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                file.setText(f.getAbsolutePath());
            }
        });
        preview.getColumns().add(column("line", 50, p -> Long.toString(p.sourceRow())));
        preview.getColumns().add(column("context", 220, p -> snippet(p.context())));
        preview.getColumns().add(column("answer A", 220, p -> snippet(p.answerA())));
        preview.getColumns().add(column("answer B", 220, p -> snippet(p.answerB())));
        preview.getColumns().add(column("gold", 50, p -> p.gold().known() ? p.gold().name() : "–"));
        preview.setPrefHeight(170);
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
        g.addRow(3, new Label("A/B swap seed"), seed);
        g.add(skip, 1, 4);
        g.add(dedupe, 1, 5);
        g.add(skipEmpty, 1, 6);
        blocked.setId("import-blocked");
        blocked.getStyleClass().add("error-text");
        blocked.setWrapText(true);
        blocked.textProperty().bind(model.blockedReason());
        blocked.visibleProperty().bind(model.importBlocked());
        blocked.managedProperty().bind(model.importBlocked());
        model.skipInvalidProperty().bind(skip.selectedProperty());
        VBox box = new VBox(8, g, detected, new Label("First pairs"), preview, new Label("Errors"), errors, blocked);
        box.setPadding(new Insets(10));
        box.setPrefWidth(820);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);
        getDialogPane().lookupButton(importButton).setId("import-run");
        getDialogPane().lookupButton(importButton).disableProperty().bind(model.importBlocked());
        setOnShown(e -> file.requestFocus());
        file.textProperty().addListener((o, a, b) -> refresh());
        format.setOnAction(e -> refresh());
        seed.textProperty().addListener((o, a, b) -> refresh());
        getDialogPane().lookupButton(importButton).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (!startImport()) {
                e.consume();
            }
        });
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

    private ImportOptions options() {
        long s;
        try {
            s = Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the seed must be a whole number");
        }
        Split target = split.getSelectionModel().getSelectedIndex() <= 0 ? null : Split.parse(split.getValue());
        String f = format.getSelectionModel().getSelectedIndex() <= 0 ? null : format.getValue();
        return new ImportOptions(f, s, skip.isSelected(), target, Map.of())
                .withDedupe(dedupe.isSelected()).withSkipEmpty(skipEmpty.isSelected());
    }

    /** Reads the start of the file in the background and shows what an import would get. */
    private void refresh() {
        Path path = Path.of(file.getText().strip());
        if (file.getText().isBlank() || !Files.isRegularFile(path)) {
            detected.setText(file.getText().isBlank() ? "Choose a file." : "No such file: " + path);
            preview.getItems().clear();
            errors.getItems().clear();
            model.previewErrorsProperty().set(0);
            model.unreadableProperty().set(false);
            return;
        }
        ImportOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            detected.setText(e.getMessage());
            return;
        }
        ws.tasks().run("Reading " + path.getFileName(), (progress, cancel) -> ImportPreview.of(path, o, 5, 500), p -> {
            detected.setText("Format: " + p.format() + (format.getSelectionModel().getSelectedIndex() <= 0 ? " (detected)" : "") + " — "
                    + p.recordsRead() + " records read, " + p.errors().size() + " with errors" + (p.dropped() > 0 ? ", " + p.dropped() + " dropped (ties)" : ""));
            preview.getItems().setAll(p.pairs());
            errors.getItems().setAll(p.errors().stream().map((RecordError e) -> e.describe(path.getFileName().toString())).toList());
            model.unreadableProperty().set(false);
            model.previewErrorsProperty().set(p.errors().size());
        }, err -> {
            detected.setText(err.getMessage());
            preview.getItems().clear();
            errors.getItems().setAll(err.getMessage().lines().toList());
            model.unreadableProperty().set(true);
        });
    }

    /** Starts the import; false keeps the wizard open (nothing to import yet). */
    private boolean startImport() {
        Project w = ws.writer();
        Path path = Path.of(file.getText().strip());
        if (w == null) {
            return false;
        }
        if (!Files.isRegularFile(path)) {
            detected.setText("Choose a file to import.");
            return false;
        }
        ImportOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            detected.setText(e.getMessage());
            return false;
        }
        ws.run("Importing " + path.getFileName(), (progress, cancel) -> PairImport.run(w, path, o, null, progress, cancel), (ImportReport r) -> {
            ws.info("Imported " + r.imported() + " pairs from " + path.getFileName() + " (" + r.format() + ")"
                    + (r.invalid() > 0 ? "; skipped " + r.invalid() + " invalid, report " + r.errorReport() : "")
                    + (r.droppedTotal() > 0 ? "; dropped " + r.dropped() : "")
                    + (r.warnings().any() ? ". Check the data: " + r.warnings().describe() : ""));
            ws.reloadIds(() -> { });
        });
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

}
