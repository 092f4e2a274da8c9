package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {

    /** The calling thread's nice value from /proc (field 19 of its stat line). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static void assumeLinuxWithRenice() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "needs Linux /proc");
        assumeTrue(new ProcessBuilder("renice", "--version").redirectErrorStream(true).start().waitFor() == 0, "needs renice");
        assumeTrue(niceOfThisThread() < 19, "the test itself runs at the lowest priority");
    }

    @Test
    void backgroundTaskThreadsRunAtTheLowestPriorityAndTheCallerKeepsItsOwn() throws Exception {
        assumeLinuxWithRenice();
        int mine = niceOfThisThread();
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        Thread t = BackgroundThreads.named("pairlab-test").newThread(() -> {
            try {
                nice.complete(niceOfThisThread());
            } catch (Exception e) {
                nice.completeExceptionally(e);
            }
        });
        t.start();
        assertEquals(19, nice.get(30, TimeUnit.SECONDS));
        assertEquals("pairlab-test", t.getName());
        assertEquals(mine, niceOfThisThread());
    }

    @Test
    void forkJoinWorkersMadeByTheFactoryLowerTheirPriority() throws Exception {
        assumeLinuxWithRenice();
        ForkJoinPool pool = new ForkJoinPool(1, new BackgroundThreads(), null, false);
        try {
            assertEquals(19, pool.submit(BackgroundThreadsTest::niceOfThisThread).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
