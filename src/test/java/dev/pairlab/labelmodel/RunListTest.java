package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.PresetAdding;
import dev.pairlab.store.Project;
import dev.pairlab.store.WalkthroughProject;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model list} as a core job: each run with the accuracy it was evaluated to, on the walkthrough's MT-Bench project. */
class RunListTest {

    @TempDir
    Path dir;

    @Test
    void eachFitIsListedWithItsTestAccuracy() throws Exception {
        Path file = WalkthroughProject.create(dir);
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            assertEquals(List.of(), new RunList.Job(p).run(ProgressListener.NONE, Cancellation.none()));
            new PresetAdding.Job(p, new PresetAdding.Params(PresetAdding.Preset.MT_BENCH, false)).run(ProgressListener.NONE, Cancellation.none());
            ModelFitting.Result snorkel = new ModelFitting.Job(p, FitParams.defaults()).run(ProgressListener.NONE, Cancellation.none());
            ModelFitting.Result majority = new ModelFitting.Job(p, FitParams.paper(LabelModelType.MAJORITY))
                    .run(ProgressListener.NONE, Cancellation.none());
            List<RunList.Run> runs = new RunList.Job(p).run(ProgressListener.NONE, Cancellation.none());
            assertEquals(2, runs.size());
            assertEquals(snorkel.record().id(), runs.get(0).record().id());
            assertEquals(majority.record().id(), runs.get(1).record().id());
            assertEquals("test", runs.get(0).evalOn());
            assertEquals(snorkel.model().accuracy(), runs.get(0).accuracy(), 1e-12);
            assertEquals(majority.model().accuracy(), runs.get(1).accuracy(), 1e-12);
            assertEquals(386, runs.get(0).model().path("rows").asInt());
            assertTrue(runs.get(0).accuracy() > 0.6 && runs.get(0).accuracy() < 0.75, "snorkel on the six MT-Bench LFs: " + runs.get(0).accuracy());
        }
    }
}
