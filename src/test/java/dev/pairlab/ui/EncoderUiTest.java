package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.Embeddings;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.lfeditor.LfEditorView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Compute embeddings from the feature explorer, then an exemplar LF from the LF editor. */
@ExtendWith(ApplicationExtension.class)
class EncoderUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        TestData.models();
        showWindow(stage);
    }

    @Test
    void embeddingsThenAnExemplarLf(FxRobot robot) throws Exception {
        List<String> lines = Files.readAllLines(TestData.mtBenchTrain()).stream().filter(l -> !l.isBlank()).limit(40).toList();
        Path input = dir.resolve("mt40.jsonl");
        Files.write(input, lines);
        Path file = dir.resolve("mt40.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, input, ImportOptions.defaults());
        }
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("the project is labeled", () -> ws.labeled().get() != null);
        java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> ws.notice().addListener((o, a, n) -> {
            if (n != null && n.level() == Workspace.Level.ERROR) {
                errors.add(n.text());
            }
        }));
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        @SuppressWarnings("unchecked")
        ComboBox<String> feature = robot.lookup("#explorer-feature").queryAs(ComboBox.class);
        assertTrue(!feature.getItems().contains("relevance"));
        robot.clickOn("#explorer-embed");
        WorkbenchTest.waitUntil("the embedding features are offered", () -> feature.getItems().contains("relevance")
                && feature.getItems().contains("answer_similarity"), 180);
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals(40, Embeddings.count(p, "minilm"));
        }
        // Refilling the feature list (now with the embedding features) must not analyse a missing feature.
        robot.interact(() -> feature.getSelectionModel().select("relevance"));
        WorkbenchTest.waitUntil("relevance is analysed", () -> robot.lookup("#explorer-summary").queryAs(javafx.scene.control.Label.class)
                .getText().startsWith("40 labeled pairs. Preferred answers average 0."));
        assertEquals(List.of(), errors);

        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.clickOn("#lf-new-exemplar");
        robot.interact(() -> {
            robot.lookup("#exemplar-good").queryAs(TextArea.class).setText("A detailed answer with concrete steps.\n---\nHere is an example in code.");
            robot.lookup("#exemplar-bad").queryAs(TextArea.class).setText("I am sorry, I cannot help with that.");
        });
        javafx.scene.control.Label preview = robot.lookup("#lf-preview").queryAs(javafx.scene.control.Label.class);
        WorkbenchTest.waitUntil("the draft's stats show", () -> preview.getText().startsWith("Draft on train: coverage"), 120);
        double coverage = Double.parseDouble(preview.getText().replaceAll("^Draft on train: coverage ([0-9.]+),.*$", "$1"));
        assertTrue(coverage > 0.3, preview.getText());
        robot.clickOn("#lf-save");
        TableView<LfEditorView.Row> table = robot.lookup("#lf-table").queryAs(TableView.class);
        WorkbenchTest.waitUntil("the saved exemplar LF has stats", () -> table.getItems().stream()
                .anyMatch(r -> r.lf().name().equals("my_exemplars") && r.stats() != null && r.stats().coverage() > 0.3), 120);
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals("exemplar", Lfs.get(p, "my_exemplars").kind());
            assertTrue(Lfs.get(p, "my_exemplars").definition().contains("good_vectors"));
        }
    }
}
