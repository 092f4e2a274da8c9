package dev.pairlab.ui.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.labelmodel.Calibration;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.LabelModelType;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.ui.ViewModelFixture;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label-model screen's view model on MT-Bench's train set, without a window. */
class LabelModelViewModelTest {

    @TempDir
    Path dir;

    private ViewModelFixture f;
    private LabelModelViewModel vm;

    @BeforeEach
    void open() throws Exception {
        f = new ViewModelFixture(dir);
        vm = new LabelModelViewModel(f.ws, ViewModelFixture.DIRECT);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static String f3(JsonNode n) {
        return String.format(Locale.ROOT, "%.3f", n.asDouble());
    }

    @Test
    void theFormStartsFromTheRecordsDefaultsAndFollowsTheType() {
        FitParams p = vm.params().orElseThrow();
        assertEquals(FitParams.defaults(), p);
        vm.type.set(LabelModelType.DAWID_SKENE_SEMI);
        assertEquals(FitParams.FitOn.LABELED_AND_POOL, vm.fitOn.get(), "a gold-using type is fitted on labeled+pool by default");
    }

    @Test
    void theFitGivesTheClisNumbersWithTheSameSettings() throws Exception {
        vm.lr.set("0.05");
        vm.precInit.set("0.6");
        vm.classBalance.set("0.7");
        vm.ties.set(TiePolicy.PRIOR);
        vm.fit();
        JsonNode cli = f.cli("model", "fit", "PROJECT", "--type", "snorkel", "--lr", "0.05", "--prec-init", "0.6", "--class-balance", "0.7",
                "--ties", "prior", "-q");
        assertEquals(2, vm.comparison.size(), vm.status.get());
        assertEquals(f3(cli.get("model").get("accuracy")), vm.comparison.get(0).a());
        assertEquals(f3(cli.get("model").get("coverage")), vm.comparison.get(0).c());
        assertEquals(f3(cli.get("model").get("ece")), vm.comparison.get(0).f());
        assertEquals(f3(cli.get("majority").get("accuracy")), vm.comparison.get(1).a());
        for (int j = 0; j < vm.lfRows.size(); j++) {
            assertEquals(cli.get("lfs").get(j).get("name").asText(), vm.lfRows.get(j).name());
            assertEquals(f3(cli.get("lfs").get(j).get("learned_accuracy")), vm.lfRows.get(j).a());
        }
        assertTrue(vm.status.get().startsWith("snorkel fitted on " + cli.get("fit_rows").asInt() + " labeled pairs"), vm.status.get());
        assertTrue(vm.status.get().contains("Near-duplicate LFs"), "the CLI's warning is on the screen too: " + vm.status.get());
        // The pool chart is 'model sweep-threshold' on the same run (ties only matter at t = 0.5).
        JsonNode sweep = f.cli("model", "sweep-threshold", "PROJECT", "--run", "1");
        for (int k = 2; k < sweep.get("points").size(); k += 2) {
            JsonNode pt = sweep.get("points").get(k);
            Calibration.ThresholdPoint mine = vm.sweep.stream().filter(x -> Math.abs(x.threshold() - pt.get("threshold").asDouble()) < 1e-9)
                    .findFirst().orElseThrow();
            assertEquals(pt.get("kept").asInt(), mine.kept(), "kept at " + mine.threshold());
            assertEquals(pt.get("accuracy").asDouble(), mine.accuracy(), 1e-12);
        }
        vm.threshold.set(0.8);
        assertTrue(vm.thresholdInfo.get().startsWith("t = 0.80: keeps "), vm.thresholdInfo.get());
        assertEquals(0.8, vm.chosenThreshold.get(), 1e-12);
    }

    @Test
    void problemsAreShownBesideTheirFieldsInTheUsersWords() {
        vm.lr.set("-1");
        vm.epochs.set("many");
        assertTrue(vm.params().isEmpty());
        assertEquals("the learning rate must be positive, got -1.0", vm.problems().get("lr"));
        assertEquals("epochs must be a whole number (got 'many')", vm.problems().get("epochs"));
        vm.fit();
        assertTrue(vm.comparison.isEmpty(), "nothing is fitted with bad settings");
        assertFalse(vm.status.get().contains("--"), "no CLI flag on the screen: " + vm.status.get());
        vm.lr.set("0.01");
        vm.epochs.set("100");
        assertTrue(vm.params().isPresent());
        assertTrue(vm.problems().isEmpty(), "a corrected field loses its problem");
    }

    @Test
    void theScreenSaysWhichFitItShowsAndWhenItIsStale() throws Exception {
        vm.refreshStatus();
        assertEquals("No label model fitted yet.", vm.fitStatus.get());
        vm.fit();
        assertEquals(1, vm.shownRun.get());
        String fresh = vm.fitStatus.get();
        assertTrue(fresh.startsWith("Label model run 1: snorkel, fitted on labeled at "), fresh);
        assertTrue(fresh.endsWith("; current."), fresh);
        assertFalse(vm.stale.get());
        LfRecord first = Lfs.list(f.writer()).get(0);
        assertTrue(fresh.contains(first.name() + " v" + first.version()), "the LF versions fitted on are named: " + fresh);

        Lfs.setEnabled(f.writer(), first.name(), false);
        f.relabel();
        assertTrue(vm.stale.get());
        assertTrue(vm.fitStatus.get().contains("Stale: LF " + first.name() + " was deleted or disabled since this fit; fit again."),
                vm.fitStatus.get());

        Lfs.setEnabled(f.writer(), first.name(), true);
        f.relabel();
        assertFalse(vm.stale.get(), vm.fitStatus.get());

        // A gold label keyed for a pool pair: the labeled split the model could read is no longer what it was fitted on.
        Pairs.Labels labels = f.ws.labeled().get().labels();
        int pool = 0;
        while (labels.split()[pool] != Split.POOL.ordinal()) {
            pool++;
        }
        Pairs.labelFromPool(f.writer(), labels.ids()[pool], Gold.A);
        f.relabel();
        assertTrue(vm.stale.get());
        assertTrue(vm.fitStatus.get().contains("gold labels were added or changed"), vm.fitStatus.get());
    }
}
