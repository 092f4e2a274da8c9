package dev.pairlab.ui.lfeditor;

import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.features.Feature;
import dev.pairlab.features.Features;
import dev.pairlab.lf.CodeCompiler;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CompileException;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.lf.Presets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.ui.Workspace;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The LF editor: every LF with its live statistics (Snorkel's columns) on a chosen split, and an
 * editor for the selected one — a form for feature and pattern rules, a Java code area for code LFs
 * with compile errors underlined. While editing, the draft's statistics are recomputed off the FX
 * thread after a short pause; results of an older draft are dropped. Clicking an "incorrect" count
 * shows those pairs in the browser.
 */
public final class LfEditorView extends BorderPane {

    /** One row of the LF table. */
    /**
     * @param length   accuracy where the longer / the shorter answer is preferred (null when not computed)
     * @param byLength the same and more (length-matched pairs, Wilson intervals; null when not computed)
     */
    /** @param onLabeled the LF's stats on the labeled (train) split, whatever split the table shows: whether it is worse than a coin */
    public record Row(LfRecord lf, LfStats.LfSummary stats, dev.pairlab.analysis.LengthSplit length,
                      dev.pairlab.analysis.LengthSplit.Breakdown byLength, LfStats.LfSummary onLabeled) {
    }

    private final Workspace ws;
    private final Runnable showBrowser;
    private final dev.pairlab.ui.WhenShown refresh = new dev.pairlab.ui.WhenShown(this::showLabels);
    private final TableView<Row> table = new TableView<>();
    /** The table's rows: replaced as a whole after each relabel, without TableView rebuilding its cells. */
    private final dev.pairlab.ui.RowList<Row> tableRows = new dev.pairlab.ui.RowList<>();
    private final ComboBox<String> statsSplit = new ComboBox<>(FXCollections.observableArrayList("train", "dev", "test", "all"));
    private final Label totals = new Label();

    private final TextField name = new TextField();
    private final ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList(FeatureRule.KIND, PatternRule.KIND, CodeRule.KIND,
            dev.pairlab.lf.JudgeRule.KIND, dev.pairlab.lf.ExemplarRule.KIND));
    private final TextArea exGood = new TextArea();
    private final TextArea exBad = new TextArea();
    private final TextField exMargin = new TextField();
    private final ComboBox<String> feature = new ComboBox<>();
    private final ComboBox<String> prefer = new ComboBox<>(FXCollections.observableArrayList("higher", "lower"));
    private final TextField minDelta = new TextField();
    private final TextField maxDelta = new TextField();
    private final TextArea good = new TextArea();
    private final TextArea bad = new TextArea();
    private final CheckBox regex = new CheckBox("regular expressions");
    private final CheckBox caseSensitive = new CheckBox("match case");
    private final CheckBox wholeWord = new CheckBox("whole words");
    private final ComboBox<String> count = new ComboBox<>(FXCollections.observableArrayList("presence", "occurrences"));
    private final JavaCodeArea code = new JavaCodeArea();
    private final TextField judgeEndpoint = new TextField();
    private final TextField judgeModel = new TextField();
    private final TextField judgeKeyEnv = new TextField();
    private final TextArea judgePrompt = new TextArea();
    private final TextField judgeRegex = new TextField();
    private final CheckBox judgeBothOrders = new CheckBox("ask in both orders (A/B and B/A); vote only when they agree");
    private final TextArea judgeOutputs = new TextArea();
    /** The draft's state: the form's fields, the loaded LF, whether the form differs from it. */
    private final LfEditorModel model = new LfEditorModel();
    private Confirmer confirmer = Confirmer.dialogs(() -> getScene() == null ? null : getScene().getWindow());
    private final Label dirtyMark = new Label("• unsaved");
    private final javafx.scene.control.Hyperlink undoDelete = new javafx.scene.control.Hyperlink();
    /** The last LF deleted here, until its Undo is used or another LF is deleted. */
    private Lfs.Removed lastDeleted;
    /** True while the table's selection is being put back after a cancelled switch. */
    private boolean reverting;
    private static final javafx.scene.input.KeyCombination SAVE_KEY = javafx.scene.input.KeyCombination.keyCombination("Shortcut+S");
    private final VBox form = new VBox(8);
    private final Label preview = new Label("Select an LF or start a new one.");
    private final Label problems = new Label();
    private final javafx.scene.control.Hyperlink saveResult = new javafx.scene.control.Hyperlink();
    private long[] saveChanged = new long[0];
    /** LF name → share of votes that mirror when A and B swap (after "A/B audit"). */
    private final java.util.Map<String, Double> audit = new java.util.HashMap<>();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(300));
    private int generation;
    private int tableGeneration;

    public LfEditorView(Workspace ws, Runnable showBrowser) {
        this.ws = ws;
        this.showBrowser = showBrowser;
        setId("lf-editor");
        for (Feature f : Features.all()) {
            feature.getItems().add(f.name());
        }
        model.feature().set(feature.getItems().get(0));
        bindForm();
        statsSplit.getSelectionModel().select(0);
        name.setId("lf-name");
        kind.setId("lf-kind");
        minDelta.setId("lf-min");
        code.setId("lf-code");
        preview.setId("lf-preview");
        problems.setId("lf-problems");
        problems.getStyleClass().add("error-text");
        problems.setWrapText(true);
        preview.setWrapText(true);
        table.setId("lf-table");
        table.setItems(tableRows);
        good.setPromptText("one pattern per line");
        bad.setPromptText("one pattern per line");
        good.setPrefRowCount(5);
        bad.setPrefRowCount(5);

        exGood.setPromptText("example answers to move towards, separated by lines holding only ---");
        exBad.setPromptText("example answers to move away from, separated by lines holding only ---");
        exGood.setId("exemplar-good");
        exBad.setId("exemplar-bad");
        exMargin.setId("exemplar-margin");
        exGood.setPrefRowCount(5);
        exBad.setPrefRowCount(5);

        buildTable();
        Button newFeature = new Button("New feature rule");
        newFeature.setOnAction(e -> startNew(FeatureRule.KIND));
        Button newPattern = new Button("New pattern rule");
        newPattern.setOnAction(e -> startNew(PatternRule.KIND));
        Button newCode = new Button("New code LF");
        newCode.setId("lf-new-code");
        newCode.setOnAction(e -> startNew(CodeRule.KIND));
        Button newExemplar = new Button("New exemplar LF");
        newExemplar.setId("lf-new-exemplar");
        newExemplar.setTooltip(new javafx.scene.control.Tooltip("Prefer the answer closer (in MiniLM sentence embeddings) to example good answers"
                + " and farther from bad ones; needs Compute embeddings in the feature explorer (or 'pairlab embed')."));
        newExemplar.setOnAction(e -> startNew(dev.pairlab.lf.ExemplarRule.KIND));
        MenuButton presets = new MenuButton("Add the paper's LFs");
        for (String p : Presets.NAMES) {
            MenuItem item = new MenuItem(p);
            item.setOnAction(e -> addPreset(p));
            presets.getItems().add(item);
        }
        presets.setId("lf-presets");
        Button delete = new Button("Delete");
        delete.setId("lf-delete");
        delete.setOnAction(e -> deleteSelected());
        undoDelete.setId("lf-undo-delete");
        undoDelete.setVisible(false);
        undoDelete.managedProperty().bind(undoDelete.visibleProperty());
        undoDelete.setOnAction(e -> undoDelete());
        Button history = new Button("History…");
        history.setId("lf-history-button");
        history.setOnAction(e -> {
            Row row = table.getSelectionModel().getSelectedItem();
            if (row == null) {
                ws.info("Select an LF to see its versions");
                return;
            }
            LfTools.showHistory(getScene() == null ? null : getScene().getWindow(), ws, row.lf(), ws::relabel);
        });
        Button agreement = new Button("Agreement…");
        agreement.setId("lf-agreement");
        agreement.setOnAction(e -> LfTools.showAgreement(getScene() == null ? null : getScene().getWindow(), ws, statsSplits(), statsSplit.getValue(),
                showBrowser));
        Button abAudit = new Button("A/B audit");
        abAudit.setId("lf-audit");
        abAudit.setTooltip(new javafx.scene.control.Tooltip("Swap A and B in every pair of the stats split and apply each LF again; "
                + "the A/B column shows the share of votes that flip as they should"));
        abAudit.setOnAction(e -> runAudit());
        FlowPane tools = new FlowPane(8, 6, newFeature, newPattern, newCode, newExemplar, presets, delete, undoDelete, history, agreement, abAudit,
                new Label("Stats on"), statsSplit);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, tools, table, totals);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(6));

        Button save = new Button("Save");
        save.setId("lf-save");
        save.setDefaultButton(false);
        save.setOnAction(e -> saveDraft());
        save.setTooltip(new javafx.scene.control.Tooltip("Save the LF (Ctrl+S)"));
        dirtyMark.setId("lf-dirty");
        dirtyMark.getStyleClass().add("dirty-marker");
        dirtyMark.visibleProperty().bind(model.dirtyProperty());
        model.dirtyProperty().addListener((o, a, d) -> name.pseudoClassStateChanged(DIRTY, d));
        dev.pairlab.ui.Shortcuts.bind(this, SAVE_KEY, "LF editor", "save the LF", this::saveDraft);
        HBox head = new HBox(8, new Label("Name"), name, new Label("Kind"), kind, save, dirtyMark);
        head.setAlignment(Pos.CENTER_LEFT);
        saveResult.setId("lf-save-result");
        saveResult.setVisible(false);
        saveResult.setOnAction(e -> {
            if (saveChanged.length > 0) {
                ws.browserFilterRequest().set(saveResult.getText());
                ws.browserIdsRequest().set(null);
                ws.browserIdsRequest().set(saveChanged);
                showBrowser.run();
            }
        });
        VBox right = new VBox(8, head, form, preview, saveResult, problems);
        right.setPadding(new Insets(6));
        VBox.setVgrow(form, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.55);
        setCenter(split);
        showForm(FeatureRule.KIND);

        model.kind().addListener((o, a, k) -> showForm(k));
        for (javafx.beans.Observable f : model.fields()) {
            f.addListener(x -> schedulePreview());
        }
        model.markClean();
        judgeModel.setId("judge-model");
        judgeEndpoint.setId("judge-endpoint");
        debounce.setOnFinished(e -> runPreview());
        statsSplit.setOnAction(e -> refreshTable());
        ws.labeled().addListener((o, a, b) -> refresh.request());
        // Another project: the form's LF is not one of its LFs (a Save would write it there as new).
        ws.project().addListener((o, was, now) -> {
            if (was != null && (now == null || !now.file().equals(was.file()))) {
                model.unload();
            }
        });
        ws.lfs().addListener((javafx.collections.ListChangeListener<LfRecord>) c -> refresh.request());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row == null || row.lf().id() < 0 || reverting) { // a start-up placeholder row, or putting the selection back
                return;
            }
            LfRecord current = model.loadedProperty().get();
            boolean same = current != null && current.name().equals(row.lf().name());
            if (same && model.isDirty()) {
                return; // the table refreshed under the edits: keep them
            }
            if (same || !model.isDirty()) {
                load(row.lf());
                return;
            }
            // Asked once the selection change is over, so that Cancel can put it back.
            javafx.application.Platform.runLater(() -> confirmLeave(() -> load(row.lf()), this::reselectLoaded));
        });
    }

    private static final javafx.css.PseudoClass DIRTY = javafx.css.PseudoClass.getPseudoClass("dirty");

    /** The form's controls show and edit the model's fields. */
    private void bindForm() {
        name.textProperty().bindBidirectional(model.name());
        kind.valueProperty().bindBidirectional(model.kind());
        feature.valueProperty().bindBidirectional(model.feature());
        prefer.valueProperty().bindBidirectional(model.prefer());
        minDelta.textProperty().bindBidirectional(model.minDelta());
        maxDelta.textProperty().bindBidirectional(model.maxDelta());
        good.textProperty().bindBidirectional(model.good());
        bad.textProperty().bindBidirectional(model.bad());
        regex.selectedProperty().bindBidirectional(model.regex());
        caseSensitive.selectedProperty().bindBidirectional(model.caseSensitive());
        wholeWord.selectedProperty().bindBidirectional(model.wholeWord());
        count.valueProperty().bindBidirectional(model.count());
        exGood.textProperty().bindBidirectional(model.exGood());
        exBad.textProperty().bindBidirectional(model.exBad());
        exMargin.textProperty().bindBidirectional(model.exMargin());
        judgeEndpoint.textProperty().bindBidirectional(model.judgeEndpoint());
        judgeModel.textProperty().bindBidirectional(model.judgeModel());
        judgeKeyEnv.textProperty().bindBidirectional(model.judgeKeyEnv());
        judgePrompt.textProperty().bindBidirectional(model.judgePrompt());
        judgeRegex.textProperty().bindBidirectional(model.judgeRegex());
        judgeBothOrders.selectedProperty().bindBidirectional(model.judgeBothOrders());
        // The code area's text is read-only as a property: kept in step both ways by hand.
        code.textProperty().addListener((o, a, t) -> model.code().set(t));
        model.code().addListener((o, a, t) -> {
            if (!t.equals(code.getText())) {
                code.replaceText(t);
            }
        });
    }

    /** Runs {@code proceed} once unsaved edits are saved or discarded; {@code stay} when the user keeps them. */
    private void confirmLeave(Runnable proceed, Runnable stay) {
        if (!model.isDirty()) {
            proceed.run();
            return;
        }
        switch (confirmer.unsavedEdits(model.unsavedDescription())) {
            case SAVE -> saveDraft(proceed, stay);
            case DISCARD -> proceed.run();
            default -> stay.run();
        }
    }

    /** Puts the table's selection back on the LF in the form (after a cancelled switch). */
    private void reselectLoaded() {
        reverting = true;
        try {
            LfRecord current = model.loadedProperty().get();
            int at = -1;
            for (int i = 0; current != null && i < table.getItems().size(); i++) {
                if (table.getItems().get(i).lf().name().equals(current.name())) {
                    at = i;
                }
            }
            if (at >= 0) {
                table.getSelectionModel().clearAndSelect(at);
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            reverting = false;
        }
    }

    /** True while the form holds edits that are not saved (for the app's close prompt). */
    public boolean hasUnsavedEdits() {
        return model.isDirty();
    }

    /** What is unsaved, in a few words ("LF 'x' has unsaved edits"); empty when nothing is. */
    public String unsavedDescription() {
        return model.unsavedDescription();
    }

    /** The editor's state, for tests and for screens that need to know about the draft. */
    public LfEditorModel model() {
        return model;
    }

    /** Replaces the dialogs that ask before losing edits or deleting (tests answer them). */
    public void setConfirmer(Confirmer confirmer) {
        this.confirmer = confirmer;
    }

    private void buildTable() {
        TableColumn<Row, Boolean> on = new TableColumn<>("on");
        on.setCellValueFactory(cd -> {
            SimpleBooleanProperty p = new SimpleBooleanProperty(cd.getValue().lf().enabled());
            p.addListener((o, a, b) -> setEnabled(cd.getValue().lf(), b));
            return p;
        });
        on.setCellFactory(CheckBoxTableCell.forTableColumn(on));
        on.setPrefWidth(36);
        table.setEditable(true);
        on.setEditable(true);
        table.getColumns().add(on);
        table.getColumns().add(text("name", 150, r -> r.lf().name() + " (v" + r.lf().version() + ")"));
        table.getColumns().add(text("kind", 70, r -> r.lf().kind()));
        table.getColumns().add(text("polarity", 60, r -> r.stats() == null ? "" : r.stats().polarity()));
        table.getColumns().add(text("coverage", 70, r -> r.stats() == null ? "" : f3(r.stats().coverage())));
        table.getColumns().add(text("overlaps", 70, r -> r.stats() == null ? "" : f3(r.stats().overlaps())));
        table.getColumns().add(text("conflicts", 70, r -> r.stats() == null ? "" : f3(r.stats().conflicts())));
        table.getColumns().add(text("correct", 60, r -> r.stats() == null ? "" : Long.toString(r.stats().correct())));
        TableColumn<Row, String> incorrect = text("incorrect", 70, r -> r.stats() == null ? "" : Long.toString(r.stats().incorrect()));
        incorrect.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("link");
                if (!empty && item != null && !item.isEmpty() && !item.equals("0")) {
                    getStyleClass().add("link");
                }
                setOnMouseClicked(e -> {
                    Row row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null && !empty) {
                        showIncorrect(row.lf().name());
                    }
                });
            }
        });
        table.getColumns().add(incorrect);
        table.getColumns().add(text("emp. acc.", 70, r -> r.stats() == null ? "" : f3(r.stats().accuracy())));
        // Worse than a coin on the labeled split (95 % Wilson interval below 0.5), whatever split the table shows.
        TableColumn<Row, String> chance = text("< chance?", 75, r -> r.onLabeled() == null || !r.onLabeled().belowChance() ? ""
                : "⚠ " + r.onLabeled().correct() + "/" + (r.onLabeled().correct() + r.onLabeled().incorrect()));
        chance.setId("lf-col-chance");
        table.getColumns().add(chance);
        TableColumn<Row, String> longer = text("acc. longer", 80, r -> r.length() == null ? "" : f3(r.length().accuracyLongerPreferred()));
        longer.setId("lf-col-longer");
        TableColumn<Row, String> shorter = lengthColumn("acc. shorter", b -> b.longerLoses());
        TableColumn<Row, String> matched = lengthColumn("acc. matched", b -> b.lengthMatched());
        matched.setId("lf-col-matched");
        javafx.scene.control.Tooltip lengthTip = new javafx.scene.control.Tooltip(
                "Empirical accuracy on the pairs where the longer answer is preferred / where the shorter one is / on length-matched pairs\n"
                + "(|Δ chars| ≤ max(50, 10 % of the longer answer)), with the number of votes; * = its 95 % interval contains 0.5."
                + " Hover a cell for the interval.");
        for (TableColumn<Row, String> c : List.of(longer, shorter, matched)) {
            Label header = new Label(c.getText());
            header.setTooltip(lengthTip);
            c.setText(null);
            c.setGraphic(header);
            table.getColumns().add(c);
        }
        TableColumn<Row, String> ab = text("A/B", 55, r -> {
            Double share = audit.get(r.lf().name());
            return share == null ? "" : share >= 1 ? "ok" : f3(share) + " !";
        });
        ab.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("error-text");
                if (!empty && item != null && item.endsWith("!")) {
                    getStyleClass().add("error-text");
                    setTooltip(new javafx.scene.control.Tooltip("position-dependent: this share of its votes mirror when A and B swap"));
                } else {
                    setTooltip(null);
                }
            }
        });
        table.getColumns().add(ab);
    }

    /** Asks the draft judge about 5 pairs of the stats split (both orders), stores nothing, shows the raw answers. */
    private void tryJudge() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        Workspace.Opened o = ws.project().get();
        dev.pairlab.lf.JudgeRule rule;
        try {
            rule = (dev.pairlab.lf.JudgeRule) draft();
        } catch (IllegalArgumentException e) {
            problems.setText(e.getMessage());
            return;
        }
        if (l == null || o == null) {
            return;
        }
        int[] rows = Subsets.rows(l.labels(), statsSplits());
        long[] ids = new long[Math.min(5, rows.length)];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = l.matrix().ids()[rows[k]];
        }
        judgeOutputs.setText("asking …");
        ws.run("Trying the judge on " + ids.length + " pairs", (progress, cancel) ->
                dev.pairlab.generate.JudgeRunner.tryOn(o.reader(), rule, ids, dev.pairlab.generate.Keys.system(), cancel), text -> {
                    judgeOutputs.setText(text);
                    problems.setText("");
                });
    }

    /** Saves the judge LF, then asks its model about the stats split in the background; the stats refresh as answers arrive. */
    private void applyJudge() {
        Project w = ws.writer();
        String lfName = name.getText().strip();
        dev.pairlab.lf.JudgeRule rule;
        try {
            rule = (dev.pairlab.lf.JudgeRule) draft();
        } catch (IllegalArgumentException e) {
            problems.setText(e.getMessage());
            return;
        }
        if (w == null || lfName.isEmpty()) {
            problems.setText(lfName.isEmpty() ? "give the LF a name" : "");
            return;
        }
        if (newNameProblem(lfName) != null) {
            problems.setText(newNameProblem(lfName));
            return;
        }
        Set<Split> splits = statsSplits();
        long[] lastRelabel = {System.nanoTime()};
        List<Object> form = model.snapshot();
        ws.tasks().run("Asking the judge for " + lfName, (progress, cancel) -> {
            LfRecord saved = Lfs.save(w, lfName, rule.kind(), rule.toJson().toString());
            // The user sees the endpoint, model and key name in the form and asks for it: that is trust.
            dev.pairlab.lf.CodeTrust.forUser().trust(dev.pairlab.lf.CodeTrust.content(saved), saved.name());
            javafx.application.Platform.runLater(() -> {
                model.markSaved(saved, form);
                ws.relabel();
            });
            ProgressListener live = (done, total, message) -> {
                progress.progress(done, total, message);
                long now = System.nanoTime();
                if (now - lastRelabel[0] > 3_000_000_000L) { // the column fills in: refresh the stats every few seconds
                    lastRelabel[0] = now;
                    javafx.application.Platform.runLater(ws::relabel);
                }
            };
            return dev.pairlab.generate.JudgeRunner.run(w, lfName, new dev.pairlab.generate.JudgeRunner.Params(splits, 4, 0,
                    java.time.Duration.ofSeconds(120), 5), dev.pairlab.generate.Keys.system(), live, cancel);
        }, r -> {
            ws.info(String.format(Locale.ROOT, "%s: %d answers asked, tokens %d in / %d out, %d unparsed, %d failed%s", lfName, r.asked(),
                    r.promptTokens(), r.completionTokens(), r.unparsed(), r.failures(),
                    r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")"));
            ws.relabel();
        }, err -> {
            ws.relabel(); // a cancelled run keeps its answers: show them
            failed(err);
        });
    }

    /** The A/B position audit on the stats split, in the background; fills the A/B column. */
    private void runAudit() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        Workspace.Opened o = ws.project().get();
        if (l == null || o == null) {
            return;
        }
        List<LfRecord> records = List.copyOf(ws.lfs());
        Set<Split> splits = statsSplits();
        ws.run("A/B position audit", (progress, cancel) -> {
            List<NamedLf> lfs = new ArrayList<>();
            for (LfRecord r : records) {
                if (r.enabled() && !r.kind().equals(dev.pairlab.lf.JudgeRule.KIND)) { // judges ask both orders by design
                    lfs.add(NamedLf.of(r));
                }
            }
            int[] rows = Subsets.rows(l.labels(), splits);
            long[] ids = new long[rows.length];
            for (int k = 0; k < rows.length; k++) {
                ids[k] = l.matrix().ids()[rows[k]];
            }
            java.util.Map<Long, dev.pairlab.pairs.Pair> byId = dev.pairlab.store.Pairs.getMany(o.reader(), ids);
            List<dev.pairlab.pairs.Pair> pairs = new ArrayList<>(ids.length);
            for (long id : ids) {
                pairs.add(byId.get(id));
            }
            return dev.pairlab.lf.PositionAudit.audit(l.features().rows(rows), pairs, lfs, cancel);
        }, result -> {
            audit.clear();
            long flagged = 0;
            for (dev.pairlab.lf.PositionAudit.Row r : result) {
                audit.put(r.lf(), r.share());
                flagged += r.positionDependent() ? 1 : 0;
            }
            table.refresh();
            ws.info("A/B audit on " + statsSplit.getValue() + ": " + (flagged == 0 ? "every LF's votes flip with the answers"
                    : flagged + " LF(s) depend on the answers' position (marked ! in the A/B column)"));
        });
    }

    /** "0.263 (19)" for a length group's accuracy and votes; the Wilson interval and the verdict in the cell's tooltip. */
    private static TableColumn<Row, String> lengthColumn(String title,
            java.util.function.Function<dev.pairlab.analysis.LengthSplit.Breakdown, dev.pairlab.analysis.LengthSplit.Group> group) {
        TableColumn<Row, String> c = text(title, 90, r -> {
            if (r.byLength() == null) {
                return "";
            }
            dev.pairlab.analysis.LengthSplit.Count n = group.apply(r.byLength()).votes();
            return n.voted() == 0 ? "– (0)" : f3(n.accuracy()) + " (" + n.voted() + ")" + (n.indistinguishableFromChance() ? " *" : "");
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null || row.byLength() == null || group.apply(row.byLength()).votes().voted() == 0) {
                    setTooltip(null);
                    return;
                }
                dev.pairlab.analysis.LengthSplit.Group g = group.apply(row.byLength());
                dev.pairlab.analysis.Intervals.Interval i = g.votes().interval();
                setTooltip(new javafx.scene.control.Tooltip(String.format(Locale.ROOT, "%s: %d of %d votes right, 95 %% interval [%.3f, %.3f]%s;"
                        + " 'longer wins' here %s", g.label(), g.votes().correct(), g.votes().voted(), i.low(), i.high(),
                        g.votes().indistinguishableFromChance() ? " (not distinguishable from chance)" : "", f3(g.longerWins().accuracy()))));
            }
        });
        return c;
    }

    private static TableColumn<Row, String> text(String title, double width, java.util.function.Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private Set<Split> statsSplits() {
        return switch (statsSplit.getValue()) {
            case "dev" -> EnumSet.of(Split.DEV);
            case "test" -> EnumSet.of(Split.TEST);
            case "all" -> EnumSet.allOf(Split.class);
            default -> EnumSet.of(Split.TRAIN);
        };
    }

    /**
     * Before any project opens: {@code rows} placeholder rows in the LF table, so that its rows and
     * cells (check boxes, links) are built, styled and laid out at start-up; the first project's LFs
     * then fill them (with as many LFs as rows, the table does not restyle its cells at all). Built on
     * the editor's first showing, they cost some 90 ms.
     */
    public void warmUp(int rows) {
        if (ws.project().get() != null || !table.getItems().isEmpty()) {
            return;
        }
        List<Row> blank = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            blank.add(new Row(new LfRecord(-1 - i, "…", "", "{}", 0, false, "", ""), null, null, null, null)); // id < 0: a placeholder
        }
        tableRows.replaceAll(blank);
    }

    /** After new labels or LFs: the feature list and the table (deferred while the editor is hidden). */
    private void showLabels() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l != null) {
            dev.pairlab.ui.features.FeatureChoices.refill(feature, l.features());
        }
        refreshTable();
    }

    /** Bound by the main window to the tab's selection: while false, refreshes wait. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return refresh.showingProperty();
    }

    /** Recomputes the table's stats off the FX thread (columns are in memory) and keeps the selection. */
    private void refreshTable() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        List<LfRecord> records = List.copyOf(ws.lfs());
        Set<Split> splits = statsSplits();
        int mine = ++tableGeneration;
        ws.run("Computing LF statistics", (progress, cancel) -> {
            LfStats.Report report = l == null ? null : LfStats.compute(l.matrix(), Subsets.rows(l.labels(), splits), l.labels().gold());
            LfStats.Report onLabeled = l == null ? null : LfStats.compute(l.matrix(), Subsets.rows(l.labels(), java.util.EnumSet.of(Split.TRAIN)),
                    l.labels().gold());
            List<Row> rows = new ArrayList<>();
            int[] statRows = l == null ? new int[0] : Subsets.rows(l.labels(), splits);
            for (LfRecord r : records) {
                LfStats.LfSummary s = null;
                dev.pairlab.analysis.LengthSplit ls = null;
                dev.pairlab.analysis.LengthSplit.Breakdown bl = null;
                LfStats.LfSummary lab = null;
                if (report != null && r.enabled()) {
                    int j = l.matrix().names().indexOf(r.name());
                    s = j >= 0 ? report.lfs().get(j) : null;
                    lab = j >= 0 ? onLabeled.lfs().get(j) : null;
                    ls = j >= 0 ? dev.pairlab.analysis.LengthSplit.ofLf(l, j, statRows) : null;
                    bl = j >= 0 ? dev.pairlab.analysis.LengthSplit.breakdownOfLf(l, j, statRows) : null;
                }
                rows.add(new Row(r, s, ls, bl, lab));
            }
            return new TableData(rows, report);
        }, data -> {
            if (mine != tableGeneration) {
                return;
            }
            String selected = table.getSelectionModel().getSelectedItem() == null ? null : table.getSelectionModel().getSelectedItem().lf().name();
            tableRows.replaceAll(data.rows());
            if (data.report() != null) {
                LfStats.Totals t = data.report().totals();
                totals.setText(String.format(Locale.ROOT, "%d pairs (%d with gold): covered by any LF %.3f, overlap %.3f, conflict %.3f, abstain-all %d",
                        t.rows(), t.labeled(), t.coverage(), t.overlap(), t.conflict(), t.abstainAll()));
            }
            if (selected != null) {
                for (int i = 0; i < data.rows().size(); i++) {
                    if (data.rows().get(i).lf().name().equals(selected)) {
                        table.getSelectionModel().select(i);
                    }
                }
            }
        });
    }

    private record TableData(List<Row> rows, LfStats.Report report) {
    }

    private void showForm(String k) {
        form.getChildren().clear();
        switch (k) {
            case FeatureRule.KIND -> {
                GridPane g = new GridPane();
                g.setHgap(8);
                g.setVgap(6);
                g.addRow(0, new Label("Feature"), feature);
                g.addRow(1, new Label("Prefer the answer with the"), prefer);
                g.addRow(2, new Label("Abstain if |Δ| below"), minDelta);
                g.addRow(3, new Label("… or above (optional)"), maxDelta);
                form.getChildren().add(g);
            }
            case dev.pairlab.lf.JudgeRule.KIND -> {
                GridPane g = new GridPane();
                g.setHgap(8);
                g.setVgap(6);
                g.addRow(0, new Label("Endpoint (OpenAI-compatible)"), judgeEndpoint);
                g.addRow(1, new Label("Model"), judgeModel);
                g.addRow(2, new Label("API key variable (optional)"), judgeKeyEnv);
                g.addRow(3, new Label("Answer regex (optional)"), judgeRegex);
                Button tryFive = new Button("Try on 5 pairs");
                tryFive.setId("judge-try");
                tryFive.setOnAction(e -> tryJudge());
                Button apply = new Button("Save and ask the model");
                apply.setId("judge-apply");
                apply.setOnAction(e -> applyJudge());
                judgeOutputs.setEditable(false);
                judgeOutputs.setPrefRowCount(6);
                judgeOutputs.setId("judge-outputs");
                judgePrompt.setPrefRowCount(8);
                judgePrompt.setId("judge-prompt");
                form.getChildren().addAll(g, judgeBothOrders, new Label("Prompt: {context}, {a} and {b} are filled in"), judgePrompt,
                        new HBox(8, tryFive, apply), judgeOutputs);
            }
            case dev.pairlab.lf.ExemplarRule.KIND -> {
                HBox m = new HBox(8, new Label("Abstain if the scores differ by less than"), exMargin);
                m.setAlignment(Pos.CENTER_LEFT);
                form.getChildren().addAll(new Label("Score of an answer: its highest cosine to a good example minus its highest to a bad one"
                        + " (MiniLM embeddings). Good examples:"), exGood, new Label("Bad examples:"), exBad, m);
            }
            case PatternRule.KIND -> form.getChildren().addAll(new Label("Good patterns (count for an answer)"), good,
                    new Label("Bad patterns (count against)"), bad, new FlowPane(10, 6, regex, caseSensitive, wholeWord, new Label("count"), count));
            default -> {
                VirtualizedScrollPane<JavaCodeArea> scroll = new VirtualizedScrollPane<>(code);
                VBox.setVgrow(scroll, Priority.ALWAYS);
                form.getChildren().addAll(new Label("Body of  Vote vote(LfPair p)  — return A, B or ABSTAIN; p.a(), p.b(), p.context(), "
                        + "p.featureA(\"length\"), p.delta(\"length\")"), scroll);
            }
        }
    }

    /** Starts a new LF of this kind, once unsaved edits are saved or discarded. */
    private void startNew(String k) {
        confirmLeave(() -> {
            reverting = true;
            try {
                table.getSelectionModel().clearSelection();
            } finally {
                reverting = false;
            }
            model.startNew(k);
            showForm(k);
            schedulePreview();
        }, () -> { });
    }

    /** The draft as an LF to apply: vouched for unless it is a stored code LF the user has not edited. */
    private static NamedLf asDraft(String lfName, LfDefinition d, String loadedCode) {
        if (d instanceof CodeRule c && c.source().equals(loadedCode)) {
            return new NamedLf(lfName, 0, 0, d);
        }
        return NamedLf.unsaved(lfName, d);
    }

    private void load(LfRecord r) {
        try {
            model.load(r);
        } catch (LfException e) {
            ws.error(e);
        }
        showForm(r.kind());
        schedulePreview();
    }

    /** The definition in the form; an {@link IllegalArgumentException} says what is wrong with it. */
    private LfDefinition draft() {
        return model.draft();
    }

    private void schedulePreview() {
        generation++;
        debounce.playFromStart();
    }

    /** Computes the draft's column and stats in the background; only the newest draft's result is shown. */
    private void runPreview() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        Workspace.Opened o = ws.project().get();
        if (l == null || o == null) {
            return;
        }
        LfDefinition d;
        try {
            d = draft();
        } catch (IllegalArgumentException e) {
            problems.setText(e.getMessage());
            return;
        }
        if (d instanceof dev.pairlab.lf.JudgeRule) {
            problems.setText("");
            preview.setText("An LLM judge votes from its model's stored answers: try it on 5 pairs, then save and ask the model.");
            return;
        }
        int mine = generation;
        Set<Split> splits = statsSplits();
        String lfName = name.getText().strip();
        preview.setText("computing …");
        String stored = model.loadedCode();
        ws.tasks().run("Previewing " + lfName, (progress, cancel) -> {
            if (d instanceof CodeRule c) {
                CodeCompiler.compile(c.source()); // compile errors first, with their positions
            } else if (d instanceof PatternRule p) {
                p.compile();
            }
            LfApplier.Applied a;
            if (d instanceof dev.pairlab.lf.ExemplarRule x) {
                dev.pairlab.lf.ExemplarRule embedded = dev.pairlab.encoder.Exemplars.embed(x, progress);
                byte[] votes = LfApplier.exemplarColumn(o.reader(), embedded, l.features().ids());
                a = new LfApplier.Applied(new LabelMatrix(l.features().ids(), List.of(lfName), new byte[][] {votes}),
                        dev.pairlab.store.Embeddings.models(o.reader()).contains(x.model()) ? List.of()
                                : List.of(new dev.pairlab.lf.LfProblem(lfName, 0, "no sentence embeddings in this project yet: Compute embeddings"
                                + " in the feature explorer (or run 'pairlab embed'); until then it abstains everywhere")));
            } else {
                a = LfApplier.apply(l.features(), List.of(asDraft(lfName, d, stored)), null,
                        LfApplier.projectSource(o.reader(), l.features().ids()), ProgressListener.NONE, cancel);
            }
            byte[] col = a.matrix().column(0);
            int j = l.matrix().names().indexOf(lfName);
            LabelMatrix m = j >= 0 ? l.matrix().withColumn(j, col) : append(l.matrix(), lfName, col);
            int jj = j >= 0 ? j : m.m() - 1;
            int[] rows = Subsets.rows(l.labels(), splits);
            LfStats.LfSummary s = LfStats.compute(m, rows, l.labels().gold()).lfs().get(jj);
            int changed = 0;
            if (j >= 0) {
                for (int r : rows) {
                    if (l.matrix().get(r, j) != col[r]) {
                        changed++;
                    }
                }
            }
            return new Preview(s, changed, j >= 0, a.problems().isEmpty() ? null : a.problems().get(0).message());
        }, p -> {
            if (mine != generation) {
                return; // a newer draft is being computed
            }
            code.showProblems(List.of());
            problems.setText(p.problem() == null ? "" : p.problem());
            LfStats.LfSummary s = p.stats();
            preview.setText(String.format(Locale.ROOT, "Draft on %s: coverage %.3f, overlaps %.3f, conflicts %.3f, correct %d, incorrect %d, "
                    + "accuracy %s%s", statsSplit.getValue(), s.coverage(), s.overlaps(), s.conflicts(), s.correct(), s.incorrect(), f3(s.accuracy()),
                    p.existing() ? " — " + p.changed() + " votes differ from the saved version" : ""));
        }, err -> {
            if (mine == generation) {
                failed(err);
            }
        });
    }

    private record Saved(LfRecord record, dev.pairlab.analysis.VoteDiff diff) {
    }

    private record Preview(LfStats.LfSummary stats, int changed, boolean existing, String problem) {
    }

    private static LabelMatrix append(LabelMatrix m, String name, byte[] col) {
        List<String> names = new ArrayList<>(m.names());
        names.add(name);
        byte[][] cols = new byte[m.m() + 1][];
        for (int j = 0; j < m.m(); j++) {
            cols[j] = m.column(j);
        }
        cols[m.m()] = col;
        return new LabelMatrix(m.ids(), names, cols);
    }

    /** Shows compile problems from a failed preview or save. */
    public void showCompileErrors(CompileException e) {
        code.showProblems(e.problems());
        problems.setText(e.getMessage());
        preview.setText("does not compile");
    }

    private void saveDraft() {
        saveDraft(() -> { }, () -> { });
    }

    /**
     * Saves the form as a new version of its LF. A draft that cannot be saved (no name, a bad field,
     * code that does not compile) saves nothing: its problem is shown in the form and the status bar
     * says "Not saved". Then {@code onSaved} or {@code onRefused} runs.
     */
    private void saveDraft(Runnable onSaved, Runnable onRefused) {
        Project w = ws.writer();
        if (w == null) {
            onRefused.run();
            return;
        }
        String lfName = name.getText().strip();
        String nameProblem = model.nameProblem(existsInTable(lfName));
        if (nameProblem != null) {
            refused(lfName, new IllegalArgumentException(nameProblem), onRefused);
            return;
        }
        LfDefinition d;
        try {
            d = draft();
        } catch (IllegalArgumentException e) {
            refused(lfName, e, onRefused);
            return;
        }
        List<Object> form = model.snapshot();
        ProjectLabeling.Labeled before = ws.labeled().get();
        Workspace.Opened opened = ws.project().get();
        Set<Split> splits = statsSplits();
        String splitName = statsSplit.getValue();
        String edited = model.loadedCode(); // unchanged stored code is not trusted by saving it again
        ws.tasks().run("Saving LF " + lfName, (progress, cancel) -> {
            LfEditorModel.checkForSave(d); // code that does not compile is never saved
            LfDefinition toSave = d instanceof dev.pairlab.lf.ExemplarRule x ? dev.pairlab.encoder.Exemplars.embed(x, progress) : d;
            LfRecord saved = Lfs.save(w, lfName, toSave.kind(), toSave.toJson().toString());
            String content = dev.pairlab.lf.CodeTrust.content(saved);
            if (content != null && !(d instanceof CodeRule c && c.source().equals(edited))) {
                dev.pairlab.lf.CodeTrust.forUser().trust(content, saved.name()); // written or edited here: trusted as saved
            }
            // What the new version changed against the one in use: fixed / broken pairs on the stats split.
            dev.pairlab.analysis.VoteDiff diff = null;
            int j = before == null ? -1 : before.matrix().names().indexOf(lfName);
            if (j >= 0 && opened != null && !(d instanceof dev.pairlab.lf.JudgeRule)) { // a new judge version has no answers yet
                byte[] now = toSave instanceof dev.pairlab.lf.ExemplarRule x
                        ? LfApplier.exemplarColumn(opened.reader(), x, before.features().ids())
                        : LfApplier.apply(before.features(), List.of(asDraft(lfName, d, edited)), null,
                                LfApplier.projectSource(opened.reader(), before.features().ids()), ProgressListener.NONE, cancel).matrix().column(0);
                diff = dev.pairlab.analysis.VoteDiff.of(before.matrix().column(j), now, before.labels().gold(),
                        before.matrix().ids(), Subsets.rows(before.labels(), splits));
            }
            return new Saved(saved, diff);
        }, result -> {
            problems.setText("");
            LfRecord saved = result.record();
            model.markSaved(saved, form);
            ws.info("Saved LF '" + saved.name() + "' version " + saved.version());
            if (result.diff() != null) {
                dev.pairlab.analysis.VoteDiff diff = result.diff();
                long[] changed = java.util.stream.LongStream.concat(java.util.Arrays.stream(diff.fixed()), java.util.Arrays.stream(diff.broken())).sorted().toArray();
                saveChanged = changed;
                saveResult.setText("v" + saved.version() + " on " + splitName + ": " + diff.summary() + (changed.length > 0 ? " — show them" : ""));
                saveResult.setVisible(true);
            } else {
                saveChanged = new long[0];
                saveResult.setVisible(false);
            }
            ws.relabel();
            onSaved.run();
        }, err -> refused(lfName, err, onRefused));
    }

    /** A refused or failed save: the problem where the user acted, and "Not saved" in the status bar (never an older "Saved"). */
    private void refused(String lfName, Throwable err, Runnable then) {
        failed(err);
        if (err instanceof LfException || err instanceof IllegalArgumentException || err instanceof dev.pairlab.pairs.BadInputException) {
            ws.notice().set(new Workspace.Notice(Workspace.Level.ERROR, LfEditorModel.notSavedMessage(lfName, err)));
        }
        then.run();
    }

    /** Compile errors go under the code; other problems of the draft beside it; anything else to the status bar. */
    private void failed(Throwable err) {
        if (err instanceof CompileException ce) {
            showCompileErrors(ce);
        } else if (err instanceof LfException || err instanceof IllegalArgumentException) {
            problems.setText(err.getMessage());
            preview.setText("");
        } else {
            ws.error(err);
        }
    }

    private void setEnabled(LfRecord r, boolean enabled) {
        if (r.id() < 0) {
            return; // a start-up placeholder row, shown until the project's LFs arrive
        }
        Project w = ws.writer();
        if (w == null || r.enabled() == enabled) {
            return;
        }
        ws.run((enabled ? "Enabling " : "Disabling ") + r.name(), (progress, cancel) -> {
            Lfs.setEnabled(w, r.name(), enabled);
            return r.name();
        }, n -> ws.relabel());
    }

    private void addPreset(String preset) {
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        ws.run("Adding the " + preset + " preset", (progress, cancel) -> {
            for (Map.Entry<String, LfDefinition> e : Presets.get(preset).entrySet()) {
                Lfs.save(w, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
            }
            return preset;
        }, p -> {
            ws.info("Added the paper's " + p + " LFs");
            ws.relabel();
        });
    }

    /** Deletes the selected LF with its history after asking; Undo (beside the table) puts both back. */
    private void deleteSelected() {
        Row row = table.getSelectionModel().getSelectedItem();
        Project w = ws.writer();
        if (row == null || w == null || row.lf().id() < 0) {
            return;
        }
        String lfName = row.lf().name();
        if (!confirmer.deleteLf(lfName, row.lf().version())) {
            return;
        }
        ws.run("Deleting " + lfName, (progress, cancel) -> java.util.Optional.ofNullable(Lfs.removeKeepingHistory(w, lfName)), removed -> {
            if (removed.isEmpty()) {
                return;
            }
            lastDeleted = removed.get();
            LfRecord current = model.loadedProperty().get();
            if (current != null && current.name().equals(lfName)) {
                model.unload(); // the form now holds a draft of a deleted LF, not edits to lose
            }
            undoDelete.setText("Undo delete of '" + lfName + "'");
            undoDelete.setVisible(true);
            boolean judge = lastDeleted.lf().kind().equals(dev.pairlab.lf.JudgeRule.KIND);
            ws.info("Deleted LF '" + lfName + "' with its " + lastDeleted.history().size() + " saved versions — Undo brings them back"
                    + (judge ? " (not the judge's stored answers)" : ""));
            ws.relabel();
        });
    }

    /** Puts the last deleted LF back with its saved versions. */
    private void undoDelete() {
        Project w = ws.writer();
        Lfs.Removed removed = lastDeleted;
        if (w == null || removed == null) {
            return;
        }
        ws.run("Restoring " + removed.lf().name(), (progress, cancel) -> Lfs.restore(w, removed), restored -> {
            lastDeleted = null;
            undoDelete.setVisible(false);
            ws.info("Restored LF '" + restored.name() + "' (version " + restored.version() + ", " + removed.history().size() + " saved versions)");
            ws.relabel();
        });
    }

    private void showIncorrect(String lfName) {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l == null) {
            return;
        }
        int j = l.matrix().names().indexOf(lfName);
        if (j < 0) {
            return;
        }
        long[] wrong = LfStats.wrong(l.matrix(), j, Subsets.rows(l.labels(), statsSplits()), l.labels().gold());
        ws.browserFilterRequest().set(wrong.length + " pairs " + lfName + " gets wrong");
        ws.browserIdsRequest().set(null);
        ws.browserIdsRequest().set(wrong);
        showBrowser.run();
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** What is wrong with the name for a new LF, or null; an existing LF keeps the name it has. */
    private String newNameProblem(String lfName) {
        return existsInTable(lfName) ? null : dev.pairlab.store.LfName.problem(lfName);
    }

    private boolean existsInTable(String lfName) {
        return table.getItems().stream().anyMatch(r -> r.lf().id() >= 0 && r.lf().name().equals(lfName));
    }

    public TableView<Row> table() {
        return table;
    }
}
