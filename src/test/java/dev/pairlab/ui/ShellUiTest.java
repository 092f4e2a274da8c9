package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.errors.ErrorWindow;
import dev.pairlab.ui.errors.ProblemReport;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's shell: one error model (user errors in place, internal ones in the error window) and the Help menu. */
@ExtendWith(ApplicationExtension.class)
class ShellUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    /** The error windows open now (the main window is not one). */
    private static List<Window> errorWindows() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().getRoot() != null
                && ErrorWindow.ID.equals(w.getScene().getRoot().getId()) && w.isShowing()).toList();
    }

    @Test
    void anInternalErrorInAJobOpensTheErrorWindowWithItsStackTraceAndCopyPutsItOnTheClipboard(FxRobot robot) {
        robot.interact(() -> ws.tasks().jobs().run("Failing job", (progress, cancel) -> {
            throw new IllegalStateException("the index went below zero");
        }, r -> { }));
        WorkbenchTest.waitUntil("the error window opens", () -> errorWindows().size() == 1);
        Node root = errorWindows().get(0).getScene().getRoot();
        Label message = (Label) root.lookup("#error-message");
        assertTrue(message.getText().contains("the index went below zero"), message.getText());
        String trace = ((TextArea) root.lookup("#error-trace")).getText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: the index went below zero"), trace);
        assertTrue(trace.contains("at dev.pairlab.ui.ShellUiTest"), "the trace names where it was thrown: " + trace);
        assertFalse(root.lookup("#error-open-log").isVisible(), "no log in this window: no Open log");
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        robot.interact(() -> ((javafx.scene.control.Button) root.lookup("#error-copy")).fire());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(trace, copied[0]);
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Internal error: the index went below zero"));
        robot.interact(() -> ((javafx.scene.control.Button) root.lookup("#error-close")).fire());
        assertTrue(errorWindows().isEmpty());
    }

    @Test
    void anInternalErrorIsAppendedToTheLogThatOpenLogShows(FxRobot robot) throws Exception {
        java.nio.file.Path log = dir.resolve("state/pairlab/errors.log");
        robot.interact(() -> ws.errors().setLog(log));
        robot.interact(() -> ws.tasks().jobs().run("Failing job", (progress, cancel) -> {
            throw new ArithmeticException("divided by zero pairs");
        }, r -> { }));
        WorkbenchTest.waitUntil("the error window opens", () -> errorWindows().size() == 1);
        String logged = java.nio.file.Files.readString(log);
        assertTrue(logged.contains("internal error\njava.lang.ArithmeticException: divided by zero pairs"), logged);
        Node root = errorWindows().get(0).getScene().getRoot();
        javafx.scene.control.Button openLog = (javafx.scene.control.Button) root.lookup("#error-open-log");
        assertTrue(openLog.isVisible());
        robot.interact(openLog::fire); // no desktop viewer in tests: the details say where the log is
        assertTrue(((TextArea) root.lookup("#error-trace")).getText().endsWith("The log is at " + log.toAbsolutePath() + "\n"));
        robot.interact(() -> ((Stage) errorWindows().get(0)).close());
    }

    @Test
    void aUserErrorIsShownWhereTheUserActedNotInTheErrorWindow(FxRobot robot) {
        Label where = new Label();
        TextField labeled = new TextField();
        TextField seed = new TextField();
        ProblemReport report = new ProblemReport(where).field("labeled", labeled).field("seed", seed);
        robot.interact(() -> ws.tasks().jobs().run("Splitting", (progress, cancel) -> {
            throw new InvalidParametersException(List.of(Problem.of("labeled", "the labeled share must be a fraction between 0 and 1 (got 1.5)"),
                    Problem.of("", "the shares add up to more than 1")));
        }, r -> { }, ws.errorsIn(report)));
        WorkbenchTest.waitUntil("the problem is shown in the form", () -> !where.getText().isEmpty());
        assertEquals("the labeled share must be a fraction between 0 and 1 (got 1.5)\nthe shares add up to more than 1", where.getText());
        assertEquals(List.of("labeled"), report.markedFields(), "the field with the problem is marked, the other not");
        assertTrue(labeled.getPseudoClassStates().contains(ProblemReport.PROBLEM));
        assertEquals("the labeled share must be a fraction between 0 and 1 (got 1.5)", labeled.getTooltip().getText());
        assertTrue(errorWindows().isEmpty(), "a user error opens no error window");
        String status = robot.lookup("#status").queryAs(Label.class).getText();
        assertFalse(status.startsWith("Internal error"), status);
        robot.interact(report::clear);
        assertEquals(List.of(), report.markedFields());
        assertEquals(null, labeled.getTooltip());
    }

    @Test
    void closingAProjectStopsTheJobsStillReadingItFirst(FxRobot robot) throws Exception {
        java.nio.file.Path file = mtBench(false, false);
        openAndWait(robot, file, 0);
        dev.pairlab.store.Project reader = ws.project().get().reader();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> ws.tasks().jobs().run("Reading the pairs", (progress, cancel) -> {
            while (true) { // reads until cancelled, as a statistics job does chunk by chunk
                dev.pairlab.store.Pairs.labels(reader, false);
                reading.countDown();
                cancel.throwIfCancelled();
            }
        }, r -> { }, ws::error));
        assertTrue(reading.await(20, java.util.concurrent.TimeUnit.SECONDS));
        robot.interact(() -> ws.close());
        WaitForAsyncUtils.waitForFxEvents();
        // Before: the connections closed under the job, which failed with "database connection closed" into the error window.
        assertTrue(errorWindows().isEmpty(), "no internal error");
        assertEquals("Closed " + file + ".", robot.lookup("#status").queryAs(Label.class).getText());
        assertTrue(ws.tasks().jobs().jobs().isEmpty(), "the job ended before the project closed");
    }

    @Test
    void theShortcutListIsReadFromTheWindowAndHoldsSaveAndQuit(FxRobot robot) {
        Stage[] dialog = new Stage[1];
        robot.interact(() -> dialog[0] = window.showShortcuts());
        @SuppressWarnings("unchecked")
        TableView<Shortcuts.Shortcut> table = (TableView<Shortcuts.Shortcut>) dialog[0].getScene().getRoot().lookup("#shortcuts-table");
        Set<String> keys = table.getItems().stream().map(Shortcuts.Shortcut::keys).collect(Collectors.toSet());
        assertTrue(keys.contains("Ctrl+S"), "the LF editor's save: " + keys);
        assertTrue(keys.contains("Ctrl+Q"), "File → Quit: " + keys);
        assertTrue(keys.contains("Ctrl+Z"), "the pair table's undo: " + keys);
        assertEquals(1, table.getItems().stream().filter(s -> s.keys().equals("Ctrl+Q")).count(), "a menu's key is listed once: " + table.getItems());
        assertEquals("File → Quit", table.getItems().stream().filter(s -> s.keys().equals("Ctrl+Q")).findFirst().orElseThrow().action());
        Shortcuts.Shortcut save = table.getItems().stream().filter(s -> s.keys().equals("Ctrl+S")).findFirst().orElseThrow();
        assertEquals("LF editor", save.where());
        // Escape closes the list (it has no buttons; under a bare X server it has no title bar either).
        robot.interact(() -> javafx.event.Event.fireEvent(table, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                "", "", javafx.scene.input.KeyCode.ESCAPE, false, false, false, false)));
        assertFalse(dialog[0].isShowing(), "Escape closed the shortcut list");
    }

    @Test
    void theUserGuideSaysWhereItIsWhenNoViewerCanOpenIt(FxRobot robot) {
        Stage[] dialog = new Stage[1];
        robot.interact(() -> dialog[0] = window.showGuide());
        assertNotNull(dialog[0], "no viewer in tests: a window with the path");
        Label where = (Label) dialog[0].getScene().getRoot().lookup("#guide-path");
        assertTrue(where.getText().endsWith("docs/guide.md".replace('/', java.io.File.separatorChar)), where.getText());
        robot.interact(dialog[0]::close);
    }
}
