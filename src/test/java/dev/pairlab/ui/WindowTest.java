package dev.pairlab.ui;

import dev.pairlab.TestData;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The main window on a fresh workspace and its own preferences node, closed after each test. */
public abstract class WindowTest {

    @TempDir
    protected Path dir;
    protected Workspace ws;
    protected MainWindow window;
    protected Preferences prefs;

    /** Builds and shows the window; each test class calls it from its own {@code @Start} (TestFX looks only there). */
    protected void showWindow(Stage stage) {
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

    /**
     * A project of MT-Bench's train file (898 pairs); with {@code split}, 10 % test, 10 % labeled (train) and
     * the rest a pool (seed 123); with {@code preset}, the paper's six MT-Bench LFs.
     */
    protected Path mtBench(boolean split, boolean preset) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            if (split) {
                Splitter.split(p, new SplitParams(0.1, 0.1, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            }
            if (preset) {
                Presets.addTo(p, "mt-bench");
            }
        }
        return file;
    }

    /** Opens the project and waits until its labels are computed with {@code lfs} LFs. */
    protected void openAndWait(FxRobot robot, Path file, int lfs) {
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == lfs);
    }
}
