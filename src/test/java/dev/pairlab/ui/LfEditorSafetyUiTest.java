package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.ui.lfeditor.Confirmer;
import dev.pairlab.ui.lfeditor.LfEditorModel;
import dev.pairlab.ui.lfeditor.LfEditorView;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The LF editor's everyday safety: unsaved edits, refused saves, Delete with Undo. Dialogs are answered by a scripted Confirmer. */
@ExtendWith(ApplicationExtension.class)
class LfEditorSafetyUiTest extends WindowTest {

    /** Answers the editor's questions as scripted and records what was asked. */
    private static final class Scripted implements Confirmer {
        LfEditorModel.Choice unsaved = LfEditorModel.Choice.CANCEL;
        boolean delete = true;
        final List<String> asked = new ArrayList<>();

        @Override
        public LfEditorModel.Choice unsavedEdits(String description) {
            asked.add("unsaved: " + description);
            return unsaved;
        }

        @Override
        public boolean deleteLf(String lfName, int versions) {
            asked.add("delete: " + Confirmer.deleteQuestion(lfName, versions));
            return delete;
        }
    }

    private final Scripted answers = new Scripted();

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    private LfEditorView openEditor(FxRobot robot, boolean withPreset) throws Exception {
        openAndWait(robot, mtBench(false, withPreset), withPreset ? 6 : 0);
        robot.clickOn("#tab-lfs");
        LfEditorView editor = robot.lookup("#lf-editor").queryAs(LfEditorView.class);
        robot.interact(() -> editor.setConfirmer(answers));
        return editor;
    }

    @SuppressWarnings("unchecked")
    private static TableView<LfEditorView.Row> table(FxRobot robot) {
        return robot.lookup("#lf-table").queryAs(TableView.class);
    }

