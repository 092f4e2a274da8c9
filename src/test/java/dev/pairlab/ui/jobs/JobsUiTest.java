package dev.pairlab.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.ui.WindowTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The job list, "only the latest counts" and the close prompt, driven headless with work that waits on latches. */
@ExtendWith(ApplicationExtension.class)
class JobsUiTest extends WindowTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @AfterEach
    void release() {
        release.countDown(); // before the window's workspace closes
    }

    /** Work that reports {@code done} of 4 steps and then waits for the test (or a cancel). */
    private JobManager.Work<String> parked(int done) {
        return (progress, cancel) -> {
            progress.progress(done, 4, done + " of 4");
            while (!release.await(20, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
            }
            return "done " + done;
        };
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    @Test
    void twoJobsAreListedEachWithItsOwnProgressAndCancel(FxRobot robot) {
        JobManager jobs = ws.tasks().jobs();
        List<Throwable> errors = new ArrayList<>();
        AtomicReference<Job> first = new AtomicReference<>();
        AtomicReference<Job> second = new AtomicReference<>();
        robot.interact(() -> {
            first.set(jobs.run("Training a features reward model", parked(1), r -> { }, errors::add));
            second.set(jobs.run("Applying labeling functions", parked(3), r -> { }, errors::add));
        });
        robot.clickOn("#status-jobs");
        JobsView view = robot.lookup("#jobs").queryAs(JobsView.class);
        waitUntil("both rows show their progress", () -> view.getChildren().size() == 2
                && progress(view, 0) == 0.25 && progress(view, 1) == 0.75);
        assertEquals(first.get(), view.getChildren().get(0).getUserData());
        assertEquals(second.get(), view.getChildren().get(1).getUserData());
        assertEquals(JobState.RUNNING, first.get().state());

        // The first row's Cancel cancels the first job only.
        Button cancelFirst = (Button) view.getChildren().get(0).lookup(".job-cancel");
        robot.clickOn(cancelFirst);
        waitUntil("the first job ends", () -> first.get().state() == JobState.CANCELLED);
        assertEquals(JobState.RUNNING, second.get().state());
        assertEquals(1, view.getChildren().size());
        assertEquals(second.get(), view.getChildren().get(0).getUserData());
        assertEquals(1, errors.size(), "the cancelled job reports its cancellation: " + errors);
        release.countDown();
        waitUntil("the second job is done", () -> second.get().state() == JobState.DONE);
        // The status bar's task is cleared on the FX thread after the job's last state change (a later pulse).
        waitUntil("no job is current once both have ended", () -> ws.tasks().current().get() == null);
    }

    private static double progress(JobsView view, int row) {
        return ((ProgressBar) ((HBox) view.getChildren().get(row)).lookup(".job-progress")).getProgress();
    }

    @Test
    void onlyTheNewestResultOfAKeyCounts(FxRobot robot) {
        JobManager jobs = ws.tasks().jobs();
        List<String> shown = new ArrayList<>();
        CountDownLatch olderMayReturn = new CountDownLatch(1);
        AtomicReference<Job> older = new AtomicReference<>();
        robot.interact(() -> {
            // The older job ignores its cancellation and returns a result after the newer one: it is dropped.
            older.set(jobs.runLatest("relabel", "Applying labeling functions", (p, c) -> {
                olderMayReturn.await(20, TimeUnit.SECONDS);
                return "older";
            }, shown::add, e -> shown.add("error " + e)));
            jobs.runLatest("relabel", "Applying labeling functions", (p, c) -> "newer", shown::add, e -> shown.add("error " + e));
        });
        waitUntil("the newer result shows", () -> shown.contains("newer"));
        assertTrue(older.get().cancelRequestedProperty().get(), "the superseded job was asked to stop");
        olderMayReturn.countDown();
        waitUntil("the older job ends", () -> older.get().state().ended());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("newer"), shown);
    }

    @Test
    void quitWithARunningJobAsksFirstAndCancelKeepsTheAppOpen(FxRobot robot) throws Exception {
        JobManager jobs = ws.tasks().jobs();
        List<String> quits = new ArrayList<>();
        AtomicReference<Job> job = new AtomicReference<>();
        robot.interact(() -> {
            window.setOnQuit(() -> quits.add("quit"));
            jobs.addCloseGuard(() -> Optional.of("LF long_answer has unsaved edits"));
            job.set(jobs.run("Training a features reward model", parked(2), r -> { }, e -> { }));
        });
        Platform.runLater(window::quit); // showAndWait: the dialog runs its own event loop
        waitUntil("the prompt shows", () -> robot.lookup("#close-prompt").tryQuery().isPresent());
        DialogPane prompt = robot.lookup("#close-prompt").queryAs(DialogPane.class);
        assertTrue(prompt.getContentText().contains("Training a features reward model"), prompt.getContentText());
        assertTrue(prompt.getContentText().contains("LF long_answer has unsaved edits"), prompt.getContentText());
        robot.interact(() -> ((Button) prompt.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), quits, "Cancel keeps the app open");
        assertEquals(JobState.RUNNING, job.get().state());

        Platform.runLater(window::quit);
        waitUntil("the prompt shows again", () -> robot.lookup("#close-prompt").tryQuery().isPresent());
        DialogPane again = robot.lookup("#close-prompt").queryAs(DialogPane.class);
        robot.interact(() -> ((Button) again.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        waitUntil("the app quits", () -> quits.equals(List.of("quit")));
        assertTrue(job.get().awaitReturn(java.time.Duration.ZERO), "the job was cancelled and waited for before quitting");
        waitUntil("the job is cancelled", () -> job.get().state() == JobState.CANCELLED);
        assertFalse(jobs.closeQuestion().orElse("").contains("Training"));
    }

    @Test
    void aSecondJobOfAOneAtATimeKeyIsRefusedWithTheReason(FxRobot robot) throws Exception {
        JobManager jobs = ws.tasks().jobs();
        AtomicReference<Job> first = new AtomicReference<>();
        AtomicReference<Exception> refused = new AtomicReference<>();
        robot.interact(() -> {
            try {
                first.set(jobs.runAlone("training", "Training a features reward model", parked(1), r -> { }, e -> { }));
                assertTrue(jobs.isRunning("training").get());
                jobs.runAlone("training", "Resuming run 1", parked(1), r -> { }, e -> { });
            } catch (JobRefusedException e) {
                refused.set(e);
            }
        });
        assertTrue(refused.get() != null && refused.get().getMessage().contains("\"Training a features reward model\" is still running"),
                String.valueOf(refused.get()));
        assertEquals(1, jobs.jobs().size());
        robot.interact(() -> first.get().cancel());
        waitUntil("the first job ends", () -> first.get().state() == JobState.CANCELLED);
        assertFalse(jobs.isRunning("training").get());
    }
}
