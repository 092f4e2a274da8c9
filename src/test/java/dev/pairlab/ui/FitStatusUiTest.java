package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 21: the label-model screen did not say when its fit was stale after LF edits, and the export screen
 * did not say which fit it counted with. Both now name the run (id, type, when, LF versions) and say when an
 * LF changed since.
 */
@ExtendWith(ApplicationExtension.class)
class FitStatusUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @TempDir
    Path dir;

    @Test
    void bothScreensNameTheirFitAndSayWhenAnLfChangedSince(FxRobot robot) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0.1, 0.1, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            Presets.addTo(p, "mt-bench");
        }
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == 6);
        robot.clickOn("#tab-label-model");
        assertEquals("test", robot.lookup("#lm-eval-split").queryAs(javafx.scene.control.ComboBox.class).getValue(),
                "the choices are the keys users type");
        assertEquals("labeled", robot.lookup("#lm-fit-on").queryAs(javafx.scene.control.ComboBox.class).getValue());
        Label lm = robot.lookup("#lm-fit-status").queryAs(Label.class);
        WorkbenchTest.waitUntil("no fit yet is said", () -> "No label model fitted yet.".equals(lm.getText()));
        robot.clickOn("#lm-fit");
        WorkbenchTest.waitUntil("the fit is named: " + lm.getText(),
                () -> lm.getText().startsWith("Label model run 1: snorkel, fitted on labeled at ") && lm.getText().endsWith("; current."));
        robot.clickOn("#tab-export");
        Label export = robot.lookup("#export-fit-status").queryAs(Label.class);
        WorkbenchTest.waitUntil("the export names the fit it counts with: " + export.getText(),
                () -> export.getText().startsWith("Label model run 1: snorkel") && export.getText().endsWith("; current."));

        String lf = ws.lfs().get(0).name();
        robot.interact(() -> {
            Lfs.setEnabled(ws.project().get().writer(), lf, false);
            ws.relabel();
        });
        String stale = "Stale: LF " + lf + " was deleted or disabled since this fit; fit again.";
        WorkbenchTest.waitUntil("the export says the fit is stale: " + export.getText(), () -> export.getText().contains(stale));
        robot.clickOn("#tab-label-model");
        WorkbenchTest.waitUntil("the label-model screen says so too: " + lm.getText(), () -> lm.getText().contains(stale));
        assertTrue(lm.getText().contains(lf + " v1"), lm.getText());
    }
}
