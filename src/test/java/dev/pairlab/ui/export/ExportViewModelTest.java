package dev.pairlab.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.store.Lfs;
import dev.pairlab.ui.ViewModelFixture;
import dev.pairlab.ui.labelmodel.LabelModelViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export screen's view model on MT-Bench's train set, without a window. */
class ExportViewModelTest {

    @TempDir
    Path dir;

    private ViewModelFixture f;
    private ExportViewModel vm;
    private LabelModelViewModel lm;

    @BeforeEach
    void open() throws Exception {
        f = new ViewModelFixture(dir);
        lm = new LabelModelViewModel(f.ws, ViewModelFixture.DIRECT);
        vm = new ExportViewModel(f.ws, ViewModelFixture.DIRECT, lm.chosenThreshold);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void withoutAFitTheCountSaysSo() {
        vm.refresh();
        assertEquals("no label model fitted yet: run 'pairlab model fit' first", vm.counts.get());
        assertEquals("No label model fitted yet.", vm.fitStatus.get());
    }

    @Test
    void theCountAndTheFileAreTheClisWithTheSameSettings() throws Exception {
        lm.classBalance.set("0.7");
        lm.fit();
        lm.type.set(dev.pairlab.labelmodel.LabelModelType.MAJORITY);
        lm.fit();
        f.cli("model", "fit", "PROJECT", "--class-balance", "0.7", "-q");
        f.cli("model", "fit", "PROJECT", "--type", "majority", "-q");
        Path cliOut = dir.resolve("cli.jsonl");
        JsonNode export = f.cli("export", "weak", "PROJECT", "--out", cliOut.toString(), "--model", "1", "--ties", "abstain",
                "--threshold", "0.6", "-q");

        vm.refresh();
        assertTrue(vm.runs.containsAll(java.util.List.of("latest", "1", "2")), vm.runs.toString());
        vm.run.set("1");
        vm.ties.set(TiePolicy.ABSTAIN);
        vm.threshold.set("0.6");
        vm.refresh();
        assertEquals(String.format("Will write %d pairs: %d gold + %d weak (of %d pool pairs, label model run 1).", export.get("total").asLong(),
                export.get("gold").asLong(), export.get("weak").asLong(), export.get("pool").asLong()), vm.counts.get());
        assertTrue(vm.fitStatus.get().startsWith("Label model run 1: snorkel"), vm.fitStatus.get());

        Path mine = dir.resolve("screen.jsonl");
        vm.file.set(mine.toString());
        vm.export();
        assertTrue(vm.problems().isEmpty(), vm.problems().toString());
        assertEquals(WeakExport.sha256(cliOut), WeakExport.sha256(mine), "the screen writes the CLI's bytes");
        assertTrue(vm.manifest.get().contains("\"threshold\" : 0.6"), vm.manifest.get());
        assertTrue(Files.exists(Path.of(mine + ".manifest.json")));
    }

    @Test
    void aBadThresholdIsShownBesideItsFieldAndTheExportSaysWhichFitIsStale() throws Exception {
        lm.fit();
        vm.threshold.set("1.5");
        vm.refresh();
        assertEquals("the confidence threshold must be between 0 and 1, got 1.5", vm.problems().get("threshold"));
        vm.threshold.set("0.5");
        vm.lengthTarget.set("2");
        vm.refresh();
        assertEquals("the length balance target must be 'labeled' (the gold pairs' share) or a share between 0 and 1, got 2.0",
                vm.problems().get("lengthBalance"));
        vm.lengthTarget.set(ExportViewModel.NO_BALANCE);
        vm.export();
        assertEquals("choose the file to write", vm.problems().get("file"));

        String lf = Lfs.list(f.writer()).get(0).name();
        Lfs.setEnabled(f.writer(), lf, false);
        f.relabel();
        vm.refresh();
        assertTrue(vm.fitStatus.get().contains("Stale: LF " + lf + " was deleted or disabled"), vm.fitStatus.get());
        assertEquals("the labeling functions changed since label model run 1 was fitted; fit it again", vm.counts.get());
    }
}
