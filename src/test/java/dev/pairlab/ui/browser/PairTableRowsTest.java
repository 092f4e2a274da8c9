package dev.pairlab.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.PairlabApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.CssMetaData;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pair table's rows on real pairs (MT-Bench train), headless: stripes and selection painted by
 * index, and scrolling that restyles no cell.
 */
@ExtendWith(ApplicationExtension.class)
class PairTableRowsTest {

    @TempDir
    Path dir;

    private PairTable table;
    private Project project;

    @Start
    void start(Stage stage) {
        table = new PairTable();
        TableColumn<Pair, Pair> counted = new TableColumn<>("counted");
        counted.setCellFactory(c -> new CountingCell());
        table.getColumns().add(counted);
        Scene scene = new Scene(table, 900, 500);
        scene.getStylesheets().add(PairlabApp.class.getResource("/ui/pairlab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        if (project != null) {
            project.close();
        }
    }

    /** A cell that counts how often CSS styles it (JavaFX asks each of its properties whether it is settable). */
    static final class CountingCell extends TableCell<Pair, Pair> {
        static final AtomicInteger STYLED = new AtomicInteger();
        private static final CssMetaData<CountingCell, Number> COUNT = new CssMetaData<>("-pairlab-test-count",
                StyleConverter.getSizeConverter(), 0, true) {
            @Override
            public boolean isSettable(CountingCell cell) {
                STYLED.incrementAndGet();
                return false;
            }

            @Override
            public StyleableProperty<Number> getStyleableProperty(CountingCell cell) {
                return null;
            }
        };

        @Override
        public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
            List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(super.getControlCssMetaData());
            all.add(COUNT);
            return all;
        }
    }

    private void showMtBench(FxRobot robot) throws Exception {
        project = Project.create(dir.resolve("t.pairlab"));
        ProjectFixture.importFile(project, TestData.mtBenchTrain(), ImportOptions.defaults());
        long[] ids = Pairs.ids(project, Pairs.allSplits());
        robot.interact(() -> table.show(project, ids));
        settle("the first rows are read", () -> shownRows().stream().noneMatch(r -> PairTable.isLoading(r.getItem())));
    }

    private static void settle(String what, java.util.function.BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The rows on screen that show a pair. */
    private List<TableRow<Pair>> shownRows() {
        List<TableRow<Pair>> rows = new ArrayList<>();
        for (Node n : table.lookupAll(".pair-row")) {
            @SuppressWarnings("unchecked")
            TableRow<Pair> row = (TableRow<Pair>) n;
            if (row.isVisible() && !row.isEmpty() && row.getItem() != null && row.getParent() != null && row.getParent().isVisible()) {
                rows.add(row);
            }
        }
        assertTrue(rows.size() >= 10, "a screenful of rows: " + rows.size());
        return rows;
    }

    private static Color background(TableRow<Pair> row) {
        return (Color) row.getBackground().getFills().get(0).getFill();
    }

    private static double textBrightness(TableRow<Pair> row) {
        TableCell<?, ?> cell = (TableCell<?, ?>) row.lookup(".table-cell");
        return ((Color) cell.getTextFill()).getBrightness();
    }

    /** Every shown row has the stripe of its index's parity; returns the even and odd colours. */
    private Color[] assertStriped() {
        Color even = null;
        Color odd = null;
        for (TableRow<Pair> row : shownRows()) {
            if (row.isSelected()) {
                continue;
            }
            Color c = background(row);
            if (row.getIndex() % 2 == 0) {
                even = even == null ? c : even;
                assertEquals(even, c, "row " + row.getIndex());
            } else {
                odd = odd == null ? c : odd;
                assertEquals(odd, c, "row " + row.getIndex());
            }
            assertTrue(textBrightness(row) < 0.3, "dark text on row " + row.getIndex());
        }
        assertNotEquals(even, odd, "alternate rows differ");
        return new Color[] {even, odd};
    }

    @Test
    void rowsAreStripedByIndexAndScrollingByAnOddNumberOfRowsRestylesNoCell(FxRobot robot) throws Exception {
        showMtBench(robot);
        Color[] stripes = assertStriped();
        robot.interact(() -> table.getFocusModel().focus(-1)); // no row focused or selected: none changes state
        WaitForAsyncUtils.waitForFxEvents();
        CountingCell.STYLED.set(0);
        robot.interact(() -> table.scrollTo(101));
        settle("row 101 is at the top", () -> shownRows().stream().anyMatch(r -> r.getIndex() == 101)
                && shownRows().stream().noneMatch(r -> r.getIndex() < 101 || PairTable.isLoading(r.getItem())));
        // Every row changed parity; JavaFX's own flow restyled each row and all its cells for that.
        assertEquals(0, CountingCell.STYLED.get(), "cells restyled while scrolling");
        Color[] after = assertStriped();
        assertEquals(stripes[0], after[0]);
        assertEquals(stripes[1], after[1]);
    }

    @Test
    void theSelectedRowIsPaintedAsSelectedWhereverItScrolls(FxRobot robot) throws Exception {
        showMtBench(robot);
        Color[] stripes = assertStriped();
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().clearAndSelect(3);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableRow<Pair> selected = shownRows().stream().filter(r -> r.getIndex() == 3).findFirst().orElseThrow();
        Color focusedSelection = background(selected);
        assertNotEquals(stripes[0], focusedSelection);
        assertNotEquals(stripes[1], focusedSelection);
        assertTrue(textBrightness(selected) > 0.9, "light text on the selection bar");
        assertStriped();

        // Scrolled away: the row that showed pair 3 shows another pair, striped, with dark text.
        robot.interact(() -> table.scrollTo(301));
        settle("row 301 at the top", () -> shownRows().stream().allMatch(r -> r.getIndex() >= 301));
        assertStriped();
        robot.interact(() -> table.scrollTo(0));
        settle("back at the top", () -> shownRows().stream().anyMatch(r -> r.getIndex() == 3));
        TableRow<Pair> again = shownRows().stream().filter(r -> r.getIndex() == 3).findFirst().orElseThrow();
        assertEquals(focusedSelection, background(again));
        assertTrue(textBrightness(again) > 0.9);
        assertStriped();
    }
}
