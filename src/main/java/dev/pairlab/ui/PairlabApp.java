package dev.pairlab.ui;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Application;
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
        MainWindow window = new MainWindow(stage, ws, Preferences.userRoot().node("dev/pairlab"));
        stage.setScene(scene(window));
        stage.setTitle("Pairlab");
        stage.show();
        if (initialProject != null) {
            window.open(Path.of(initialProject));
        } else if (window.lastProject() != null) {
            window.open(window.lastProject());
        } else {
            window.openSample("mt-bench");
        }
    }

    @Override
    public void stop() {
        ws.close();
        tasks.shutdown();
    }
}
