package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.lfeditor.LfEditorView;
import java.nio.file.Path;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The LF table flags an LF that is worse than a coin on the labeled split. */
@ExtendWith(ApplicationExtension.class)
class BelowChanceUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @TempDir
    Path dir;

    @Test
    void anLfWorseThanACoinOnTheLabeledSplitIsFlagged(FxRobot robot) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults()); // all 898 pairs in the train split
            // MT-Bench prefers the longer answer about 70 % of the time: "prefer the shorter" is worse than a coin.
            Lfs.save(p, "shorter", FeatureRule.KIND, new FeatureRule("length", FeatureRule.Prefer.LOWER, 20, null).toJson().toString());
            Lfs.save(p, "longer", FeatureRule.KIND, new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null).toJson().toString());
        }
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == 2);
        robot.clickOn("#tab-lfs");
        @SuppressWarnings("unchecked")
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("stats are in the table", () -> table.getItems().size() == 2 && table.getItems().get(0).onLabeled() != null);
        @SuppressWarnings("unchecked")
        TableColumn<LfEditorView.Row, String> chance = (TableColumn<LfEditorView.Row, String>) table.getColumns().stream()
                .filter(c -> "lf-col-chance".equals(c.getId())).findFirst().orElseThrow();
        for (LfEditorView.Row r : table.getItems()) {
            String cell = chance.getCellData(r);
            if (r.lf().name().equals("shorter")) {
                assertTrue(cell.startsWith("⚠ ") && r.onLabeled().belowChance(), cell);
            } else {
                assertEquals("", cell);
            }
        }
    }
}
