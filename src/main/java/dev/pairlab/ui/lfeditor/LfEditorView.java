package dev.pairlab.ui.lfeditor;

import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.analysis.VoteDiff;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CompileException;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.lf.Presets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.ui.Shortcuts;
import dev.pairlab.ui.WhenShown;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.errors.Errors;
import dev.pairlab.ui.errors.ProblemReport;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The LF editor: the {@link LfTable} of every LF with its live statistics on a chosen split, and the
 * selected LF in the form of its kind ({@link LfForm}), bound to the draft's view model
 * ({@link LfEditorModel}). While editing, the draft's statistics are recomputed off the FX thread after a
 * short pause; only the newest draft's result shows. A draft's problems show in the editor
 * ({@link ProblemReport}, at their field where there is one). The work itself is in {@link LfEditorWork}.
 */
public final class LfEditorView extends BorderPane {

    /**
     * One row of the LF table.
     *
     * @param length    accuracy where the longer / the shorter answer is preferred (null when not computed)
     * @param byLength  the same and more (length-matched pairs, Wilson intervals; null when not computed)
     * @param onLabeled the LF's stats on the labeled (train) split, whatever split the table shows: whether it is worse than a coin
     */
    public record Row(LfRecord lf, LfStats.LfSummary stats, dev.pairlab.analysis.LengthSplit length,
                      dev.pairlab.analysis.LengthSplit.Breakdown byLength, LfStats.LfSummary onLabeled) {
    }

    private static final KeyCombination SAVE_KEY = KeyCombination.keyCombination("Shortcut+S");
    private static final PseudoClass DIRTY = PseudoClass.getPseudoClass("dirty");

    private final Workspace ws;
    private final Runnable showBrowser;
    private final WhenShown refresh = new WhenShown(this::showLabels);
    private final LfTable table = new LfTable(this::setEnabled, this::showIncorrect);
    private final ComboBox<String> statsSplit = new ComboBox<>(FXCollections.observableArrayList("train", "dev", "test", "all"));
    private final Label totals = new Label();
    /** The draft's state: the form's fields, the loaded LF, whether the form differs from it. */
    private final LfEditorModel model = new LfEditorModel();
    private final TextField name = new TextField();
    private final FeatureRuleForm featureForm = new FeatureRuleForm(model);
    private final CodeLfForm codeForm = new CodeLfForm(model);
    private final JudgeRuleForm judgeForm = new JudgeRuleForm(model, this::tryJudge, this::applyJudge);
    private final Map<String, LfForm> forms = List.of(featureForm, new PatternRuleForm(model), codeForm, new ExemplarRuleForm(model), judgeForm)
            .stream().collect(Collectors.toMap(LfForm::kind, f -> f));
    private final StackPane formHost = new StackPane();
    private final Label preview = new Label("Select an LF or start a new one.");
    private final Label problems = new Label();
    private final ProblemReport report = new ProblemReport(problems);
    private final Hyperlink saveResult = new Hyperlink();
    private final Hyperlink undoDelete = new Hyperlink();
    private Confirmer confirmer = Confirmer.dialogs(() -> getScene() == null ? null : getScene().getWindow());
    private long[] saveChanged = new long[0];
    /** The last LF deleted here, until its Undo is used or another LF is deleted. */
    private Lfs.Removed lastDeleted;
    /** True while the table's selection is being put back after a cancelled switch. */
    private boolean reverting;
    private final PauseTransition debounce = new PauseTransition(Duration.millis(300));
    private int generation;
    private int tableGeneration;

