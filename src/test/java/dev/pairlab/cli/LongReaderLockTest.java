package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.store.Columns;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long readers (lf stats, lf matrix, lf agreement, next, audit position, model sweep-threshold) compute
 * without the project's write lock and keep their caches in a short write at the end. The write
 * attempts are made from inside the computation, through its progress callback, so nothing here
 * depends on timing.
 */
class LongReaderLockTest {

    @TempDir
    Path dir;

    private String project() {
        String p = dir.resolve("mt.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        assertEquals(0, CliTest.run("lf", "add", p, "hedges", "--kind", "pattern", "--bad", "\\bmaybe\\b", "\\bperhaps\\b").code());
        return p;
    }

    /** A progress listener that runs {@code write} once, at the reader's first progress report, and keeps what it threw. */
    private static ProgressListener writingOnce(Runnable write, AtomicReference<Throwable> failure, AtomicBoolean done) {
        return (d, t, m) -> {
            if (done.compareAndSet(false, true)) {
                try {
                    write.run();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }
        };
    }

    @Test
    void anotherWriterCanWriteWhileALongReaderComputesAndTheCacheIsKeptAtTheEnd() throws Exception {
        String p = project();
        Path file = Path.of(p);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean wrote = new AtomicBoolean();
        ProgressListener hook = writingOnce(() -> {
            CliTest.Run add = CliTest.run("lf", "add", p, "added_meanwhile", "--kind", "feature", "--feature", "length", "--prefer", "higher");
            if (add.code() != 0) {
                throw new AssertionError("lf add while the reader computes: exit " + add.code() + ": " + add.err());
            }
        }, failure, wrote);
        ProjectLabeling.Labeled labeled;
        try (Project reader = Projects.openForCaching(file)) {
            labeled = ProjectLabeling.label(reader, false, hook, Cancellation.none());
            assertEquals(0, reader.skippedWrites());
        }
        assertTrue(wrote.get(), "the reader reported progress while computing");
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertEquals(898, labeled.matrix().n());
        try (Project after = Project.open(file, Project.Access.READ_ONLY)) {
            assertTrue(Lfs.get(after, "added_meanwhile") != null, "the other writer's LF is there");
            assertEquals(898, Columns.loadFeatures(after).ids().length, "the reader's feature cache was committed at the end");
        }
    }

    @Test
    void aLongReaderThatFindsTheProjectInUseAtTheEndAnswersAndCachesNothing() throws Exception {
        String p = project();
        Path file = Path.of(p);
        AtomicReference<Project> holder = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ProgressListener hook = writingOnce(() -> {
            try {
                holder.set(Project.open(file, Project.Access.READ_WRITE));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, failure, new AtomicBoolean());
        try {
            try (Project reader = Projects.openForCaching(file)) {
                ProjectLabeling.Labeled labeled = ProjectLabeling.label(reader, false, hook, Cancellation.none());
                assertNull(failure.get(), () -> String.valueOf(failure.get()));
                assertEquals(898, labeled.matrix().n());
                assertTrue(reader.skippedWrites() >= 1, "the cache writes were skipped");
            }
            assertEquals(0, Columns.loadFeatures(holder.get()).ids().length, "nothing was cached");
            // The same through the CLI while the project stays in use: results on stdout, a note on stderr only without --json.
            CliTest.Run stats = CliTest.run("lf", "stats", p, "-q");
            assertEquals(0, stats.code(), stats.err());
            assertTrue(stats.out().contains("hedges"), stats.out());
            assertTrue(stats.err().contains("was in use by another process at the end, so what was computed was not cached"), stats.err());
            CliTest.Run json = CliTest.run("lf", "stats", p, "-q", "--json");
            assertEquals(0, json.code(), json.err());
            assertTrue(json.json().isObject());
            assertFalse(json.err().contains("not cached"), json.err());
        } finally {
            if (holder.get() != null) {
                holder.get().close();
            }
        }
    }
}
