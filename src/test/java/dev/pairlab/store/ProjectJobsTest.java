package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.Split;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pairlab new} and {@code pairlab info} as core jobs, on the README walkthrough's MT-Bench project. */
class ProjectJobsTest {

    @TempDir
    Path dir;

    @Test
    void newMakesAnEmptyProjectOnceAndRefusesAnExistingFile() throws Exception {
        Path file = dir.resolve("fresh.pairlab");
        assertEquals(file, new NewProject.Job(new NewProject.Params(file)).run(ProgressListener.NONE, Cancellation.none()));
        assertTrue(Files.isRegularFile(file));
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals(0, new ProjectInfo.Job(p).run(ProgressListener.NONE, Cancellation.none()).pairs());
        }
        ProjectException again = assertThrows(ProjectException.class,
                () -> new NewProject.Job(new NewProject.Params(file)).run(ProgressListener.NONE, Cancellation.none()));
        assertEquals(file + " already exists", again.getMessage());
        InvalidParametersException none = assertThrows(InvalidParametersException.class,
                () -> new NewProject.Job(new NewProject.Params(null)).run(ProgressListener.NONE, Cancellation.none()));
        assertEquals("file", none.problems().get(0).field());
    }

    @Test
    void infoCountsTheWalkthroughsSplitsAndHidesPoolGold() throws Exception {
        Path file = WalkthroughProject.create(dir);
        ProjectInfo info;
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            info = new ProjectInfo.Job(p).run(ProgressListener.NONE, Cancellation.none());
        }
        assertEquals("mt", info.name());
        assertEquals(1284, info.pairs());
        ProjectInfo.SplitCounts train = info.splits().get(Split.TRAIN);
        assertEquals(90, train.pairs());
        assertEquals(50, train.a());
        assertEquals(40, train.b());
        ProjectInfo.SplitCounts test = info.splits().get(Split.TEST);
        assertEquals(386, test.pairs());
        assertEquals(185, test.a());
        assertEquals(201, test.b());
        ProjectInfo.SplitCounts pool = info.splits().get(Split.POOL);
        assertEquals(808, pool.pairs());
        assertTrue(pool.goldHidden());
        assertFalse(train.goldHidden());
        assertEquals(1165, info.context().median());
        assertEquals(1372.3, Math.round(info.context().mean() * 10) / 10.0, 1e-9);
        assertEquals(607, info.answers().median());
        assertEquals(5354, info.answers().max());
        assertEquals(2, info.imports().size());
    }
}
