package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.ui.errors.ProblemReport;
import dev.pairlab.ui.lfeditor.LfEditorView;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The LF editor's layout at 1280×800 and its problems shown at their field. */
@ExtendWith(ApplicationExtension.class)
class LfEditorUiTest extends WindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        showWindow(stage);
    }

    @SuppressWarnings("unchecked")
    private TableView<LfEditorView.Row> openEditor(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(true, true), 6);
        robot.clickOn("#tab-lfs");
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("stats are in the table", () -> table.getItems().size() == 6 && table.getItems().get(0).stats() != null);
        return table;
    }

    @Test
    void theLfTableFitsA1280By800WindowWithoutAHorizontalScrollBar(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        TableView<LfEditorView.Row> table = openEditor(robot);
        WorkbenchTest.waitUntil("the window is 1280 wide", () -> window.getWidth() <= 1280 && window.getWidth() > 1200);
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        double inside = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        assertTrue(columns <= inside + 0.5, "columns " + columns + " px in a table of " + inside + " px");
        for (javafx.scene.Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                assertFalse(bar.isVisible(), "a horizontal scroll bar shows");
            }
        }
        // Every visible column keeps room for its numbers ("0.123"), and the LF's name column the most.
        for (TableColumn<LfEditorView.Row, ?> c : table.getVisibleLeafColumns()) {
            assertTrue(c.getWidth() >= 30, (c.getText() == null ? c.getId() : c.getText()) + " is " + c.getWidth() + " px");
        }
        assertEquals("name", table.getVisibleLeafColumns().get(1).getText());
        assertTrue(table.getVisibleLeafColumns().get(1).getWidth() >= 80);
        // The editor's head keeps its words at this width (the name field gives way), never "S…".
        for (String id : new String[] {"#lf-save", "#lf-kind", "#lf-dirty"}) {
            javafx.scene.control.Control c = robot.lookup(id).queryAs(javafx.scene.control.Control.class);
            assertTrue(c.getWidth() >= c.prefWidth(-1) - 0.5, id + " is " + c.getWidth() + " px of " + c.prefWidth(-1));
        }
    }

    @Test
    void aDraftsBadNumberIsShownAtItsFieldAndNothingIsSaved(FxRobot robot) throws Exception {
        TableView<LfEditorView.Row> table = openEditor(robot);
        robot.interact(() -> table.getSelectionModel().select(0));
        TextField min = robot.lookup("#lf-min").queryAs(TextField.class);
        WorkbenchTest.waitUntil("the first LF is loaded", () -> !min.getText().isEmpty());
        robot.interact(() -> min.setText("a lot"));
        robot.clickOn("#lf-save");
        Label problems = robot.lookup("#lf-problems").queryAs(Label.class);
        WorkbenchTest.waitUntil("the problem is shown", () -> !problems.getText().isEmpty());
        assertEquals("the minimum |Δ| must be a number (got 'a lot')", problems.getText());
        assertTrue(min.getPseudoClassStates().contains(ProblemReport.PROBLEM), "the field is marked");
        assertEquals("Not saved: LF '" + table.getItems().get(0).lf().name() + "': the minimum |Δ| must be a number (got 'a lot')",
                robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals(1, table.getItems().get(0).lf().version(), "nothing saved");
        robot.interact(() -> min.setText("20"));
        WorkbenchTest.waitUntil("the preview clears the problem", () -> problems.getText().isEmpty());
        assertFalse(min.getPseudoClassStates().contains(ProblemReport.PROBLEM));
    }

    @Test
    void theHistoryComparesAnOlderVersionWithTheCurrentOneAsLfDiffDoes(FxRobot robot) throws Exception {
        java.nio.file.Path file = mtBench(true, true);
        try (dev.pairlab.store.Project p = dev.pairlab.store.Project.open(file, dev.pairlab.store.Project.Access.READ_WRITE)) {
            dev.pairlab.store.Lfs.save(p, "length", dev.pairlab.lf.FeatureRule.KIND,
                    new dev.pairlab.lf.FeatureRule("length", dev.pairlab.lf.FeatureRule.Prefer.HIGHER, 300, null).toJson().toString());
        }
        openAndWait(robot, file, 6);
        robot.clickOn("#tab-lfs");
        @SuppressWarnings("unchecked")
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("stats are in the table", () -> table.getItems().size() == 6 && table.getItems().get(0).stats() != null);
        int row = 0;
        while (!table.getItems().get(row).lf().name().equals("length")) {
            row++;
        }
        int lengthRow = row;
        robot.interact(() -> table.getSelectionModel().select(lengthRow));
        robot.clickOn("#lf-history-button");
        WorkbenchTest.waitUntil("the history opens", () -> robot.lookup("#lf-history").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<dev.pairlab.store.Lfs.Version> versions = robot.lookup("#lf-history").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> versions.getSelectionModel().select(versions.getItems().stream().filter(v -> v.version() == 1).findFirst().orElseThrow()));
        robot.interact(() -> robot.lookup("#lf-compare").queryAs(javafx.scene.control.Button.class).fire());
        Label result = robot.lookup("#lf-compare-result").queryAs(Label.class);
        WorkbenchTest.waitUntil("the comparison is shown", () -> result.getText().startsWith("v1 → v2"));
        dev.pairlab.analysis.LfVersionDiff expected = dev.pairlab.analysis.LfVersionDiff.of(ws.project().get().reader(), "length", 1, 2,
                java.util.EnumSet.of(dev.pairlab.pairs.Split.TRAIN), dev.pairlab.task.ProgressListener.NONE, dev.pairlab.task.Cancellation.none());
        assertEquals(String.format(java.util.Locale.ROOT, "v1 → v2 on train: coverage %.3f → %.3f, accuracy %.3f → %.3f; %s",
                expected.stats()[0].coverage(), expected.stats()[1].coverage(), expected.stats()[0].accuracy(), expected.stats()[1].accuracy(),
                expected.diff().summary()), result.getText());
        assertTrue(expected.diff().changed() > 0, "a minimum |Δ| of 300 instead of 20 changes votes");
        robot.interact(() -> ((Stage) result.getScene().getWindow()).close());
    }
}
