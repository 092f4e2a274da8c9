package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.ui.labelmodel.LabelModelView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Label model, export and training screens, driven headless. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTwoTest {

    @TempDir
    Path dir;

    private Workspace ws;
    private MainWindow window;
    private Preferences prefs;

    @Start
    void start(Stage stage) {
        ws = new Workspace(new BackgroundTasks());
        prefs = Preferences.userRoot().node("dev/pairlab-test/" + UUID.randomUUID());
        window = new MainWindow(stage, ws, prefs);
        stage.setScene(PairlabApp.scene(window));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> ws.close());
        prefs.removeNode();
    }

    /** UltraFeedback 2%: 10% test, 20% labeled, the rest a pool with hidden gold; the paper's UB LFs. */
    private Path ub(FxRobot robot) throws Exception {
        Path file = dir.resolve("ub.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.ub2(), ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0.1, 0.2, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            Presets.addTo(p, "ub");
        }
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == 6);
        return file;
    }

    @Test
    void fitALabelModelAndExportTheTrainingSet(FxRobot robot) throws Exception {
        ub(robot);
        robot.clickOn("#tab-label-model");
        robot.clickOn("#lm-fit");
        @SuppressWarnings("unchecked")
        TableView<LabelModelView.Line> compare = robot.lookup("#lm-compare").queryAs(TableView.class);
        WorkbenchTest.waitUntil("the comparison table fills", () -> compare.getItems().size() == 2);
        assertEquals("label model", compare.getItems().get(0).name());
        assertEquals("majority vote", compare.getItems().get(1).name());
        double acc = Double.parseDouble(compare.getItems().get(0).a());
        assertTrue(acc > 0.4 && acc < 0.8, "accuracy " + acc);
        TableView<?> lfs = robot.lookup("#lm-lfs").queryAs(TableView.class);
        assertEquals(6, lfs.getItems().size());
        // Each measured accuracy says which split it is on: the labeled one (train), and the test split only to look at.
        List<String> titles = lfs.getColumns().stream().map(c -> c.getText()).toList();
        assertEquals(List.of("LF", "learned accuracy", "on labeled split (train) [95% CI]", "votes on train", "warning",
                "on test split (look only)"), titles);
        assertTrue(robot.lookup("#lm-status").queryAs(Label.class).getText().startsWith("snorkel fitted on 174 labeled pairs"));

        robot.clickOn("#tab-export");
        Label counts = robot.lookup("#export-counts").queryAs(Label.class);
        robot.interact(() -> robot.lookup("#export-file").queryAs(TextField.class).setText(dir.resolve("train.jsonl").toString()));
        robot.interact(() -> ws.relabel());
        WorkbenchTest.waitUntil("the counts show", () -> counts.getText().startsWith("Will write 871 pairs: 174 gold + 697 weak"));
        robot.clickOn("#export-run");
        TextArea manifest = robot.lookup("#export-manifest").queryAs(TextArea.class);
        WorkbenchTest.waitUntil("the manifest shows", () -> manifest.getText().contains("\"sha256\""));
        List<String> lines = Files.readAllLines(dir.resolve("train.jsonl"));
        assertEquals(871, lines.size());
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertTrue(first.get("prompt").isTextual() && first.get("chosen").isTextual() && first.get("rejected").isTextual());
        assertTrue(Files.exists(dir.resolve("train.jsonl.manifest.json")));

        // Length-balanced by weights to 0.5: every row carries a weight, the manifest says so.
        robot.interact(() -> {
            robot.lookup("#export-length-balance").queryAs(javafx.scene.control.ComboBox.class).setValue("0.5");
            robot.lookup("#export-length-method").queryAs(javafx.scene.control.ComboBox.class).setValue("weights");
            robot.lookup("#export-file").queryAs(TextField.class).setText(dir.resolve("weighted.jsonl").toString());
        });
        robot.clickOn("#export-run");
        WorkbenchTest.waitUntil("the weighted export's manifest shows", () -> manifest.getText().contains("\"weights_present\" : true"));
        List<String> weighted = Files.readAllLines(dir.resolve("weighted.jsonl"));
        assertEquals(871, weighted.size());
        assertTrue(weighted.stream().allMatch(l -> l.contains("\"weight\":")));
    }

    /** The CLI's answer on a copy of the project (the window holds the original open). */
    private static JsonNode cli(String... args) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.pairlab.cli.Cli.run(args, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return Json.MAPPER.readTree(out.toString());
    }

    /**
     * Issue 21's drift: the label-model screen fitted with its own lr and initial accuracy, and the export screen counted
     * with its own keep rule (balance 0.5, random ties, the latest run). The same settings now give the CLI's numbers.
     */
    @Test
    void theScreensGiveTheClisLabelModelAndExportNumbers(FxRobot robot) throws Exception {
        Path file = dir.resolve("ub.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.ub2(), ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0.1, 0.2, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            Presets.addTo(p, "ub");
        }
        Path copy = dir.resolve("cli.pairlab");
        Files.copy(file, copy);
        JsonNode fit1 = cli("model", "fit", copy.toString(), "--type", "snorkel", "--lr", "0.05", "--prec-init", "0.6", "--class-balance", "0.7",
                "--ties", "prior", "--json", "-q");
        cli("model", "fit", copy.toString(), "--type", "majority", "--json", "-q");
        JsonNode export = cli("export", "weak", copy.toString(), "--out", dir.resolve("cli.jsonl").toString(), "--model", "1", "--ties", "abstain",
                "--threshold", "0.6", "--json", "-q");

        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == 6);
        robot.clickOn("#tab-label-model");
        @SuppressWarnings("unchecked")
        TableView<LabelModelView.Line> compare = robot.lookup("#lm-compare").queryAs(TableView.class);
        robot.interact(() -> {
            robot.lookup("#lm-lr").queryAs(TextField.class).setText("0.05");
            robot.lookup("#lm-prec-init").queryAs(TextField.class).setText("0.6");
            robot.lookup("#lm-balance").queryAs(TextField.class).setText("0.7");
            robot.lookup("#lm-ties").queryAs(javafx.scene.control.ComboBox.class).setValue("prior");
        });
        robot.clickOn("#lm-fit");
        WorkbenchTest.waitUntil("the comparison table fills", () -> compare.getItems().size() == 2);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", fit1.get("accuracy").asDouble()), compare.getItems().get(0).a());
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", fit1.get("coverage").asDouble()), compare.getItems().get(0).c());
        robot.interact(() -> {
            compare.getItems().clear();
            robot.lookup("#lm-type").queryAs(javafx.scene.control.ComboBox.class).setValue("majority");
        });
        robot.clickOn("#lm-fit");
        WorkbenchTest.waitUntil("the second fit shows", () -> compare.getItems().size() == 2);

        robot.clickOn("#tab-export");
        Label counts = robot.lookup("#export-counts").queryAs(Label.class);
        robot.interact(() -> ws.relabel());
        WorkbenchTest.waitUntil("the runs are listed", () -> robot.lookup("#export-run-id").queryAs(javafx.scene.control.ComboBox.class)
                .getItems().contains("1"));
        robot.interact(() -> {
            robot.lookup("#export-run-id").queryAs(javafx.scene.control.ComboBox.class).setValue("1");
            robot.lookup("#export-ties").queryAs(javafx.scene.control.ComboBox.class).setValue("abstain");
        });
        // Typed last: the count refreshes on each change and the last one wins.
        robot.interact(() -> robot.lookup("#export-threshold").queryAs(TextField.class).setText("0.6"));
        String expected = String.format(java.util.Locale.ROOT, "Will write %d pairs: %d gold + %d weak (of %d pool pairs, label model run 1)",
                export.get("total").asLong(), export.get("gold").asLong(), export.get("weak").asLong(), export.get("pool").asLong());
        WorkbenchTest.waitUntil("the count is the CLI's: " + expected, () -> counts.getText().startsWith(expected));
    }

    @Test
    void pairsAreGeneratedFromTheGenerateScreen(FxRobot robot) throws Exception {
        try (dev.pairlab.generate.FakeChatServer server = new dev.pairlab.generate.FakeChatServer()) {
            ub(robot);
            Path prompts = dir.resolve("prompts.txt");
            Files.writeString(prompts, "What is a reward model?\nName three colours.\nWhy is the sky blue?\n");
            robot.clickOn("#tab-generate");
            robot.interact(() -> {
                robot.lookup("#gen-prompts").queryAs(TextField.class).setText(prompts.toString());
                robot.lookup("#gen-url-a").queryAs(TextField.class).setText(server.url());
                robot.lookup("#gen-model-a").queryAs(TextField.class).setText("alpha");
                robot.lookup("#gen-url-b").queryAs(TextField.class).setText(server.url());
                robot.lookup("#gen-model-b").queryAs(TextField.class).setText("beta");
            });
            robot.clickOn("#gen-start");
            Label progress = robot.lookup("#gen-progress").queryAs(Label.class);
            WorkbenchTest.waitUntil("the three pairs are generated", () -> progress.getText().startsWith("3 of 3 prompts done"));
            assertEquals(6, server.requests.get());
            WorkbenchTest.waitUntil("the pool has them", () -> ws.project().get().ids().length == 968 + 3);
        }
    }

    @Test
    void aTrainingRunChartsItsLossCancelsAndResumes(FxRobot robot) throws Exception {
        ub(robot);
        robot.clickOn("#tab-training");
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> loss = robot.lookup("#train-loss-chart").queryAs(LineChart.class);
        robot.clickOn("#train-length-control");
        robot.clickOn("#train-start");
        WorkbenchTest.waitUntil("the loss chart gets points", () -> loss.getData().get(0).getData().size() >= 3);
        robot.clickOn("#train-cancel");
        Label state = robot.lookup("#train-state").queryAs(Label.class);
        WorkbenchTest.waitUntil("the run is cancelled", () -> state.getText().startsWith("Run 1 cancelled"));
        Project reader = ws.project().get().reader();
        TrainingRuns.Run run = TrainingRuns.get(reader, 1);
        assertEquals(TrainingRuns.State.CANCELLED, run.state());
        assertTrue(run.config().contains("\"lengthTerm\":\"learned\""), "the checkbox is recorded: " + run.config());
        assertTrue(Files.isRegularFile(run.dir().resolve("checkpoint/trainer.json")), "a checkpoint is kept");
        @SuppressWarnings("unchecked")
        TableView<TrainingRuns.Run> history = robot.lookup("#train-history").queryAs(TableView.class);
        WorkbenchTest.waitUntil("the run is listed", () -> history.getItems().size() == 1);
        robot.interact(() -> history.getSelectionModel().select(0));
        robot.clickOn("#train-resume");
        WorkbenchTest.waitUntil("the resumed run finishes", () -> state.getText().startsWith("Run 1 done"));
        assertEquals(TrainingRuns.State.DONE, TrainingRuns.get(reader, 1).state());
        assertTrue(state.getText().matches("(?s).*test accuracy \\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\], length-balanced \\d\\.\\d{3},"
                + " 'longer wins' \\d\\.\\d{3}.*"), "the accuracy with its interval, beside length-balanced and 'longer wins': " + state.getText());
        assertTrue(state.getText().contains("of the quality part"), state.getText());
        // The run scored on another data set (MT-Bench's evaluation set), as 'rm eval --file' does.
        dev.pairlab.ui.training.TrainingView view = (dev.pairlab.ui.training.TrainingView) robot.lookup("#train-score-file").query()
                .getParent().getParent().getParent();
        TrainingRuns.Run done = TrainingRuns.get(reader, 1);
        robot.interact(() -> view.scoreOnFile(done, TestData.mtBenchEval()));
        Label score = robot.lookup("#train-file-score").queryAs(Label.class);
        WorkbenchTest.waitUntil("the file's score shows", () -> score.getText().startsWith("Run 1 on MT-BENCH-evaluation-set.jsonl"));
        assertTrue(score.getText().contains("386 pairs") && score.getText().contains("length-balanced")
                && score.getText().contains("'longer wins' 0.68"), score.getText());
    }

    /** Starts a features training of many epochs (it is cancelled long before the end) and waits for its first steps. */
    private LineChart<Number, Number> startALongTraining(FxRobot robot) {
        robot.clickOn("#tab-training");
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> loss = robot.lookup("#train-loss-chart").queryAs(LineChart.class);
        robot.interact(() -> robot.lookup("#train-epochs").queryAs(TextField.class).setText("200"));
        robot.clickOn("#train-start");
        WorkbenchTest.waitUntil("the loss chart gets points", () -> loss.getData().get(0).getData().size() >= 2);
        return loss;
    }

    /** Runs a relabel beside the training and waits until it has ended (it used to take the training's Cancel with it). */
    private void relabelBeside(FxRobot robot) {
        var before = ws.labeled().get();
        robot.interact(() -> ws.relabel());
        WorkbenchTest.waitUntil("the relabel is done", () -> ws.labeled().get() != before
                && ws.tasks().jobs().jobs().stream().noneMatch(j -> Workspace.RELABEL.equals(j.key())));
    }

    @Test
    void theTrainingScreensCancelStopsItsRunAfterAnotherJobRan(FxRobot robot) throws Exception {
        ub(robot);
        startALongTraining(robot);
        relabelBeside(robot);
        assertTrue(ws.tasks().jobs().isRunning(dev.pairlab.ui.training.TrainingView.TRAINING).get(), "the training still runs");
        robot.clickOn("#train-cancel");
        Label state = robot.lookup("#train-state").queryAs(Label.class);
        WorkbenchTest.waitUntil("the run is cancelled", () -> state.getText().startsWith("Run 1 cancelled"));
        TrainingRuns.Run run = TrainingRuns.get(ws.project().get().reader(), 1);
        assertEquals(TrainingRuns.State.CANCELLED, run.state());
        assertTrue(Files.isRegularFile(run.dir().resolve("checkpoint/trainer.json")), "a checkpoint is kept");
        WorkbenchTest.waitUntil("no job is left", () -> ws.tasks().jobs().jobs().isEmpty());
    }

    @Test
    void aSecondTrainingIsRefusedWhileOneRuns(FxRobot robot) throws Exception {
        ub(robot);
        startALongTraining(robot);
        relabelBeside(robot);
        javafx.scene.control.Button start = robot.lookup("#train-start").queryAs(javafx.scene.control.Button.class);
        assertTrue(start.isDisabled(), "Start is disabled while a training runs");
        assertTrue(robot.lookup("#train-resume").queryAs(javafx.scene.control.Button.class).isDisabled(), "so is Resume");
        dev.pairlab.ui.training.TrainingView view = (dev.pairlab.ui.training.TrainingView) robot.lookup("#train-score-file").query()
                .getParent().getParent().getParent();
        robot.interact(view::start); // as if Start were pressed anyway
        Workspace.Notice notice = ws.notice().get();
        assertEquals(Workspace.Level.ERROR, notice.level());
        assertTrue(notice.text().contains("is still running, and only one can run at a time"), notice.text());
        assertTrue(!notice.text().startsWith("Internal error"), notice.text());
        Project reader = ws.project().get().reader();
        assertEquals(1, TrainingRuns.list(reader).size(), "no second run was made");
        assertEquals(TrainingRuns.State.RUNNING, TrainingRuns.get(reader, 1).state());
        robot.clickOn("#train-cancel");
        Label state = robot.lookup("#train-state").queryAs(Label.class);
        WorkbenchTest.waitUntil("the first run is cancelled, not failed", () -> state.getText().startsWith("Run 1 cancelled"));
        assertEquals(TrainingRuns.State.CANCELLED, TrainingRuns.get(reader, 1).state());
        WorkbenchTest.waitUntil("Start is enabled again", () -> !start.isDisabled());
    }
}
