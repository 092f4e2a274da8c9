package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.ui.lfeditor.LfEditorView;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Label-next in the browser, and the LF editor's agreement heatmap, A/B audit and "what flipped" line. */
@ExtendWith(ApplicationExtension.class)
class InsightUiTest extends WindowTest {

    private Stage mainStage;

    @Start
    void start(Stage stage) {
        mainStage = stage;
        showWindow(stage);
    }

    private void mtBench(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(true, true), 6);
    }

    @Test
    void labelTheseNextThenLabelOneIntoTheTrainSplit(FxRobot robot) throws Exception {
        mtBench(robot);
        Label count = robot.lookup("#browser-count").queryAs(Label.class);
        robot.clickOn("#browser-next");
        WorkbenchTest.waitUntil("50 pool pairs listed", () -> count.getText().startsWith("50 of 898"));
        TableView<?> table = robot.lookup("#pair-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("rows loaded", () -> table.getItems().size() == 50 && table.getItems().get(0) != null);
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        Pair first = (Pair) table.getSelectionModel().getSelectedItem();
        assertEquals(Split.POOL, first.split());
        robot.type(KeyCode.B);
        WorkbenchTest.waitUntil("the pair moves into train with its label", () -> {
            Pair now = Pairs.get(ws.project().get().reader(), first.id());
            return now.split() == Split.TRAIN && now.gold() == Gold.B;
        });
    }

    @Test
    void theLabelModelScreenSplitsAccuracyByLengthAndWarnsOfNearDuplicates(FxRobot robot) throws Exception {
        mtBench(robot);
        robot.clickOn("#tab-label-model");
        robot.clickOn("#lm-fit");
        Label status = robot.lookup("#lm-status").queryAs(Label.class);
        WorkbenchTest.waitUntil("the fit is shown", () -> status.getText().contains("By length:"));
        assertTrue(status.getText().matches("(?s).*By length: \\d\\.\\d{3} where the longer answer is preferred \\(\\d+ pairs\\).*"),
                status.getText());
        assertTrue(status.getText().contains("Near-duplicate LFs"), status.getText());
    }

    @Test
    void anLlmJudgeIsTriedSavedAndAskedFromTheEditor(FxRobot robot) throws Exception {
        try (dev.pairlab.generate.FakeChatServer server = new dev.pairlab.generate.FakeChatServer()) {
            server.responder = dev.pairlab.generate.JudgeLfTestAccess::longerJudge;
            mtBench(robot);
            robot.clickOn("#tab-lfs");
            robot.interact(() -> {
                robot.lookup("#lf-name").queryAs(TextField.class).setText("judge");
                robot.lookup("#lf-kind").queryAs(javafx.scene.control.ComboBox.class).getSelectionModel().select("llm");
            });
            robot.interact(() -> {
                robot.lookup("#judge-endpoint").queryAs(TextField.class).setText(server.url());
                robot.lookup("#judge-model").queryAs(TextField.class).setText("judge-1");
            });
            robot.clickOn("#judge-try");
            javafx.scene.control.TextArea outputs = robot.lookup("#judge-outputs").queryAs(javafx.scene.control.TextArea.class);
            WorkbenchTest.waitUntil("five pairs are tried", () -> outputs.getText().lines().filter(x -> x.contains("vote:")).count() == 5);
            assertEquals(10, server.requests.get());
            robot.clickOn("#judge-apply");
            @SuppressWarnings("unchecked")
            TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
            int train = dev.pairlab.analysis.Subsets.rows(ws.labeled().get().labels(), java.util.EnumSet.of(Split.TRAIN)).length;
            assertEquals(81, train);
            WorkbenchTest.waitUntil("the train pairs are asked in both orders", () -> server.requests.get() == 10 + 2 * train);
            WorkbenchTest.waitUntil("the judge's stats show", () -> table.getItems().stream().anyMatch(r -> r.lf().name().equals("judge")
                    && r.stats() != null && r.stats().coverage() > 0.95));
        }
    }

    @Test
    void agreementHeatmapAuditAndWhatFlipped(FxRobot robot) throws Exception {
        mtBench(robot);
        robot.clickOn("#tab-lfs");
        @SuppressWarnings("unchecked")
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("stats are in the table", () -> !table.getItems().isEmpty() && table.getItems().get(0).stats() != null);

        robot.clickOn("#lf-agreement");
        WorkbenchTest.waitUntil("the heatmap opens", () -> robot.lookup("#agreement-0-1").tryQuery().isPresent());
        Label cell = robot.lookup("#agreement-0-1").queryAs(Label.class);
        assertTrue(cell.getText().matches("0\\.\\d\\d|1\\.00"), cell.getText());
        robot.interact(() -> cell.getOnMouseClicked().handle(null));
        Label count = robot.lookup("#browser-count").queryAs(Label.class);
        WorkbenchTest.waitUntil("the browser shows where length and reading_ease disagree",
                () -> count.getText().contains(" of 898") && !count.getText().startsWith("898 of"));
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != mainStage).forEach(w -> ((Stage) w).close()));

        robot.clickOn("#tab-lfs");
        // "Prefer the longer answer" is always right where the longer one wins and always wrong elsewhere.
        assertEquals(1.0, table.getItems().get(0).length().accuracyLongerPreferred(), 1e-12);
        assertEquals(0.0, table.getItems().get(0).length().accuracyShorterPreferred(), 1e-12);
        assertEquals(0.0, table.getItems().get(0).byLength().longerLoses().votes().accuracy(), 1e-12);
        var matched = table.getColumns().stream().filter(c -> "lf-col-matched".equals(c.getId())).findFirst().orElseThrow();
        String matchedCell = String.valueOf(matched.getCellData(0));
        assertTrue(matchedCell.matches("\\d\\.\\d{3} \\(\\d+\\)( \\*)?|– \\(0\\)"), matchedCell);
        robot.clickOn("#lf-audit");
        WorkbenchTest.waitUntil("the audit fills the A/B column", () -> {
            var col = table.getColumns().get(table.getColumns().size() - 1);
            return "ok".equals(col.getCellData(0)) && "ok".equals(col.getCellData(5));
        });

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.interact(() -> robot.lookup("#lf-min").queryAs(TextField.class).setText("300"));
        robot.clickOn("#lf-save");
        Hyperlink flipped = robot.lookup("#lf-save-result").queryAs(Hyperlink.class);
        WorkbenchTest.waitUntil("the save reports what flipped", () -> flipped.isVisible() && flipped.getText().contains("fixed"));
        assertTrue(flipped.getText().matches("v2 on train: \\d+ fixed, \\d+ broken.*"), flipped.getText());
    }
}
