package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's state as read: unfinished runs whose process is gone are interrupted, never running. */
class TrainingRunsTest {

    @TempDir
    Path dir;

    /** Test child: marks a new run of the project as running, says "ready", then waits to be killed. */
    public static final class RunningChild {
        public static void main(String[] args) throws Exception {
            try (Project p = Project.open(Path.of(args[0]), Project.Access.READ_WRITE)) {
                TrainingRuns.Run r = TrainingRuns.create(p, "features", "{}", 0);
                TrainingRuns.update(p, r.id(), TrainingRuns.State.RUNNING, "cpu", null);
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    private static Process java(String mainClass, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void aRunWhoseProcessWasKilledIsInterruptedInListAndResumable() throws Exception {
        Path file = dir.resolve("r.pairlab");
        Project.create(file).close();
        Process child = java(RunningChild.class.getName(), file.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
                TrainingRuns.Run r = TrainingRuns.get(p, 1);
                assertEquals(TrainingRuns.State.RUNNING, r.state(), "its process is alive");
                assertTrue(r.owner().startsWith(child.pid() + " "), r.owner());
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: the run is never marked finished
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            TrainingRuns.Run r = TrainingRuns.get(p, 1);
            assertEquals(TrainingRuns.State.INTERRUPTED, r.state());
            assertTrue(r.state().resumable());
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.list(p).get(0).state());
        }
        Process list = ProjectTest.cli("rm", "list", file.toString(), "--json");
        String json = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, list.exitValue(), json);
        assertTrue(json.contains("\"state\":\"interrupted\""), json);
        assertTrue(!json.contains("\"running\""), json);
    }

    @Test
    void aRunOwnedByADeadPidOrByNobodyIsInterruptedAndOneOwnedByThisProcessIsRunning() throws Exception {
        Path file = dir.resolve("r.pairlab");
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertTrue(gone.waitFor(60, TimeUnit.SECONDS));
        try (Project p = Project.create(file)) {
            for (int i = 0; i < 3; i++) {
                TrainingRuns.Run r = TrainingRuns.create(p, "features", "{}", 0);
                TrainingRuns.update(p, r.id(), TrainingRuns.State.RUNNING, "cpu", null);
            }
            p.write(c -> {
                try (var s = c.createStatement()) {
                    s.execute("UPDATE training_runs SET owner = '" + gone.pid() + " 2020-01-01T00:00:00Z' WHERE id = 1");
                    // A run recorded before owners were (an older Pairlab): no one can be running it now.
                    s.execute("UPDATE training_runs SET owner = NULL WHERE id = 2");
                }
                return null;
            });
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.get(p, 1).state());
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.get(p, 2).state());
            assertEquals(TrainingRuns.State.RUNNING, TrainingRuns.get(p, 3).state());
            // A live pid that started at another time is another process that reuses the number.
            p.write(c -> {
                try (var s = c.createStatement()) {
                    s.execute("UPDATE training_runs SET owner = '" + ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z' WHERE id = 3");
                }
                return null;
            });
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.get(p, 3).state());
        }
    }
}
