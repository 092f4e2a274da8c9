package dev.pairlab.ui;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop app: one main window over a {@link Workspace}. */
public final class PairlabApp extends Application {

    private static volatile String initialProject;
    private final BackgroundTasks tasks = new BackgroundTasks();
    private final Workspace ws = new Workspace(tasks);

    static void start(String project) {
        initialProject = project;
        Application.launch(PairlabApp.class);
    }

    /** The scene every window (and every UI test) uses, with the app's style sheet. */
    public static Scene scene(MainWindow window) {
        Scene scene = new Scene(window, 1360, 820);
        scene.getStylesheets().add(PairlabApp.class.getResource("/ui/pairlab.css").toExternalForm());
        return scene;
    }

    @Override
    public void start(Stage stage) {
        Preferences prefs = Preferences.userRoot().node("dev/pairlab");
        MainWindow window = new MainWindow(stage, ws, prefs);
        // Internal errors are kept in a log that the error window opens; documents open in the desktop's viewer.
        ws.errors().setLog(dev.pairlab.ui.errors.Errors.defaultLog());
        ws.errors().setOpener(getHostServices()::showDocument);
        // A bug in an event handler (not in a job) reaches the same error window, not only the console.
        Thread fx = Thread.currentThread();
        Thread.UncaughtExceptionHandler console = fx.getUncaughtExceptionHandler();
        fx.setUncaughtExceptionHandler((thread, error) -> {
            try {
                ws.error(error);
            } catch (RuntimeException | LinkageError failed) {
                error.addSuppressed(failed);
                console.uncaughtException(thread, error); // the error window itself failed: the console is all there is
            }
        });
        stage.setScene(scene(window));
        stage.setTitle("Pairlab");
        restoreLayout(stage, prefs);
        stage.setOnCloseRequest(e -> {
            if (!window.confirmClose()) {
                e.consume();
                return;
            }
            saveLayout(stage, prefs);
        });
        window.setOnQuit(() -> {
            saveLayout(stage, prefs);
            Platform.exit();
        });
        stage.show();
        if (initialProject != null) {
            window.open(Path.of(initialProject));
        } else if (window.lastProject() != null) {
            window.open(window.lastProject());
        } else {
            window.openSample("mt-bench");
        }
    }

    private static void restoreLayout(Stage stage, Preferences prefs) {
        double w = prefs.getDouble("window.width", 0);
        double h = prefs.getDouble("window.height", 0);
        if (w > 200 && h > 200) {
            stage.setWidth(w);
            stage.setHeight(h);
            stage.setX(prefs.getDouble("window.x", 0));
            stage.setY(prefs.getDouble("window.y", 0));
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    private static void saveLayout(Stage stage, Preferences prefs) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
        }
    }

    @Override
    public void stop() {
        ws.close();
        tasks.shutdown();
    }
}
