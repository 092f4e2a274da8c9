package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.ui.generate.GenerateView;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Generate screen at 1280×800: every button shows its whole text, the table and every field are on screen. */
@ExtendWith(ApplicationExtension.class)
class GenerateLayoutUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Test
    void theScreenFitsA1280By800Window(FxRobot robot) {
        robot.clickOn("#tab-generate");
        GenerateView view = robot.lookup(n -> n instanceof GenerateView).queryAs(GenerateView.class);
        // A long status (a failure's message) must not squeeze the buttons beside it.
        robot.interact(() -> {
            view.model().status().set("failed: " + "the endpoint answered 503 Service Unavailable; ".repeat(8));
            robot.lookup("#gen-temperature").queryAs(TextField.class).setText("5");
            robot.lookup("#gen-seed").queryAs(TextField.class).setText("x");
        });
        WaitForAsyncUtils.waitForFxEvents();
        double width = view.getScene().getWidth();
        double height = view.getScene().getHeight();
        for (Node n : view.lookupAll(".button")) {
            Button b = (Button) n;
            assertTrue(b.getWidth() + 0.5 >= b.prefWidth(-1), b.getText() + " is cut: " + b.getWidth() + " < " + b.prefWidth(-1));
            assertTrue(inside(b, width, height), b.getText() + " is off screen: " + b.localToScene(b.getBoundsInLocal()));
        }
        for (Node n : view.lookupAll(".text-field")) {
            assertTrue(inside(n, width, height), n.getId() + " is off screen: " + n.localToScene(n.getBoundsInLocal()));
        }
        TableView<?> table = robot.lookup("#gen-finished").queryAs(TableView.class);
        assertTrue(table.getHeight() >= 150, "the finished pairs' table is " + table.getHeight() + " px high");
        assertTrue(inside(table, width, height), "the table is cut: " + table.localToScene(table.getBoundsInLocal()));
        for (String id : new String[] {"#gen-problems-3", "#gen-problems-4"}) {
            Node problems = robot.lookup(id).query();
            assertTrue(inside(problems, width, height), id + " is off screen: " + problems.localToScene(problems.getBoundsInLocal()));
        }
    }

    private static boolean inside(Node n, double width, double height) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getMinX() >= -0.5 && b.getMinY() >= -0.5 && b.getMaxX() <= width + 0.5 && b.getMaxY() <= height + 0.5;
    }
}
