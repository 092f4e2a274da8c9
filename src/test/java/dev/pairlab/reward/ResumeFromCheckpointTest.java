package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled or killed training continues from its last checkpoint, never from step 1, and its curve
 * has each step once: issue 21 (the window closed during a run with the default settings, which wrote no
 * checkpoint until the end; Resume started again at step 1 and the events repeated the steps run twice).
 */
class ResumeFromCheckpointTest {

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void project() throws Exception {
        file = dir.resolve("t.pairlab");
        try (Project p = Project.create(file)) {
            PairImport.run(p, TestData.mtBenchTrain(), ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
            PairImport.run(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST), null, ProgressListener.NONE,
                    Cancellation.none());
        }
    }

    /** The steps of a run's events, in file order. */
    static List<Long> steps(Path runDir) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("events.jsonl"))) {
            out.add(Json.MAPPER.readTree(line).path("step").asLong());
        }
        return out;
    }

    private static void assertEachStepOnceInOrder(List<Long> steps, long last) {
        assertEquals(last, steps.size(), "one event per step");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i), "event " + i + " of " + steps);
        }
    }

    private static Process cli(Path stderr, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.pairlab.ui.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    @Test
    void aRunKilledWithTheDefaultSettingsResumesFromItsLastCheckpointAndItsCurveHasEachStepOnce() throws Exception {
        // The defaults (features: an evaluation every 25 steps), as the training screen and 'rm train' without options.
        Process train = cli(dir.resolve("train.err"), "rm", "train", file.toString(), "--epochs", "12", "--device", "cpu", "-q");
        Path run = file.resolveSibling("t.runs/rm-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        long checkpoint = 0;
        try {
            // Kill it after a checkpoint, once it has run past it (those steps are run again after the resume).
            while (System.nanoTime() < deadline && train.isAlive()) {
                checkpoint = Trainer.checkpointStep(run);
                if (checkpoint > 0 && Files.exists(run.resolve("events.jsonl")) && steps(run).size() > checkpoint + 2) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(train.isAlive(), "the training still runs when killed: " + Files.readString(dir.resolve("train.err")));
        } finally {
            train.destroyForcibly(); // SIGKILL: as a closed window or a power cut, nothing is written on the way out
            assertTrue(train.waitFor(30, TimeUnit.SECONDS));
        }
        checkpoint = Trainer.checkpointStep(run);
        assertTrue(checkpoint >= 25 && checkpoint % 25 == 0, "a checkpoint at an evaluation, not only at the end: step " + checkpoint);
        long ranTo = steps(run).get(steps(run).size() - 1);
        assertTrue(ranTo >= checkpoint, "killed after step " + ranTo + ", at or past the checkpoint at " + checkpoint);
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.get(p, 1).state(), "a killed run reads as interrupted");
        }

        List<Trainer.Event> events = new ArrayList<>();
        RewardTraining.Outcome o;
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            o = new RewardTraining.Resume(p, new RewardTraining.ResumeParams(0), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    events.add(e);
                }
            }).run(ProgressListener.NONE, Cancellation.none());
            assertEquals(TrainingRuns.State.DONE, TrainingRuns.get(p, 1).state());
        }
        assertEquals(checkpoint + 1, events.get(0).step(), "the resumed run starts after its checkpoint, not at step 1");
        long planned = 12L * 29; // 898 train pairs in steps of 32
        assertEquals(planned, o.result().steps(), "and runs to the planned end");
        assertEquals(planned, events.get(events.size() - 1).step());
        assertEquals(TrainingRuns.State.DONE, o.run().state());
        assertEachStepOnceInOrder(steps(run), planned);
        List<RewardTraining.Point> curve = RewardTraining.testAccuracyCurve(run);
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).step() > curve.get(i - 1).step(), "the test-accuracy curve goes forward: " + curve);
        }
    }

    @Test
    void aCancelledRunIsStoredCancelledAndResumesAfterTheStepItStoppedAt() throws Exception {
        TrainParams params = TrainParams.defaults().withSchedule(3, null, null, null, 10).withDevice("cpu");
        Cancellation cancel = new Cancellation();
        RewardTraining.Outcome first;
        RewardTraining.Outcome second;
        List<Long> resumed = new ArrayList<>();
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            first = new RewardTraining.Train(p, params, new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    if (e.step() == 13) {
                        cancel.cancel();
                    }
                }
            }).run(ProgressListener.NONE, cancel);
            assertEquals(TrainingRuns.State.CANCELLED, first.run().state());
            assertEquals(TrainingRuns.State.CANCELLED, TrainingRuns.get(p, 1).state());
            assertEquals(13, first.result().steps());
            assertEquals(13, Trainer.checkpointStep(first.run().dir()), "Cancel writes a checkpoint at the step it stops at");
            second = new RewardTraining.Resume(p, new RewardTraining.ResumeParams(1), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    resumed.add(e.step());
                }
            }).run(ProgressListener.NONE, Cancellation.none());
            assertEquals(TrainingRuns.State.DONE, TrainingRuns.get(p, 1).state());
            // A done run is not run again, and its stored state cannot be moved back.
            var again = new RewardTraining.Resume(p, new RewardTraining.ResumeParams(1), new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                }
            });
            assertTrue(assertThrows(dev.pairlab.task.UserException.class, () -> again.run(ProgressListener.NONE, Cancellation.none()))
                    .getMessage().contains("already done"));
            assertThrows(IllegalStateException.class, () -> TrainingRuns.update(p, 1, TrainingRuns.State.RUNNING, "cpu", null));
        }
        assertEquals(14L, resumed.get(0), "resumed after step 13");
        assertEquals(3L * 29, second.result().steps());
        assertEachStepOnceInOrder(steps(first.run().dir()), 3L * 29);
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 87L),
                RewardTraining.testAccuracyCurve(first.run().dir()).stream().map(RewardTraining.Point::step).toList());
    }
}
