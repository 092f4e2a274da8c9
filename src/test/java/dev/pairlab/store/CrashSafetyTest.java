package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the CLI in the middle of an import, an export and a training run, several times at
 * random points: the project still opens, passes SQLite's integrity check and holds all it had;
 * an import is all there or not at all; the export target is never half-written; training resumes
 * from its last checkpoint. Temporary files of killed exports are cleaned up by the next one, and a
 * weak export's manifest always names its data file's sha256.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    private Path bigInput(int pairs) throws Exception {
        List<String> lines = Files.readAllLines(TestData.mtBenchTrain()).stream().filter(l -> !l.isBlank()).toList();
        Path f = dir.resolve("big.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < pairs; i++) {
                w.write(lines.get(i % lines.size()));
                w.write('\n');
            }
        }
        return f;
    }

    private static void killAfter(Process p, long millis) throws Exception {
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedImportsAndExportsLeaveTheProjectWhole() throws Exception {
        Path file = dir.resolve("p.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults());
        }
        Path big = bigInput(40_000);
        SplittableRandom rnd = new SplittableRandom(7);
        long expected = 386;
        int killed = 0;
        for (int round = 0; round < 4; round++) {
            Process imp = ProjectTest.cli("import", file.toString(), big.toString(), "-q");
            killAfter(imp, 300 + rnd.nextInt(1500));
            if (!imp.isAlive() && imp.exitValue() == 0) {
                expected += 40_000;
            } else {
                killed++;
            }
            try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
                assertEquals(List.of(), p.integrityProblems(), "round " + round);
                long n = Pairs.count(p);
                assertTrue(n == expected || n == expected + 40_000, "round " + round + ": " + n + " pairs, expected " + expected
                        + " (an import is all or nothing)");
                expected = n;
                assertEquals(386, Pairs.info(p).imports().stream().filter(i -> i.file().startsWith("MT-BENCH-evaluation")).mapToLong(
                        ProjectInfo.ImportEntry::pairs).sum(), "earlier data is all there");
            }
        }
        assertTrue(killed >= 2, "imports killed mid-way: " + killed);

        Path out = dir.resolve("out.jsonl");
        for (int round = 0; round < 3; round++) {
            Process exp = ProjectTest.cli("export", file.toString(), "--format", "answer-label", "--out", out.toString(), "-q");
            killAfter(exp, 100 + rnd.nextInt(800));
            if (Files.exists(out)) {
                assertEquals(expected, Files.readAllLines(out).size(), "an export file is complete or absent");
            }
        }
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals(List.of(), p.integrityProblems());
            assertEquals(expected, Pairs.count(p));
        }
        // The killed exports' temporary files are removed by the next export into the folder, once
        // their writer is dead and the file has rested (OutputFile.DEAD_WRITER_GRACE, 10 s).
        Thread.sleep(11_000);
        Process last = ProjectTest.cli("export", file.toString(), "--format", "answer-label", "--out", out.toString(), "-q");
        assertTrue(last.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue());
        assertEquals(List.of(), temps(dir), "no .part file is left behind");
        assertEquals(expected, Files.readAllLines(out).size());
    }

    static List<Path> temps(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Every manifest that exists names its data file's sha256, whenever a weak export is killed. */
    @Test
    void killedWeakExportsNeverLeaveAWrongManifest() throws Exception {
        String file = dir.resolve("w.pairlab").toString();
        assertEquals(0, dev.pairlab.cli.Cli.run("new", file));
        assertEquals(0, dev.pairlab.cli.Cli.run("import", file, TestData.ub2().toString(), "-q"));
        dev.pairlab.cli.Cli.run("split", file, "--eval", "0.1", "--labeled", "0.1", "-q");
        dev.pairlab.cli.Cli.run("lf", "preset", file, "ub");
        assertEquals(0, dev.pairlab.cli.Cli.run("model", "fit", file, "--type", "snorkel", "-q"));
        Path out = dir.resolve("train.jsonl");
        Path manifest = dir.resolve("train.jsonl.manifest.json");
        SplittableRandom rnd = new SplittableRandom(11);
        int killed = 0;
        for (int round = 0; round < 6; round++) {
            // Alternate the seed so that each export replaces the file with other bytes.
            Process exp = ProjectTest.cli("export", "weak", file, "--out", out.toString(), "--seed", Integer.toString(round), "-q");
            // Kill times spread from before the export writes anything to after it may have finished, whatever the machine's speed.
            killAfter(exp, 300 + round * 600 + rnd.nextInt(300));
            if (exp.exitValue() != 0) {
                killed++;
            }
            if (Files.exists(manifest)) {
                String named = dev.pairlab.pairs.Json.MAPPER.readTree(manifest.toFile()).path("output").path("sha256").asText();
                assertEquals(dev.pairlab.labelmodel.WeakExport.sha256(out), named, "round " + round + ": the manifest matches its data");
            }
        }
        assertTrue(killed >= 1, "exports killed mid-way: " + killed);
        Thread.sleep(11_000);
        Process last = ProjectTest.cli("export", "weak", file, "--out", out.toString(), "-q");
        assertTrue(last.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue());
        assertEquals(List.of(), temps(dir), "no .part file is left behind");
        String named = dev.pairlab.pairs.Json.MAPPER.readTree(manifest.toFile()).path("output").path("sha256").asText();
        assertEquals(dev.pairlab.labelmodel.WeakExport.sha256(out), named);
    }

    @Test
    void aKilledTrainingRunResumesFromItsLastCheckpoint() throws Exception {
        Path file = dir.resolve("t.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(dev.pairlab.pairs.Split.TEST));
        }
        Process train = ProjectTest.cli("rm", "train", file.toString(), "--epochs", "60", "--checkpoint-every", "10", "--eval-every", "0", "-q");
        Path run = file.resolveSibling("t.runs/rm-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.isRegularFile(run.resolve("checkpoint/trainer.json")) && System.nanoTime() < deadline && train.isAlive()) {
            Thread.sleep(100);
        }
        Thread.sleep(700);
        assertTrue(train.isAlive(), "training still running when killed");
        train.destroyForcibly();
        train.waitFor(30, TimeUnit.SECONDS);
        String state = Files.readString(run.resolve("checkpoint/trainer.json"));
        long checkpointStep = dev.pairlab.pairs.Json.MAPPER.readTree(state).path("step").asLong();
        assertTrue(checkpointStep >= 10 && checkpointStep % 10 == 0, state);
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            assertEquals(List.of(), p.integrityProblems());
            assertEquals(TrainingRuns.State.INTERRUPTED, TrainingRuns.get(p, 1).state(), "the killed run reads as interrupted, not running");
        }
        Process resume = ProjectTest.cli("rm", "resume", file.toString(), "--run", "1", "--json", "-q");
        String out = new String(resume.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(resume.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, resume.exitValue(), out);
        assertTrue(out.contains("\"state\":\"done\""), out);
        assertEquals(60L * 29, dev.pairlab.pairs.Json.MAPPER.readTree(out).path("steps").asLong(), "ran to the planned end");
        List<String> events = Files.readAllLines(run.resolve("events.jsonl"));
        long firstAfterResume = events.stream().map(l -> {
            try {
                return dev.pairlab.pairs.Json.MAPPER.readTree(l).path("step").asLong();
            } catch (Exception e) {
                return -1L;
            }
        }).filter(s -> s == checkpointStep + 1).count();
        assertTrue(firstAfterResume >= 1, "the resumed run continued at step " + (checkpointStep + 1));
    }
}
