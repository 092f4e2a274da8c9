package dev.pairlab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainParams;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.ui.BackgroundTasks;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training screen's form, Start, Cancel and Resume, without a window. */
class TrainingViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theFormStartsAtTheCommandLinesDefaultsAndFollowsTheKind() throws Exception {
        TrainingViewModel m = new TrainingViewModel(new Workspace(new BackgroundTasks()));
        assertEquals(RewardConfig.Kind.FEATURES, m.kind.get());
        assertEquals("8", m.epochs.get());
        assertEquals("32", m.pairsPerStep.get());
        assertEquals("25", m.evalEvery.get());
        // The screen's untouched form is the run 'rm train' makes without options.
        assertEquals(TrainParams.defaults().config(), m.params().config());
        m.kind.set(RewardConfig.Kind.TRANSFORMER);
        assertEquals("2", m.epochs.get());
        assertEquals("2", m.pairsPerStep.get());
        assertEquals("200", m.evalEvery.get());
        RewardConfig c = m.params().config();
        assertEquals(RewardConfig.transformer(TrainParams.DEFAULT_BASE), c, "a transformer on minilm, 1 pair × 2 accumulated, as the CLI's");
        m.data.set(RewardConfig.Data.GOLD_WEAK);
        m.lengthControl.set(true);
        m.epochs.set("3");
        c = m.params().config();
        assertEquals(RewardConfig.Data.GOLD_WEAK, c.data());
        assertEquals(RewardConfig.Length.LEARNED, c.lengthTerm());
        assertEquals(RewardConfig.DEFAULT_DECORRELATION, c.lengthDecorrelation());
        assertEquals(3, c.epochs());
    }

    @Test
    void problemsWithTheFormAreListedInTheUsersWordsAndNothingStarts() {
        TrainingViewModel m = new TrainingViewModel(new Workspace(new BackgroundTasks()));
        m.epochs.set("many");
        m.pairsPerStep.set("0");
        List<Problem> problems = assertThrows(InvalidParametersException.class, m::params).problems();
        assertEquals(List.of("epochs", "batch"), problems.stream().map(Problem::field).toList());
        assertTrue(problems.get(0).message().contains("whole number"), problems.toString());
        m.epochs.set("0");
        m.pairsPerStep.set("8");
        m.kind.set(RewardConfig.Kind.FROZEN); // resets the numbers to the frozen kind's
        m.epochs.set("0");
        m.base.set(" ");
        assertNull(m.start(), "no job with a bad form");
        assertEquals(List.of("base", "epochs"), m.problems.stream().map(Problem::field).toList());
        assertTrue(m.problems.get(0).message().contains("needs a base model"), m.problems.toString());
        assertTrue(m.problems.stream().noneMatch(p -> p.message().contains("--")), "no command-line flag in a screen's message");
    }

    private static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        assertTrue(done.await(30, TimeUnit.SECONDS));
    }

    private static <T> T onFx(Supplier<T> s) throws InterruptedException {
        AtomicReference<T> out = new AtomicReference<>();
        fx(() -> out.set(s.get()));
        return out.get();
    }

    private static void waitUntil(String what, Supplier<Boolean> condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!onFx(condition)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void cancelKeepsACheckpointAndResumeContinuesTheSameRunToItsEnd() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test of this JVM started the toolkit
        }
        Path file = dir.resolve("t.pairlab");
        try (Project p = Project.create(file)) {
            PairImport.run(p, TestData.mtBenchTrain(), ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
            PairImport.run(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST), null, ProgressListener.NONE,
                    Cancellation.none());
        }
        Workspace ws = new Workspace(new BackgroundTasks());
        Project writer = Project.open(file, Project.Access.READ_WRITE);
        Project reader = Project.open(file, Project.Access.READ_ONLY);
        fx(() -> ws.project().set(new Workspace.Opened(file, writer, reader, Pairs.ids(reader, Pairs.allSplits()))));
        TrainingViewModel m = onFx(() -> new TrainingViewModel(ws));
        try {
            fx(() -> {
                m.epochs.set("6");
                m.device.set("cpu");
            });
            Job job = onFx(m::start);
            assertNotNull(job);
            waitUntil("the loss curve gets points", () -> m.loss.size() >= 3);
            assertTrue(onFx(() -> m.running.get()), "Start and Resume are off while it runs");
            assertNull(onFx(m::start), "a second training is refused");
            fx(m::cancel);
            waitUntil("the run is cancelled", () -> m.state.get().startsWith("Run 1 cancelled"));
            TrainingRuns.Run run = TrainingRuns.get(reader, 1);
            assertEquals(TrainingRuns.State.CANCELLED, run.state());
            long stoppedAt = dev.pairlab.reward.Trainer.checkpointStep(run.dir());
            assertTrue(stoppedAt >= 3, "the checkpoint is at the step it stopped: " + stoppedAt);
            waitUntil("the history lists it", () -> m.runs.size() == 1 && !m.running.get());

            onFx(() -> m.resume(m.runs.get(0)));
            waitUntil("the resumed run is done", () -> m.state.get().startsWith("Run 1 done"));
            assertEquals(TrainingRuns.State.DONE, TrainingRuns.get(reader, 1).state());
            assertEquals(stoppedAt + 1, onFx(() -> m.loss.get(0).getXValue().longValue()),
                    "the resumed run's curve starts after the checkpoint");
            assertTrue(onFx(() -> m.state.get()).contains("174 steps"), onFx(() -> m.state.get()));
            // The comparison reads the run's curve from its events: each evaluation once, in order.
            fx(() -> m.compare(List.of(TrainingRuns.get(reader, 1))));
            waitUntil("the comparison shows the run", () -> m.comparison.size() == 1);
            var points = onFx(() -> m.comparison.get(0).getData().stream().map(d -> d.getXValue().longValue()).toList());
            List<Long> evaluations = new java.util.ArrayList<>();
            for (long s = 25; s < 174; s += 25) {
                evaluations.add(s);
            }
            evaluations.add(174L);
            assertEquals(evaluations, points, "an evaluation every 25 steps and at the end (6 epochs of 29 steps)");
            assertEquals(RewardTraining.testAccuracyCurve(run.dir()).size(), points.size());
            assertFalse(onFx(() -> m.running.get()));
        } finally {
            fx(ws::close);
        }
    }
}
