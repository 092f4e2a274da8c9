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
        assertEquals("the minimum |Δ| must be a number, not 'a lot'", problems.getText());
        assertTrue(min.getPseudoClassStates().contains(ProblemReport.PROBLEM), "the field is marked");
        assertEquals("Not saved: LF '" + table.getItems().get(0).lf().name() + "': the minimum |Δ| must be a number, not 'a lot'",
                robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals(1, table.getItems().get(0).lf().version(), "nothing saved");
        robot.interact(() -> min.setText("20"));
        WorkbenchTest.waitUntil("the preview clears the problem", () -> problems.getText().isEmpty());
        assertFalse(min.getPseudoClassStates().contains(ProblemReport.PROBLEM));
    }
}
