package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.ui.browser.PairTable;
import java.util.Arrays;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The pair browser: undo of gold-label keys, and the table's scroll position after a filter change. */
@ExtendWith(ApplicationExtension.class)
class BrowserUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    private PairTable table(FxRobot robot) {
        return robot.lookup("#pair-table").queryAs(PairTable.class);
    }

    /** The pair's gold code as stored (pool gold revealed) and its split. */
    private int[] stored(long id) {
        Pairs.Labels l = Pairs.labels(ws.project().get().reader(), true);
        int row = Arrays.binarySearch(l.ids(), id);
        return new int[] {l.gold()[row], l.split()[row]};
    }

    private void selectAndFocus(FxRobot robot, PairTable table, long id) {
        robot.interact(() -> {
            int row = table.showWindow(table.positionOf(id));
            table.getSelectionModel().clearAndSelect(row);
            table.requestFocus();
        });
        WorkbenchTest.waitUntil("pair " + id + " is selected and read", () -> {
            Pair p = table.getSelectionModel().getSelectedItem();
            return p != null && p.id() == id && !PairTable.isLoading(p);
        });
    }

    private void undo(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.Z);
    }

    @Test
    void ctrlZTakesGoldLabelKeysBackInTheProjectNoneIncluded(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(true, false), 0);
        PairTable table = table(robot);
        WorkbenchTest.waitUntil("all pairs listed", () -> table.totalRows() == 898);
        Pairs.Labels before = Pairs.labels(ws.project().get().reader(), true);
        int trainRow = 0;
        while (before.split()[trainRow] != Split.TRAIN.ordinal()) {
            trainRow++;
        }
        long train = before.ids()[trainRow];
        int gold = before.gold()[trainRow];
        assertTrue(gold == 0 || gold == 1, "MT-Bench pairs have gold");

        selectAndFocus(robot, table, train);
        robot.type(KeyCode.DIGIT0);
        WorkbenchTest.waitUntil("the label is cleared", () -> stored(train)[0] == Gold.NONE.code());
        selectAndFocus(robot, table, train);
        robot.type(KeyCode.A);
        WorkbenchTest.waitUntil("A is set", () -> stored(train)[0] == Gold.A.code());
        undo(robot);
        WorkbenchTest.waitUntil("undo: back to no label", () -> stored(train)[0] == Gold.NONE.code());
        undo(robot);
        WorkbenchTest.waitUntil("undo: back to the gold it had", () -> stored(train)[0] == gold);
        assertEquals(Split.TRAIN.ordinal(), stored(train)[1]);

        // A pool pair labeled with B moves into train; Ctrl+Z puts it back into the pool with its hidden gold.
        int poolRow = 0;
        while (before.split()[poolRow] != Split.POOL.ordinal()) {
            poolRow++;
        }
        long pool = before.ids()[poolRow];
        int hidden = before.gold()[poolRow];
        selectAndFocus(robot, table, pool);
        robot.type(KeyCode.B);
        WorkbenchTest.waitUntil("the pool pair is labeled into train",
                () -> stored(pool)[0] == Gold.B.code() && stored(pool)[1] == Split.TRAIN.ordinal());
        undo(robot);
        WorkbenchTest.waitUntil("undo: back in the pool", () -> stored(pool)[1] == Split.POOL.ordinal());
        assertEquals(hidden, stored(pool)[0], "with the gold it had from the import");
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().contains("back in the pool"));
        undo(robot);
        WorkbenchTest.waitUntil("nothing left to undo", () -> robot.lookup("#status").queryAs(Label.class).getText().equals("No gold label to undo"));
    }

    @Test
    void aFilterChangeShowsTheNewRowsFromTheTop(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(true, false), 0);
        PairTable table = table(robot);
        WorkbenchTest.waitUntil("all pairs listed", () -> table.totalRows() == 898);
        robot.interact(() -> table.scrollTo(600));
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        WorkbenchTest.waitUntil("scrolled down", () -> flow.getFirstVisibleCell() != null && flow.getFirstVisibleCell().getIndex() >= 500);
        @SuppressWarnings("unchecked")
        ComboBox<String> split = robot.lookup("#browser-split").queryAs(ComboBox.class);
        robot.interact(() -> split.getSelectionModel().select("pool"));
        Label count = robot.lookup("#browser-count").queryAs(Label.class);
        WorkbenchTest.waitUntil("the pool is listed", () -> count.getText().matches("\\d+ of 898 pairs") && table.totalRows() < 898);
        assertTrue(table.totalRows() > 600, "enough pool rows to stay scrolled: " + table.totalRows());
        WorkbenchTest.waitUntil("laid out", () -> flow.getFirstVisibleCell() != null);
        assertEquals(0, flow.getFirstVisibleCell().getIndex(), "the new rows start at the top");
    }
}