    public LfEditorView(Workspace ws, Runnable showBrowser) {
        this.ws = ws;
        this.showBrowser = showBrowser;
        setId("lf-editor");
        statsSplit.getSelectionModel().select(0);
        preview.setId("lf-preview");
        preview.setWrapText(true);
        problems.setId("lf-problems");
        report.field("name", name);
        forms.values().forEach(f -> f.fields().forEach(report::field));
        SplitPane split = new SplitPane(tablePane(), editorPane());
        // The table's shown columns at their preferred widths (some 720 px) fit beside the form in a 1280-pixel window.
        split.setDividerPositions(0.62);
        setCenter(split);
        showForm(FeatureRule.KIND);
        Shortcuts.bind(this, SAVE_KEY, "LF editor", "save the LF", this::saveDraft);
        model.kind().addListener((o, a, k) -> showForm(k));
        for (javafx.beans.Observable f : model.fields()) {
            f.addListener(x -> schedulePreview());
        }
        model.markClean();
        debounce.setOnFinished(e -> runPreview());
        statsSplit.setOnAction(e -> refreshTable());
        ws.labeled().addListener((o, a, b) -> refresh.request());
        // Another project: the form's LF is not one of its LFs (a Save would write it there as new).
        ws.project().addListener((o, was, now) -> {
            if (was != null && (now == null || !now.file().equals(was.file()))) {
                model.unload();
            }
        });
        ws.lfs().addListener((ListChangeListener<LfRecord>) c -> refresh.request());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> selected(row));
    }

    /** The left half: the tools, the LF table and the totals. */
    private VBox tablePane() {
        Button newFeature = button("New feature rule", null, () -> startNew(FeatureRule.KIND));
        Button newPattern = button("New pattern rule", null, () -> startNew(PatternRule.KIND));
        Button newCode = button("New code LF", "lf-new-code", () -> startNew(CodeRule.KIND));
        Button newExemplar = button("New exemplar LF", "lf-new-exemplar", () -> startNew(ExemplarRule.KIND));
        newExemplar.setTooltip(new Tooltip("Prefer the answer closer (in MiniLM sentence embeddings) to example good answers"
                + " and farther from bad ones; needs Compute embeddings in the feature explorer (or 'pairlab embed')."));
        MenuButton presets = new MenuButton("Add the paper's LFs");
        presets.setId("lf-presets");
        for (String p : Presets.NAMES) {
            MenuItem item = new MenuItem(p);
            item.setOnAction(e -> addPreset(p));
            presets.getItems().add(item);
        }
        undoDelete.setId("lf-undo-delete");
        undoDelete.setVisible(false);
        undoDelete.managedProperty().bind(undoDelete.visibleProperty());
        undoDelete.setOnAction(e -> undoDelete());
        Button history = button("History…", "lf-history-button", () -> {
            Row row = table.getSelectionModel().getSelectedItem();
            if (row == null) {
                ws.info("Select an LF to see its versions");
                return;
            }
            LfTools.showHistory(getScene() == null ? null : getScene().getWindow(), ws, row.lf(), statsSplits(), statsSplit.getValue(),
                    ws::relabel);
        });
        Button agreement = button("Agreement…", "lf-agreement", () -> LfTools.showAgreement(getScene() == null ? null : getScene().getWindow(), ws,
                statsSplits(), statsSplit.getValue(), showBrowser));
        Button abAudit = button("A/B audit", "lf-audit", this::runAudit);
        abAudit.setTooltip(new Tooltip("Swap A and B in every pair of the stats split and apply each LF again; "
                + "the A/B column shows the share of votes that flip as they should"));
        FlowPane tools = new FlowPane(8, 6, newFeature, newPattern, newCode, newExemplar, presets, button("Delete", "lf-delete", this::deleteSelected),
                undoDelete, history, agreement, abAudit, new Label("Stats on"), statsSplit);
        tools.setAlignment(Pos.CENTER_LEFT);
        totals.setWrapText(true);
        VBox left = new VBox(6, tools, table, totals);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        return left;
    }

    /** The right half: name, kind, Save and the dirty mark, the form of the draft's kind, its preview and problems. */
    private VBox editorPane() {
        name.setId("lf-name");
        name.textProperty().bindBidirectional(model.name());
        ComboBox<String> kind = LfForm.choice(model.kind(), List.of(FeatureRule.KIND, PatternRule.KIND, CodeRule.KIND, JudgeRule.KIND,
                ExemplarRule.KIND));
        kind.setId("lf-kind");
        Button save = button("Save", "lf-save", this::saveDraft);
        save.setTooltip(new Tooltip("Save the LF (Ctrl+S)"));
        Label dirtyMark = new Label("• unsaved");
        dirtyMark.setId("lf-dirty");
        dirtyMark.getStyleClass().add("dirty-marker");
        dirtyMark.visibleProperty().bind(model.dirtyProperty());
        model.dirtyProperty().addListener((o, a, d) -> name.pseudoClassStateChanged(DIRTY, d));
        Label nameLabel = new Label("Name");
        Label kindLabel = new Label("Kind");
        // The name field gives way in a narrow window; labels and Save keep their words (never "S…").
        for (javafx.scene.control.Control c : List.of(nameLabel, kindLabel, kind, save, dirtyMark)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        name.setPrefColumnCount(14);
        name.setMinWidth(80);
        HBox.setHgrow(name, Priority.SOMETIMES);
        HBox head = new HBox(8, nameLabel, name, kindLabel, kind, save, dirtyMark);
        head.setAlignment(Pos.CENTER_LEFT);
        saveResult.setId("lf-save-result");
        saveResult.setVisible(false);
        saveResult.setOnAction(e -> showInBrowser(saveResult.getText(), saveChanged));
        formHost.setAlignment(Pos.TOP_LEFT);
        VBox right = new VBox(8, head, formHost, preview, saveResult, problems);
        right.setPadding(new Insets(6));
        VBox.setVgrow(formHost, Priority.ALWAYS);
        return right;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void showForm(String k) {
        LfForm form = forms.getOrDefault(k, codeForm);
        formHost.getChildren().setAll(form.node());
    }

    /** The table's selection moved: load that LF, asking first when the form holds unsaved edits. */
    private void selected(Row row) {
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
        Platform.runLater(() -> confirmLeave(() -> load(row.lf()), this::reselectLoaded));
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
            if (current == null || !table.select(current.name())) {
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

    /** Asks the draft judge about 5 pairs of the stats split (both orders), stores nothing, shows the raw answers. */
    private void tryJudge() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        Workspace.Opened o = ws.project().get();
        JudgeRule rule = (JudgeRule) draftOrShowProblem();
        if (rule == null || l == null || o == null) {
            return;
        }
        long[] ids = LfEditorWork.firstIds(l, statsSplits(), 5);
        judgeForm.showOutputs("asking …");
        ws.tasks().run("Trying the judge on " + ids.length + " pairs", (progress, cancel) ->
                dev.pairlab.generate.JudgeRunner.tryOn(o.reader(), rule, ids, dev.pairlab.generate.Keys.system(), cancel), text -> {
                    judgeForm.showOutputs(text);
                    report.clear();
                }, this::failed);
    }

    /** Saves the judge LF, then asks its model about the stats split in the background; the stats refresh as answers arrive. */
    private void applyJudge() {
        Project w = ws.writer();
        String lfName = name.getText().strip();
        JudgeRule rule = (JudgeRule) draftOrShowProblem();
        if (rule == null || w == null) {
            return;
        }
        String nameProblem = model.nameProblem(table.holds(lfName));
        if (nameProblem != null) {
            showFieldProblem("name", nameProblem);
            return;
        }
        Set<Split> splits = statsSplits();
        long[] lastRelabel = {System.nanoTime()};
        List<Object> form = model.snapshot();
        ws.tasks().run("Asking the judge for " + lfName, (progress, cancel) -> {
            LfRecord saved = Lfs.save(w, lfName, rule.kind(), rule.toJson().toString());
            // The user sees the endpoint, model and key name in the form and asks for it: that is trust.
            dev.pairlab.lf.CodeTrust.forUser().trust(dev.pairlab.lf.CodeTrust.content(saved), saved.name());
            Platform.runLater(() -> {
                model.markSaved(saved, form);
                ws.relabel();
            });
            ProgressListener live = (done, total, message) -> {
                progress.progress(done, total, message);
                long now = System.nanoTime();
                if (now - lastRelabel[0] > 3_000_000_000L) { // the column fills in: refresh the stats every few seconds
                    lastRelabel[0] = now;
                    Platform.runLater(ws::relabel);
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
        ws.run("A/B position audit", (progress, cancel) -> LfEditorWork.audit(l, o.reader(), records, splits, cancel), result -> {
            Map<String, Double> shares = new java.util.HashMap<>();
            long flagged = 0;
            for (dev.pairlab.lf.PositionAudit.Row r : result) {
                shares.put(r.lf(), r.share());
                flagged += r.positionDependent() ? 1 : 0;
            }
            table.showAudit(shares);
            ws.info("A/B audit on " + statsSplit.getValue() + ": " + (flagged == 0 ? "every LF's votes flip with the answers"
                    : flagged + " LF(s) depend on the answers' position (marked ! in the A/B column)"));
        });
    }

    private Set<Split> statsSplits() {
        return switch (statsSplit.getValue()) {
            case "dev" -> EnumSet.of(Split.DEV);
            case "test" -> EnumSet.of(Split.TEST);
            case "all" -> EnumSet.allOf(Split.class);
            default -> EnumSet.of(Split.TRAIN);
        };
    }

    /** Before any project opens: placeholder rows in the LF table, built at start-up (see {@link LfTable#warmUp}). */
    public void warmUp(int rows) {
        if (ws.project().get() == null) {
            table.warmUp(rows);
        }
    }

    /** After new labels or LFs: the feature list and the table (deferred while the editor is hidden). */
    private void showLabels() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l != null) {
            featureForm.refill(l.features());
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
        ws.run("Computing LF statistics", (progress, cancel) -> LfEditorWork.table(l, records, splits), data -> {
            if (mine != tableGeneration) {
                return;
            }
            table.show(data.rows());
            if (data.report() != null) {
                LfStats.Totals t = data.report().totals();
                totals.setText(String.format(Locale.ROOT, "%d pairs (%d with gold): covered by any LF %.3f, overlap %.3f, conflict %.3f, abstain-all %d",
                        t.rows(), t.labeled(), t.coverage(), t.overlap(), t.conflict(), t.abstainAll()));
            }
        });
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

    private void load(LfRecord r) {
        try {
            model.load(r);
        } catch (LfException e) {
            report.show(e);
        }
        showForm(r.kind());
        schedulePreview();
    }

    /** The definition in the form, or null with its problem shown at its field. */
    private LfDefinition draftOrShowProblem() {
        try {
            return model.draft();
        } catch (LfEditorModel.FieldException e) {
            report.show(new InvalidParametersException(List.of(e.problem())));
        } catch (IllegalArgumentException e) {
            report.show(e);
        }
        return null;
    }

    private void showFieldProblem(String field, String message) {
        report.show(new InvalidParametersException(List.of(Problem.of(field, message))));
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
        LfDefinition d = draftOrShowProblem();
        if (d == null) {
            preview.setText(""); // the last draft's numbers are not this one's
            return;
        }
        if (d instanceof JudgeRule) {
            report.clear();
            preview.setText("An LLM judge votes from its model's stored answers: try it on 5 pairs, then save and ask the model.");
            return;
        }
        int mine = generation;
        Set<Split> splits = statsSplits();
        String lfName = name.getText().strip();
        preview.setText("computing …");
        String stored = model.loadedCode();
        ws.tasks().run("Previewing " + lfName, (progress, cancel) -> LfEditorWork.preview(l, o.reader(), lfName, d, stored, splits, progress, cancel),
                p -> {
                    if (mine != generation) {
                        return; // a newer draft is being computed
                    }
                    codeForm.showProblems(List.of());
                    if (p.problem() == null) {
                        report.clear();
                    } else {
                        report.show(p.problem());
                    }
                    LfStats.LfSummary s = p.stats();
                    preview.setText(String.format(Locale.ROOT, "Draft on %s: coverage %.3f, overlaps %.3f, conflicts %.3f, correct %d, incorrect %d, "
                            + "accuracy %s%s", statsSplit.getValue(), s.coverage(), s.overlaps(), s.conflicts(), s.correct(), s.incorrect(),
                            LfTable.f3(s.accuracy()), p.existing() ? " — " + p.changed() + " votes differ from the saved version" : ""));
                }, err -> {
                    if (mine == generation) {
                        failed(err);
                    }
                });
    }

    /** Shows compile problems from a failed preview or save. */
    public void showCompileErrors(CompileException e) {
        codeForm.showProblems(e.problems());
        report.show(e);
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
        String nameProblem = model.nameProblem(table.holds(lfName));
        if (nameProblem != null) {
            showFieldProblem("name", nameProblem);
            notSaved(lfName, new IllegalArgumentException(nameProblem), onRefused);
            return;
        }
        LfDefinition d = draftOrShowProblem();
        if (d == null) {
            notSaved(lfName, new IllegalArgumentException(problems.getText()), onRefused);
            return;
        }
        List<Object> form = model.snapshot();
        Set<Split> splits = statsSplits();
        String splitName = statsSplit.getValue();
        String stored = model.loadedCode(); // unchanged stored code is not trusted by saving it again
        ws.tasks().run("Saving LF " + lfName, (progress, cancel) -> LfEditorWork.save(w, lfName, d, stored, splits, progress, cancel), result -> {
            report.clear();
            LfRecord saved = result.record();
            model.markSaved(saved, form);
            ws.info("Saved LF '" + saved.name() + "' version " + saved.version());
            if (result.diff() != null) {
                VoteDiff diff = result.diff().diff();
                saveChanged = java.util.stream.LongStream.concat(java.util.Arrays.stream(diff.fixed()), java.util.Arrays.stream(diff.broken()))
                        .sorted().toArray();
                saveResult.setText("v" + saved.version() + " on " + splitName + ": " + diff.summary() + (saveChanged.length > 0 ? " — show them" : ""));
                saveResult.setVisible(true);
            } else {
                saveChanged = new long[0];
                saveResult.setVisible(false);
            }
            ws.relabel();
            onSaved.run();
        }, err -> {
            failed(err);
            notSaved(lfName, err, onRefused);
        });
    }

    /** A refused or failed save: "Not saved" in the status bar (never an older "Saved"), then {@code then}. */
    private void notSaved(String lfName, Throwable err, Runnable then) {
        if (Errors.isUserError(err)) {
            ws.notice().set(new Workspace.Notice(Workspace.Level.ERROR, LfEditorModel.notSavedMessage(lfName, err)));
        }
        then.run();
    }

    /** Compile errors under the code; other user errors in the editor; internal errors to the error window. */
    private void failed(Throwable err) {
        if (err instanceof CompileException ce) {
            showCompileErrors(ce);
        } else if (err instanceof LfEditorModel.FieldException fe) {
            showFieldProblem(fe.problem().field(), fe.getMessage());
        } else if (Errors.isUserError(err)) {
            report.show(err);
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
            boolean judge = lastDeleted.lf().kind().equals(JudgeRule.KIND);
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
        int j = l == null ? -1 : l.matrix().names().indexOf(lfName);
        if (j < 0) {
            return;
        }
        long[] wrong = LfStats.wrong(l.matrix(), j, Subsets.rows(l.labels(), statsSplits()), l.labels().gold());
        showInBrowser(wrong.length + " pairs " + lfName + " gets wrong", wrong);
    }

    /** Asks the browser to show these pairs under this description, and switches to it. */
    private void showInBrowser(String description, long[] ids) {
        if (ids.length == 0) {
            return;
        }
        ws.browserFilterRequest().set(description);
        ws.browserIdsRequest().set(null);
        ws.browserIdsRequest().set(ids);
        showBrowser.run();
    }

    public javafx.scene.control.TableView<Row> table() {
        return table;
    }
}
