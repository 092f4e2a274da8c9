package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    @Test
    void theJitCompilerThreadsOfTheAppLowerTheirPriorityAndOtherThreadsKeepTheirs() throws Exception {
        assumeLinuxWithRenice();
        // In a JVM of its own: the test JVM's compilers are left as they are.
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), CompilerNice.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        java.util.Map<String, String> nice = new java.util.TreeMap<>();
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split("=", 2);
            nice.merge(kv[0], kv[1], (a, b) -> a.equals(b) ? a : a + "," + b);
        }
        assertEquals("19", nice.get("C2 CompilerThre"), out);
        assertEquals("19", nice.get("C1 CompilerThre"), out);
        assertEquals("0", nice.get("VM Thread"), out);
        assertTrue(Integer.parseInt(nice.get("lowered")) >= 2, out);
    }

    /** Lowers its compilers' priority and prints each thread's name and nice value. */
    static final class CompilerNice {
        public static void main(String[] args) throws Exception {
            System.out.println("lowered=" + BackgroundThreads.lowerCompilerPriority());
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String name = Files.readString(t.resolve("comm")).strip();
                    String stat = Files.readString(t.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    System.out.println(name + "=" + fields[16]);
                }
            }
        }
    }
}
