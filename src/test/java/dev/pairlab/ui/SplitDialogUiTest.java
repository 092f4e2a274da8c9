package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.cli.Cli;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.split.SplitDialog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Project → Split… splits as {@code pairlab split} does with the same settings. */
@ExtendWith(ApplicationExtension.class)
class SplitDialogUiTest extends WindowTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        showWindow(stage);
    }

    @Test
    void theDialogGivesTheCountsOfTheCli(FxRobot robot) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults());
        }
        Path copy = dir.resolve("cli.pairlab");
        Files.copy(file, copy);
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"split", copy.toString(), "--eval", "0.2", "--labeled", "0.1", "--dev", "0.05", "--seed", "7", "-q"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);

        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("the project is open", () -> ws.project().get() != null);
        SplitDialog[] dialog = new SplitDialog[1];
        robot.interact(() -> {
            dialog[0] = new SplitDialog(stage, ws);
            dialog[0].show();
        });
        Node run = robot.lookup("#split-run").query();
        robot.interact(() -> robot.lookup("#split-eval").queryAs(TextField.class).setText("1.5"));
        assertTrue(run.isDisabled(), "Split is off while a field has a problem");
        Label problem = robot.lookup("#split-eval-problem").queryAs(Label.class);
        assertEquals("the test share must be a fraction between 0 and 1 (got 1.5)", problem.getText());
        // Seen at 1280×800: the problem beside the field squeezed the fields' names to "Fraction of labeled pairs for the te…".
        robot.interact(() -> { });
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) problem.getParent();
        for (Node n : grid.getChildren()) {
            if (n instanceof Label name && !name.getStyleClass().contains("error-text")) {
                assertTrue(name.getWidth() >= name.prefWidth(-1) - 0.5, "'" + name.getText() + "' is shown whole: " + name.getWidth()
                        + " of " + name.prefWidth(-1) + " px");
            }
        }
        assertTrue(problem.getHeight() >= problem.prefHeight(problem.getWidth()) - 0.5, "the problem wraps instead of ending in …");
        robot.interact(() -> {
            robot.lookup("#split-eval").queryAs(TextField.class).setText("0.2");
            robot.lookup("#split-labeled").queryAs(TextField.class).setText("0.1");
            robot.lookup("#split-dev").queryAs(TextField.class).setText("0.05");
            robot.lookup("#split-seed").queryAs(TextField.class).setText("7");
        });
        assertTrue(!run.isDisabled());
        robot.clickOn("#split-run");
        Label result = robot.lookup("#split-result").queryAs(Label.class);
        WorkbenchTest.waitUntil("the split is done", () -> !result.getText().isEmpty());
        assertEquals(out.toString().strip(), result.getText());
        assertTrue(result.getText().matches("Reassigned: train \\d+, dev \\d+, test \\d+, pool \\d+ \\(seed 7\\); pinned pairs unchanged"),
                result.getText());
        robot.interact(() -> dialog[0].close());
    }
}
