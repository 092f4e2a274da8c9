package dev.pairlab.ui.errors;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window of an internal error (cryptomator's one error scene): what went wrong in a line, the stack
 * trace to report, Copy (the trace to the clipboard) and Open log when the app keeps one.
 */
public final class ErrorWindow {

    /** The window's scene root id, for tests and styles. */
    public static final String ID = "error-window";

    private ErrorWindow() {
    }

    /** Opens a window for {@code error} over {@code owner} (may be null); {@code log} may be null. */
    public static Stage show(Window owner, Throwable error, Path log, java.util.function.Consumer<String> opener) {
        String trace = Errors.stackTrace(error);
        Label headline = new Label("Something went wrong inside Pairlab (a bug, not something you did): " + Errors.message(error));
        headline.setId("error-message");
        headline.setWrapText(true);
        Label hint = new Label("The project is as the last completed step left it. Copy the details below into a bug report.");
        hint.setWrapText(true);
        TextArea details = new TextArea(trace);
        details.setId("error-trace");
        details.setEditable(false);
        details.setPrefRowCount(16);
        VBox.setVgrow(details, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("error-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(trace);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        Button openLog = new Button("Open log");
        openLog.setId("error-open-log");
        boolean hasLog = log != null && Files.isRegularFile(log);
        openLog.setVisible(hasLog);
        openLog.setManaged(hasLog);
        Stage stage = new Stage();
        openLog.setOnAction(e -> openLog(log, details, opener));
        Button close = new Button("Close");
        close.setId("error-close");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, copy, openLog, spacer, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(8, headline, hint, details, buttons);
        root.setId(ID);
        root.setPadding(new Insets(12));
        Scene scene = new Scene(root, 720, 420);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("Pairlab — internal error");
        stage.show();
        return stage;
    }

    /** Opens the log in the desktop's viewer; without one, the log's path is added to the details. */
    private static void openLog(Path log, TextArea details, java.util.function.Consumer<String> opener) {
        if (opener != null) {
            opener.accept(log.toUri().toString());
        } else {
            details.appendText("\nThe log is at " + log.toAbsolutePath() + "\n");
        }
    }
}
