package dev.pairlab.ui.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.BackgroundTasks;
import dev.pairlab.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment screen's form and results, without a window. */
class ExperimentViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theUntouchedFormIsTheCommandLinesDefaults() throws Exception {
        ExperimentViewModel m = new ExperimentViewModel(new Workspace(new BackgroundTasks()));
        Experiment.Params p = m.params();
        // What 'pairlab experiment --dataset D --eval-file E --out O' runs.
        Experiment.Params cli = new Experiment.Params(p.dataset(), p.evalFile(), 0.1, List.of(0.01, 0.02, 0.05, 0.1), 3, "mt-bench",
                List.of(Experiment.DEFAULT_VARIANTS.split(",")), 0.7, RewardConfig.features());
        assertEquals(cli, p);
        m.kind.set(RewardConfig.Kind.FROZEN);
        assertEquals(RewardConfig.frozen("minilm"), m.params().reward(), "an encoder without a base is minilm, as on the command line");
    }

    @Test
    void problemsWithTheFormAreListedAndNothingRuns() {
        ExperimentViewModel m = new ExperimentViewModel(new Workspace(new BackgroundTasks()));
        m.fractions.set("0.1, x");
        m.seeds.set("three");
        List<Problem> problems = assertThrows(InvalidParametersException.class, m::params).problems();
        assertEquals(List.of("labeled", "seeds"), problems.stream().map(Problem::field).toList());
        m.fractions.set("0.1,2");
        m.seeds.set("0");
        m.variants.set("gold, gold");
        m.preset.set("nope");
        assertNull(m.start());
        List<String> messages = m.problems.stream().map(Problem::message).toList();
        assertEquals(List.of("the number of seeds must be at least 1", "unknown preset 'nope' (presets: hh, ub, ubp, mt-bench)",
                "a variant is listed twice", "labeled fractions must be in (0, 1], got 2.0"), messages);
    }

    @Test
    void theResultsAreMeansOverSeedsPerTrainingSetAndFraction() throws Exception {
        String header = "labeled,seed,variant,gold_pairs,weak_pairs,weak_accuracy,label_model_accuracy,majority_accuracy,"
                + "test_pairs,rm_accuracy,millis,rm_accuracy_longer_preferred,rm_accuracy_shorter_preferred";
        Files.writeString(dir.resolve("results.csv"), header + "\n"
                + "0.1,123,gold,80,0,,,,386,0.600000,10,0.700000,0.400000\n"
                + "0.1,124,gold,80,0,,,,386,0.700000,10,0.800000,0.600000\n"
                + "0.02,123,gold,16,0,,,,386,0.500000,10,,\n"
                + "0.02,123,gold+weak,16,800,0.7,0.7,0.6,386,0.650000,10,0.900000,0.300000\n");
        Files.writeString(dir.resolve("results.md"), "# Experiment\n\nSome text.\n");
        ExperimentViewModel.Results r = ExperimentViewModel.read(dir);
        assertNull(r.problem());
        assertEquals(0.65, r.means().get("gold").get("0.1")[0], 1e-9);
        assertEquals(0.625, r.means().get("gold").get("0.1")[1], 1e-9, "length-balanced: mean of (0.7+0.4)/2 and (0.8+0.6)/2");
        assertTrue(Double.isNaN(r.means().get("gold").get("0.02")[1]), "no length split in that row");
        assertEquals(List.of("0.02", "0.1"), List.copyOf(r.means().get("gold").keySet()), "fractions in numeric order");
        ExperimentViewModel m = new ExperimentViewModel(new Workspace(new BackgroundTasks()));
        m.show(r);
        assertEquals(List.of("gold", "gold+weak"), m.accuracy.stream().map(s -> s.getName()).toList());
        assertEquals(2, m.accuracy.get(0).getData().size());
        assertEquals(1, m.balanced.get(0).getData().size(), "the NaN point is left out");
        assertEquals(2, m.blocks.size());
    }
}
