package dev.pairlab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The desktop app's background threads (its tasks, the common fork-join pool that parallel streams
 * use, and the JVM's JIT compilers) run at the lowest scheduling priority, so that on a busy machine
 * the FX and render threads get the processor first: on two cores, a relabel of a million pairs keeps
 * both busy, and the FX thread's frames took up to twice as long. Java's thread priorities do nothing
 * on Linux without JVM flags (which print a warning for users other than root), so each thread sets
 * its own nice value with {@code renice} at start (the compilers are reniced by id); where that is not
 * possible (no /proc, no renice) the threads run as before.
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

    /**
     * Sets the JIT compiler threads' nice value to 19: in the first minute of a session they compile
     * JavaFX's layout code while it runs (five seconds of processor time in the first nine seconds of
     * scrolling a million pairs), and on two cores they took the processor from the FX and render
     * threads. Compiler threads the JVM adds later are made by a compiler thread and inherit its value.
     * Returns how many threads were lowered (0 where not possible).
     */
    public static int lowerCompilerPriority() {
        if (!ENABLED) {
            return 0;
        }
        Path tasks = Path.of("/proc/self/task");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("renice", "-n", "19", "-p"));
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                String name = readName(t);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    command.add(t.getFileName().toString());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        int n = command.size() - 4;
        return n > 0 && run(command) ? n : 0;
    }

    private static String readName(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return ""; // the thread ended
        }
    }

    /** Runs a command, discarding its output; true when it ran and succeeded. */
    private static boolean run(java.util.List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
            run(java.util.List.of("renice", "-n", "19", "-p", self.toRealPath().getFileName().toString()));
        } catch (java.io.IOException | RuntimeException e) {
            // no renice here: the thread keeps the normal priority
        }
    }
}
