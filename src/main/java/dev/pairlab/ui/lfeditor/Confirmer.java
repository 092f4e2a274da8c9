package dev.pairlab.ui.lfeditor;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The LF editor's questions to the user; tests replace the dialogs with their answers. */
public interface Confirmer {

    /** Unsaved edits would be lost: save them, discard them, or stay. */
    LfEditorModel.Choice unsavedEdits(String description);

    /** Deleting an LF (and its saved versions); true to go ahead. */
    boolean deleteLf(String lfName, int versions);

    /** Modal dialogs over the window {@code owner} gives (null: no owner). */
    static Confirmer dialogs(Supplier<Window> owner) {
        return new Confirmer() {
            @Override
            public LfEditorModel.Choice unsavedEdits(String description) {
                ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
                ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Save the edits first, or discard them?", save, discard, ButtonType.CANCEL);
                a.initOwner(owner.get());
                a.setTitle("Unsaved edits");
                a.setHeaderText(capitalized(description) + ".");
                ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
                return answer == save ? LfEditorModel.Choice.SAVE : answer == discard ? LfEditorModel.Choice.DISCARD : LfEditorModel.Choice.CANCEL;
            }

            @Override
            public boolean deleteLf(String lfName, int versions) {
                ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, deleteQuestion(lfName, versions), delete, ButtonType.CANCEL);
                a.initOwner(owner.get());
                a.setTitle("Delete LF");
                a.setHeaderText("Delete LF '" + lfName + "'?");
                return a.showAndWait().orElse(ButtonType.CANCEL) == delete;
            }
        };
    }

    /** The words of the delete question: what goes with the LF, and that it can be undone. */
    static String deleteQuestion(String lfName, int versions) {
        return "LF '" + lfName + "' and its history (" + versions + (versions == 1 ? " saved version" : " saved versions")
                + ") are deleted from the project. Undo (beside the LF table) brings it back with its history.";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
