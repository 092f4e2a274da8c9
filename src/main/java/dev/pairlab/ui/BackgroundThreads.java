package dev.pairlab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The desktop app's background threads (its tasks and the common fork-join pool that parallel streams
 * use) run at the lowest scheduling priority, so that on a busy machine the FX and render threads get
 * the processor first: on two cores, a relabel of a million pairs keeps both busy, and the FX thread's
 * frames took up to twice as long. Java's thread priorities do nothing on Linux without JVM flags
 * (which print a warning for users other than root), so each thread sets its own nice value with
 * {@code renice} at start; where that is not possible (no /proc, no renice) the thread runs as before.
 */
public final class BackgroundThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {

    /** Off with -Dpairlab.normalPriority=true (to compare). */
    private static final boolean ENABLED = !Boolean.getBoolean("pairlab.normalPriority");

    /** A factory of daemon threads with this name that lower their priority when they start. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(() -> {
                lowerPriority();
                r.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Makes the common fork-join pool's workers lower their priority too; call before the pool is
     * first used (the property is read once).
     */
    public static void installForCommonPool() {
        if (ENABLED) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.threadFactory", BackgroundThreads.class.getName());
        }
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        return new ForkJoinWorkerThread(pool) {
            @Override
            protected void onStart() {
                super.onStart();
                lowerPriority();
            }
        };
    }

    /** Sets the calling thread's nice value to 19 (Linux: setpriority applies to one thread by its id). */
    static void lowerPriority() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        if (!ENABLED) {
            return;
        }
        try {
            Path self = Path.of("/proc/thread-self");
            if (!Files.exists(self)) {
                return;
            }
            String tid = self.toRealPath().getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", "19", "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no renice here: the thread keeps the normal priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
