package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.importer.ImportWizard;
import dev.pairlab.ui.lfeditor.LfEditorView;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench's main flows, driven like a user would, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, condition, 60);
    }

    static void waitUntil(String what, BooleanSupplier condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A project with MT-Bench train (898) and its evaluation set (386, test split). */
    private Path mtBench(boolean withPreset) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            if (withPreset) {
                for (Map.Entry<String, LfDefinition> e : Presets.get("mt-bench").entrySet()) {
                    Lfs.save(p, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
                }
            }
        }
        return file;
    }

    private void openAndWait(FxRobot robot, Path file, boolean lfs) {
        robot.interact(() -> window.open(file));
        waitUntil("the project is open", () -> ws.project().get() != null);
        waitUntil("labels are computed", () -> ws.labeled().get() != null && (!lfs || ws.labeled().get().matrix().m() > 0));
    }

    @Test
    void importAFileThroughTheWizard(FxRobot robot) {
        Path file = dir.resolve("new.pairlab");
        robot.interact(() -> window.createAndOpen(file));
        waitUntil("the new project is open", () -> ws.project().get() != null);
        ImportWizard[] wizard = new ImportWizard[1];
        robot.interact(() -> wizard[0] = window.openImportWizard());
        assertNotNull(wizard[0]);
        robot.interact(() -> wizard[0].fileField().setText(TestData.mtBenchTrain().toString()));
        waitUntil("the format is detected", () -> robot.lookup("#import-detected").queryAs(Label.class).getText().startsWith("Format: answer-label"));
        TableView<?> preview = robot.lookup("#import-preview").queryAs(TableView.class);
        assertEquals(5, preview.getItems().size());
        robot.clickOn("#import-run");
        waitUntil("898 pairs are imported", () -> ws.project().get() != null && ws.project().get().ids().length == 898);
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().startsWith("Imported 898 pairs"));
    }

    @Test
    void theWizardListsBadLinesWithTheirNumbers(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        java.nio.file.Files.writeString(bad, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":0}\n{oops\n"
                + "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":7}\n");
        Path file = dir.resolve("new.pairlab");
        robot.interact(() -> window.createAndOpen(file));
        waitUntil("the new project is open", () -> ws.project().get() != null);
        ImportWizard[] wizard = new ImportWizard[1];
        robot.interact(() -> wizard[0] = window.openImportWizard());
        robot.interact(() -> wizard[0].fileField().setText(bad.toString()));
        javafx.scene.control.ListView<?> errors = robot.lookup("#import-errors").queryAs(javafx.scene.control.ListView.class);
        waitUntil("errors are listed", () -> errors.getItems().size() == 2);
        assertTrue(errors.getItems().get(0).toString().startsWith("bad.jsonl:2: malformed JSON"), errors.getItems().get(0).toString());
        assertTrue(errors.getItems().get(1).toString().startsWith("bad.jsonl:3: field 'label'"), errors.getItems().get(1).toString());
        // Import is off while the preview shows errors, and says why beside the button.
        javafx.scene.Node run = robot.lookup("#import-run").query();
        assertTrue(run.isDisabled(), "Import is disabled on a file with errors");
        Label blocked = robot.lookup("#import-blocked").queryAs(Label.class);
        assertTrue(blocked.isVisible() && blocked.getText().contains("2 records with errors"), blocked.getText());
        robot.interact(() -> wizard[0].skipInvalidBox().setSelected(true));
        assertFalse(run.isDisabled(), "skipping invalid records turns Import on");
        assertFalse(blocked.isVisible());
        robot.clickOn("#import-run");
        waitUntil("the one valid pair is imported", () -> ws.project().get() != null && ws.project().get().ids().length == 1);
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().contains("skipped 2 invalid"),
                robot.lookup("#status").queryAs(Label.class).getText());
    }

    @Test
    void aFeatureRuleIsMadeFromTheExplorer(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(false), false);
        robot.clickOn("#tab-features");
        waitUntil("the analysis is shown", () -> robot.lookup("#explorer-summary").queryAs(Label.class).getText().startsWith("898 labeled pairs"));
        robot.interact(() -> {
            robot.lookup("#explorer-threshold").queryAs(javafx.scene.control.Slider.class).setValue(100);
            robot.lookup("#explorer-lf-name").queryAs(TextField.class).setText("longer_by_100");
        });
        assertTrue(robot.lookup("#explorer-point").queryAs(Label.class).getText().startsWith("100 → coverage"));
        assertTrue(robot.lookup("#explorer-point").queryAs(Label.class).getText().contains("on length-matched pairs"));
        String summary = robot.lookup("#explorer-summary").queryAs(Label.class).getText();
        assertTrue(summary.matches("(?s).*The suggested rule: accuracy \\d+\\.\\d% \\[\\d+\\.\\d, \\d+\\.\\d\\] \\(\\d+ votes\\); on length-matched pairs .*"),
                summary);
        robot.clickOn("#explorer-make-lf");
        waitUntil("the LF is saved and applied", () -> ws.lfs().stream().anyMatch(l -> l.name().equals("longer_by_100"))
                && ws.labeled().get().matrix().names().contains("longer_by_100"));
        LfRecord r = ws.lfs().stream().filter(l -> l.name().equals("longer_by_100")).findFirst().orElseThrow();
        assertTrue(r.definition().contains("\"min_delta\":100.0") && r.definition().contains("\"feature\":\"length\""), r.definition());
    }

    @Test
    void theExplorerComputesAFeatureWhenFirstShownInAJob(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(false), false);
        // No LFs: relabeling computed length only; VADER runs when the explorer first shows it.
        assertFalse(ws.labeled().get().features().computed("vader_compound"));
        robot.clickOn("#tab-features");
        waitUntil("the analysis is shown", () -> robot.lookup("#explorer-summary").queryAs(Label.class).getText().startsWith("898 labeled pairs"));
        String[] shown = new String[2];
        robot.interact(() -> {
            robot.lookup("#explorer-feature").queryAs(javafx.scene.control.ComboBox.class).getSelectionModel().select("vader_compound");
            // Still on the FX thread: the column is being computed elsewhere, and a job says so.
            shown[0] = robot.lookup("#explorer-summary").queryAs(Label.class).getText();
            shown[1] = ws.tasks().jobs().newest().get() == null ? "" : ws.tasks().jobs().newest().get().title();
        });
        assertEquals("Computing vader_compound for 1284 pairs…", shown[0]);
        assertEquals("Computing feature vader_compound", shown[1]);
        waitUntil("the column is computed and analysed", () -> ws.labeled().get().features().computed("vader_compound")
                && robot.lookup("#explorer-summary").queryAs(Label.class).getText().startsWith("898 labeled pairs"));
        assertFalse(ws.labeled().get().features().computed("reading_ease"));
    }

    @Test
    void aCodeLfWithASyntaxErrorShowsTheErrorAtItsLine(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(false), false);
        robot.clickOn("#tab-lfs");
        robot.clickOn("#lf-new-code");
        CodeArea code = robot.lookup("#lf-code").queryAs(CodeArea.class);
        robot.interact(() -> code.replaceText("double d = p.delta(\"length\");\nreturn d > 0 ? B : A\n"));
        Label problems = robot.lookup("#lf-problems").queryAs(Label.class);
        waitUntil("the compile error is shown", () -> problems.getText().contains("line 2"));
        assertTrue(problems.getText().contains("';' expected"), problems.getText());
        assertTrue(code.getStyleSpans(1).styleStream().anyMatch(s -> s.contains("compile-error")), "line 2 is underlined");
        robot.interact(() -> code.replaceText("double d = p.delta(\"length\");\nreturn d > 0 ? B : A;\n"));
        Label preview = robot.lookup("#lf-preview").queryAs(Label.class);
        waitUntil("the fixed LF previews", () -> preview.getText().startsWith("Draft on train: coverage 1.000"));
        assertEquals("", problems.getText());
    }

    @Test
    void editingAnLfChangesItsStats(FxRobot robot) throws Exception {
        openAndWait(robot, mtBench(true), true);
        robot.clickOn("#tab-lfs");
        @SuppressWarnings("unchecked")
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        waitUntil("stats are in the table", () -> !table.getItems().isEmpty() && table.getItems().get(0).stats() != null);
        double before = table.getItems().get(0).stats().coverage();
        assertEquals(0.953, before, 0.001);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.interact(() -> robot.lookup("#lf-min").queryAs(TextField.class).setText("400"));
        Label preview = robot.lookup("#lf-preview").queryAs(Label.class);
        waitUntil("the draft's stats show", () -> preview.getText().contains("votes differ from the saved version"));
        assertTrue(preview.getText().startsWith("Draft on train: coverage 0.4") || preview.getText().startsWith("Draft on train: coverage 0.5"),
                preview.getText());
        robot.clickOn("#lf-save");
        waitUntil("the saved version is applied", () -> !table.getItems().isEmpty() && table.getItems().get(0).lf().version() == 2
                && table.getItems().get(0).stats() != null && table.getItems().get(0).stats().coverage() < 0.7);
    }

    @Test
    void anOpenedProjectsScreensAppearWithTheirFirstRows(FxRobot robot) throws Exception {
        Path file = mtBench(false);
        TableView<?> table = robot.lookup("#pair-table").queryAs(TableView.class);
        java.util.List<String> atReveal = new java.util.ArrayList<>();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(0); // the pair browser
            window.tabs().visibleProperty().addListener((o, was, visible) -> {
                if (visible) {
                    Object first = table.getItems().isEmpty() ? null : table.getItems().get(0);
                    atReveal.add(first instanceof dev.pairlab.pairs.Pair p && !dev.pairlab.ui.browser.PairTable.isLoading(p)
                            ? "pair " + p.id() + " of " + table.getItems().size() : "no rows: " + first);
                }
            });
            window.open(file);
        });
        waitUntil("the screens show", () -> !atReveal.isEmpty());
        long firstId = ws.project().get().ids()[0];
        // The start screen gave way in the event that put the rows in: screens and rows make one frame.
        assertEquals(java.util.List.of("pair " + firstId + " of 1284"), atReveal);
        waitUntil("the status names the project", () -> robot.lookup("#status").queryAs(Label.class).getText().startsWith("1284 pairs in "));
        robot.interact(() -> ws.close());
        assertEquals("Closed " + file + ".", robot.lookup("#status").queryAs(Label.class).getText());
        assertFalse(window.tabs().isVisible(), "the start screen again");
    }

    @Test
    void theBrowserFiltersAndLabelsWithTheKeyboard(FxRobot robot) throws Exception {
        Path file = mtBench(true);
        openAndWait(robot, file, true);
        Label count = robot.lookup("#browser-count").queryAs(Label.class);
        waitUntil("all pairs listed", () -> count.getText().startsWith("1284 of 1284"));
        // One vote column per LF after the seven fixed ones (columns made at start-up are renamed or added).
        TableView<?> votesTable = robot.lookup("#pair-table").queryAs(TableView.class);
        waitUntil("a vote column per LF", () -> ws.labeled().get() != null && votesTable.getColumns().stream().skip(7)
                .map(javafx.scene.control.TableColumnBase::getText).toList().equals(ws.labeled().get().matrix().names()));
        assertTrue(ws.labeled().get().matrix().m() >= 5, "the preset's LFs");
        @SuppressWarnings("unchecked")
        ComboBox<String> split = robot.lookup("#browser-split").queryAs(ComboBox.class);
        robot.interact(() -> split.getSelectionModel().select("test"));
        waitUntil("the test split only", () -> count.getText().startsWith("386 of 1284"));
        robot.clickOn("#browser-search").write("python").type(KeyCode.ENTER);
        waitUntil("a text search narrows it", () -> !count.getText().startsWith("386 of") && count.getText().contains(" of 1284"));
        int found = Integer.parseInt(count.getText().split(" ")[0]);
        assertTrue(found > 0 && found < 386, count.getText());
        robot.interact(() -> robot.lookup("#browser-disagree").queryAs(javafx.scene.control.CheckBox.class).fire());
        waitUntil("only conflicting pairs", () -> Integer.parseInt(count.getText().split(" ")[0]) <= found
                && !count.getText().startsWith(found + " of"));
        robot.interact(() -> split.getSelectionModel().select("train"));
        robot.interact(() -> robot.lookup("#browser-disagree").queryAs(javafx.scene.control.CheckBox.class).fire());
        robot.interact(() -> robot.lookup("#browser-search").queryAs(TextField.class).setText(""));
        robot.clickOn("#browser-search").type(KeyCode.ENTER);
        waitUntil("train split again", () -> count.getText().startsWith("898 of 1284"));
        TableView<?> table = robot.lookup("#pair-table").queryAs(TableView.class);
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        long id = ((dev.pairlab.pairs.Pair) table.getSelectionModel().getSelectedItem()).id();
        Gold was = Pairs.get(ws.project().get().reader(), id).gold();
        Gold flip = was == Gold.A ? Gold.B : Gold.A;
        robot.type(flip == Gold.A ? KeyCode.A : KeyCode.B);
        waitUntil("the label is saved", () -> Pairs.get(ws.project().get().reader(), id).gold() == flip);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.type(KeyCode.DIGIT0);
        waitUntil("the label is cleared", () -> Pairs.get(ws.project().get().reader(), id).gold() == Gold.NONE);

        // Windows of 300 rows: the table holds one window; the bar moves between them and finds ids.
        dev.pairlab.ui.browser.PairTable pairTable = (dev.pairlab.ui.browser.PairTable) table;
        long[] trainIds = java.util.Arrays.stream(ws.project().get().ids())
                .filter(i -> Pairs.get(ws.project().get().reader(), i).split() == dev.pairlab.pairs.Split.TRAIN).toArray();
        assertEquals(898, trainIds.length);
        robot.interact(() -> {
            pairTable.setWindow(300);
            split.getSelectionModel().select("any split");
            split.getSelectionModel().select("train");
        });
        Label shown = robot.lookup("#browser-rows-shown").queryAs(Label.class);
        waitUntil("the first window", () -> shown.getText().equals("rows 1–300 of 898") && shown.isVisible());
        assertEquals(300, table.getItems().size());
        robot.clickOn("#browser-next-rows");
        waitUntil("the second window", () -> shown.getText().equals("rows 301–600 of 898"));
        waitUntil("its first row is the 301st train pair", () -> !dev.pairlab.ui.browser.PairTable.isLoading((dev.pairlab.pairs.Pair) table.getItems().get(0)));
        assertEquals(trainIds[300], ((dev.pairlab.pairs.Pair) table.getItems().get(0)).id());
        robot.clickOn("#browser-goto").write(Long.toString(trainIds[897])).type(KeyCode.ENTER);
        waitUntil("the last window, with the pair selected", () -> shown.getText().equals("rows 601–898 of 898")
                && table.getSelectionModel().getSelectedIndex() == 297);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        robot.type(KeyCode.UP);
        waitUntil("up from the window's first row shows the previous window", () -> shown.getText().equals("rows 301–600 of 898")
                && table.getSelectionModel().getSelectedIndex() == 299);
        assertEquals(trainIds[599], ((dev.pairlab.pairs.Pair) table.getSelectionModel().getSelectedItem()).id());
        robot.type(KeyCode.DOWN);
        waitUntil("and down goes back", () -> shown.getText().equals("rows 601–898 of 898") && table.getSelectionModel().getSelectedIndex() == 0);

        // New labels refilter to the same pairs: the window and the selected pair stay where they were.
        robot.interact(() -> table.getSelectionModel().clearAndSelect(17));
        long selected = ((dev.pairlab.pairs.Pair) table.getSelectionModel().getSelectedItem()).id();
        robot.interact(ws::relabel);
        waitUntil("the relabel is done", () -> ws.tasks().current().get() == null);
        Thread.sleep(500); // the refilter that follows the new labels
        waitUntil("the refilter is done", () -> ws.tasks().current().get() == null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("rows 601–898 of 898", shown.getText());
        assertEquals(17, table.getSelectionModel().getSelectedIndex());
        assertEquals(selected, ((dev.pairlab.pairs.Pair) table.getSelectionModel().getSelectedItem()).id());
        assertEquals(trainIds[617], selected);
    }
}