    @Test
    void switchingLfWithUnsavedEditsAsksAndCancelKeepsThem(FxRobot robot) throws Exception {
        LfEditorView editor = openEditor(robot, true);
        TableView<LfEditorView.Row> table = table(robot);
        WorkbenchTest.waitUntil("stats are in the table", () -> table.getItems().size() > 1 && table.getItems().get(0).stats() != null);
        String first = table.getItems().get(0).lf().name();
        robot.interact(() -> table.getSelectionModel().select(0));
        Label dirty = robot.lookup("#lf-dirty").queryAs(Label.class);
        assertFalse(dirty.isVisible(), "a freshly loaded LF is not dirty");
        assertFalse(editor.hasUnsavedEdits());
        robot.interact(() -> robot.lookup("#lf-min").queryAs(TextField.class).setText("400"));
        assertTrue(dirty.isVisible(), "the dirty marker shows");
        assertTrue(editor.hasUnsavedEdits());
        assertEquals("LF '" + first + "' has unsaved edits", editor.unsavedDescription());
        // Closing the app now would ask: the editor's unsaved edits are one of the close prompt's reasons.
        assertEquals(List.of("LF '" + first + "' has unsaved edits"), ws.tasks().jobs().unsavedWork());

        robot.interact(() -> table.getSelectionModel().select(1));
        WorkbenchTest.waitUntil("the prompt is asked", () -> !answers.asked.isEmpty());
        assertEquals(List.of("unsaved: LF '" + first + "' has unsaved edits"), answers.asked);
        assertEquals(first, table.getSelectionModel().getSelectedItem().lf().name(), "Cancel puts the selection back");
        assertEquals("400", robot.lookup("#lf-min").queryAs(TextField.class).getText(), "and keeps the edits");
        assertEquals(first, robot.lookup("#lf-name").queryAs(TextField.class).getText());

        answers.unsaved = LfEditorModel.Choice.DISCARD;
        robot.interact(() -> table.getSelectionModel().select(1));
        String second = table.getItems().get(1).lf().name();
        WorkbenchTest.waitUntil("the second LF is loaded", () -> robot.lookup("#lf-name").queryAs(TextField.class).getText().equals(second));
        assertEquals(2, answers.asked.size());
        assertFalse(editor.hasUnsavedEdits());
        assertEquals(1, Lfs.get(ws.writer(), first).version(), "discarded: nothing saved");

        // Save: Ctrl+S saves the draft.
        robot.interact(() -> editor.model().minDelta().set("10"));
        assertTrue(editor.hasUnsavedEdits());
        TextField nameField = robot.lookup("#lf-name").queryAs(TextField.class);
        // The key press as the name field receives it (Ctrl is the shortcut key on Linux and Windows).
        robot.interact(() -> nameField.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.S,
                false, true, false, false)));
        WorkbenchTest.waitUntil("Ctrl+S saved version 2", () -> Lfs.get(ws.writer(), second).version() == 2);
        WorkbenchTest.waitUntil("the form is clean", () -> !editor.hasUnsavedEdits());
    }

    @Test
    void startingANewLfWithUnsavedEditsAsksToo(FxRobot robot) throws Exception {
        LfEditorView editor = openEditor(robot, false);
        robot.clickOn("#lf-new-code");
        assertFalse(editor.hasUnsavedEdits(), "the template is not an edit");
        CodeArea code = robot.lookup("#lf-code").queryAs(CodeArea.class);
        robot.interact(() -> code.replaceText("return A;\n"));
        assertTrue(editor.hasUnsavedEdits());
        robot.clickOn("#lf-new-code");
        assertEquals(List.of("unsaved: the new LF 'my_code_lf' is not saved"), answers.asked);
        assertEquals("return A;\n", code.getText(), "Cancel keeps the draft");
    }

    @Test
    void savingCodeThatDoesNotCompileShowsTheErrorAndSavesNothing(FxRobot robot) throws Exception {
        openEditor(robot, false);
        robot.interact(() -> ws.info("Saved LF 'older' version 1")); // what the status bar said before
        robot.clickOn("#lf-new-code");
        CodeArea code = robot.lookup("#lf-code").queryAs(CodeArea.class);
        robot.interact(() -> code.replaceText("double d = p.delta(\"length\");\nreturn d > 0 ? B : A\n"));
        robot.clickOn("#lf-save");
        WorkbenchTest.waitUntil("the status bar says it was not saved", () -> ws.notice().get().level() == Workspace.Level.ERROR);
        String status = robot.lookup("#status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Not saved: LF 'my_code_lf' does not compile (") && status.contains("line 2"), status);
        Label problems = robot.lookup("#lf-problems").queryAs(Label.class);
        assertTrue(problems.getText().contains("';' expected"), problems.getText());
        assertTrue(code.getStyleSpans(1).styleStream().anyMatch(s -> s.contains("compile-error")), "line 2 is underlined");
        assertEquals(null, Lfs.get(ws.project().get().reader(), "my_code_lf"), "nothing saved");
        assertTrue(robot.lookup("#lf-dirty").queryAs(Label.class).isVisible(), "still unsaved");
    }

    @Test
    void deleteAsksAndUndoRestoresTheLfWithItsHistory(FxRobot robot) throws Exception {
        openEditor(robot, true);
        TableView<LfEditorView.Row> table = table(robot);
        WorkbenchTest.waitUntil("stats are in the table", () -> table.getItems().size() > 1 && table.getItems().get(0).stats() != null);
        String victim = table.getItems().get(0).lf().name();
        Project writer = ws.writer();
        LfRecord v1 = Lfs.get(writer, victim);
        assertEquals("length", victim, "the preset's first LF");
        dev.pairlab.lf.FeatureRule v2 = new dev.pairlab.lf.FeatureRule("length", dev.pairlab.lf.FeatureRule.Prefer.HIGHER, 20, 5000.0);
        Lfs.save(writer, victim, v2.kind(), v2.toJson().toString()); // a second version
        int lfs = table.getItems().size();
        robot.interact(ws::relabel);
        WorkbenchTest.waitUntil("version 2 in the table", () -> table.getItems().get(0).lf().version() == 2);

        answers.delete = false;
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#lf-delete");
        assertEquals(1, answers.asked.size());
        String question = answers.asked.get(0);
        assertTrue(question.contains("'" + victim + "'") && question.contains("history (2 saved versions)"), question);
        assertEquals(2, Lfs.get(writer, victim).version(), "No keeps the LF");

        answers.delete = true;
        robot.clickOn("#lf-delete");
        WorkbenchTest.waitUntil("the LF is gone", () -> table.getItems().size() == lfs - 1 && Lfs.get(writer, victim) == null);
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Deleted LF '" + victim + "' with its 2 saved versions — Undo"));
        javafx.scene.control.Hyperlink undo = robot.lookup("#lf-undo-delete").queryAs(javafx.scene.control.Hyperlink.class);
        assertTrue(undo.isVisible());
        robot.clickOn("#lf-undo-delete");
        WorkbenchTest.waitUntil("the LF is back", () -> table.getItems().size() == lfs && Lfs.get(writer, victim) != null);
        LfRecord back = Lfs.get(writer, victim);
        assertEquals(2, back.version());
        assertEquals(Lfs.get(writer, victim).definition(), back.definition());
        assertTrue(back.definition().contains("5000"), back.definition());
        assertEquals(2, Lfs.history(writer, victim).size(), "its history is back too");
        assertEquals(v1.definition(), Lfs.history(writer, victim).get(0).definition());
        assertEquals(victim, table.getItems().get(0).lf().name(), "in its old place");
        assertFalse(undo.isVisible());
    }
}
