package dev.pairlab.ui.jobs;

import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks before the app closes while jobs run or work is unsaved ({@link ClosePolicy} says what to ask). */
public final class CloseDialog {

    /** How long closing waits for cancelled jobs to stop (a training step, a transaction's rollback). */
    static final Duration WAIT = Duration.ofSeconds(10);

    private CloseDialog() {
    }

    /**
     * True to close now: nothing to ask, or the user chose OK, in which case every job was cancelled
     * and waited for. Cancel (or Escape) keeps the app open and the jobs running.
     */
    public static boolean confirm(Window owner, JobManager jobs) {
        Optional<String> question = jobs.closeQuestion();
        if (question.isEmpty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question.get(), ButtonType.OK, ButtonType.CANCEL);
        ask.initOwner(owner);
        ask.setTitle("Close Pairlab");
        ask.setHeaderText(jobs.jobs().isEmpty() ? "Unsaved work" : "Background jobs are running");
        ask.getDialogPane().setId("close-prompt");
        ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Cancel jobs and close");
        ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        boolean close = ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
        if (close) {
            jobs.cancelAllAndWait(WAIT);
        }
        return close;
    }
}
