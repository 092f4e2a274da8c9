package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training and experiment screens in a 1280×800 window (issue 21: the runs table and the compare
 * chart were cut off and buttons squeezed to "C…"): every control the user needs is inside the window,
 * buttons at least as wide as their text, the comparison's legend shown.
 */
@ExtendWith(ApplicationExtension.class)
class ScreensAt1280x800UiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    /** The node's bounds in the scene. */
    private static Bounds inScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    private static void assertInsideTheWindow(Node n, String what) {
        Bounds b = inScene(n);
        double w = n.getScene().getWidth();
        double h = n.getScene().getHeight();
        assertTrue(n.isVisible() && b.getWidth() > 0 && b.getHeight() > 0, what + " is shown: " + b);
        assertTrue(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= w + 0.5 && b.getMaxY() <= h + 0.5,
                what + " lies inside the " + w + "×" + h + " window: " + b);
    }

    /** The button is inside the window, as wide as it wants, and shows its whole text (no "…"). */
    private static void assertWholeButton(FxRobot robot, String id) {
        Button b = robot.lookup(id).queryAs(Button.class);
        assertInsideTheWindow(b, id);
        assertTrue(b.getWidth() >= b.prefWidth(-1) - 0.5, id + " is " + b.getWidth() + " wide, wants " + b.prefWidth(-1));
        Text shown = (Text) b.lookup(".text");
        assertEquals(b.getText(), shown.getText(), id + " shows its whole text");
    }

    @Test
    void theTrainingScreenShowsItsRunsTableButtonsAndComparisonWithLegend(FxRobot robot) {
        assertEquals(1280, window.getScene().getWidth(), 0.5);
        assertEquals(800, window.getScene().getHeight(), 0.5);
        robot.clickOn("#tab-training");
        dev.pairlab.ui.training.TrainingView view = (dev.pairlab.ui.training.TrainingView) robot.lookup("#train-score-file").query()
                .getParent().getParent().getParent();
        robot.interact(() -> {
            // Two runs' curves, as when two runs are selected in the history.
            List<XYChart.Series<Number, Number>> series = List.of(new XYChart.Series<>(), new XYChart.Series<>());
            for (int i = 0; i < 2; i++) {
                series.get(i).setName("run " + (i + 1) + " (features, gold)");
                series.get(i).getData().addAll(new XYChart.Data<>(25, 0.6 + i / 10.0), new XYChart.Data<>(50, 0.65 + i / 10.0));
            }
            view.model().comparison.setAll(series);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#train-start", "#train-cancel", "#train-resume", "#train-score-file")) {
            assertWholeButton(robot, id);
        }
        Node history = robot.lookup("#train-history").query();
        assertInsideTheWindow(history, "the runs table");
        assertTrue(inScene(history).getHeight() >= 100, "the runs table has room for rows: " + inScene(history));
        LineChart<?, ?> compare = robot.lookup("#train-compare").queryAs(LineChart.class);
        assertInsideTheWindow(compare, "the compare chart");
        assertTrue(compare.getHeight() >= 200, "the compare chart is " + compare.getHeight() + " high");
        Node legend = compare.lookup(".chart-legend");
        assertInsideTheWindow(legend, "the compare chart's legend");
        assertInsideTheWindow(robot.lookup("#train-loss-chart").query(), "the loss chart");
        assertInsideTheWindow(robot.lookup("#train-state").query(), "the state line");
        for (String id : List.of("#train-epochs", "#train-batch", "#train-lr", "#train-eval-every", "#train-length-control")) {
            assertInsideTheWindow(robot.lookup(id).query(), id);
        }
        Labeled length = robot.lookup("#train-length-control").queryAs(Labeled.class);
        assertFalse(((Text) length.lookup(".text")).getText().endsWith("…"), "the length-term box shows its label");
    }

    @Test
    void theExperimentScreensFormAndRunButtonFit(FxRobot robot) {
        robot.clickOn("#tab-experiment");
        WaitForAsyncUtils.waitForFxEvents();
        assertWholeButton(robot, "#experiment-start");
        for (String id : List.of("#experiment-dataset", "#experiment-eval-file", "#experiment-fractions", "#experiment-seeds",
                "#experiment-variants", "#experiment-out")) {
            assertInsideTheWindow(robot.lookup(id).query(), id);
        }
        Node results = robot.lookup("#experiment-results").query();
        assertInsideTheWindow(results, "the results pane");
        assertTrue(inScene(results).getHeight() >= 200, "the results pane has room: " + inScene(results));
    }
}
