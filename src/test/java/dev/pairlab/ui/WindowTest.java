package dev.pairlab.ui;

import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;

/** The main window on a fresh workspace and its own preferences node, closed after each test. */
abstract class WindowTest {

    protected Workspace ws;
    protected MainWindow window;
    private Preferences prefs;

    /** Builds and shows the window; each test class calls it from its own {@code @Start} (TestFX looks only there). */
    void showWindow(Stage stage) {
        ws = new Workspace(new BackgroundTasks());
        prefs = Preferences.userRoot().node("dev/pairlab-test/" + UUID.randomUUID());
        window = new MainWindow(stage, ws, prefs);
        stage.setScene(PairlabApp.scene(window));
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) throws Exception {
        robot.interact(() -> ws.close());
        prefs.removeNode();
    }
}
