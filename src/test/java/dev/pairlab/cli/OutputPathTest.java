package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.TestData;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths a user can get wrong (issue 23): each is refused with exit 1 and one line naming the
 * path and why, and the project and the input are byte-identical afterwards.
 */
class OutputPathTest {

    @TempDir
    static Path dir;

    static Path project;
    /** An answer-label file with two good records and one bad one, so --skip-invalid writes a report. */
    static Path input;

    @BeforeAll
    static void project() throws Exception {
        project = dir.resolve("ub.pairlab");
        String p = project.toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.ub2().toString(), "-q").code());
        CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.1", "-q");
        CliTest.run("lf", "preset", p, "ub");
        CliTest.Run fit = CliTest.run("model", "fit", p, "--type", "snorkel", "-q");
        assertEquals(0, fit.code(), fit.err());
        // Warm the caches, so that later runs have nothing to store in the project.
        CliTest.Run warm = CliTest.run("export", "weak", p, "--out", dir.resolve("warm.jsonl").toString(), "-q");
        assertEquals(0, warm.code(), warm.err());
        input = dir.resolve("bad.jsonl");
        Files.writeString(input, """
                {"instruction":"q1","answer_0":"a","answer_1":"b","label":0}
                {"instruction":"q2","answer_0":"a","answer_1":"b","label":"x"}
                {"instruction":"q3","answer_0":"c","answer_1":"d","label":1}
                """);
    }

    /** Runs a command that must be refused; checks the message and that project and input are untouched. */
    private static CliTest.Run refused(String why, Path named, String... args) throws Exception {
        byte[] projectBefore = Files.readAllBytes(project);
        byte[] inputBefore = Files.readAllBytes(input);
        long pairs = pairs();
        CliTest.Run r = CliTest.run(args);
        assertEquals(1, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("pairlab: " + named + ": will not write there: "), err);
        assertTrue(err.contains(why), err);
        assertArrayEquals(projectBefore, Files.readAllBytes(project), "the project is byte-identical");
        assertArrayEquals(inputBefore, Files.readAllBytes(input), "the input is byte-identical");
        assertEquals(pairs, pairs());
        return r;
    }

    private static long pairs() throws Exception {
        return CliTest.run("info", project.toString(), "--json").json().get("pairs").asLong();
    }

    @Test
    void theProjectFileIsNeverAnOutput() throws Exception {
        String p = project.toString();
        refused("it is the project file", project, "export", p, "--format", "trl", "--out", p, "-q");
        refused("it is the project file", project, "export", "weak", p, "--out", p, "-q");
        refused("it is the project file", project, "lf", "matrix", p, "--out", p, "-q");
        refused("it is the project file", project, "lf", "export", p, "--out", p);
        refused("it is the project file", project, "model", "export", p, "--out", p);
        refused("it is the project file", project, "lf", "agreement", p, "--csv", p, "-q");
        // Around the corner: through '..' and through a link with --force.
        Files.createDirectories(dir.resolve("sub"));
        Path dotted = dir.resolve("sub/../ub.pairlab");
        refused("it is the project file", dotted, "export", p, "--format", "trl", "--out", dotted.toString(), "-q");
        Path link = dir.resolve("link-to-project.jsonl");
        Files.createSymbolicLink(link, project);
        refused("it is a symbolic link", link, "export", p, "--format", "trl", "--out", link.toString(), "-q");
        refused("it is the project file", link, "export", p, "--format", "trl", "--out", link.toString(), "--force", "-q");
    }

    @Test
    void theProjectsSideFilesAreNeverAnOutput() throws Exception {
        String p = project.toString();
        for (String[] side : new String[][] {{"-wal", "write-ahead log"}, {"-shm", "shared-memory"}, {"-journal", "journal"},
            {".lock", "lock file"}}) {
            Path f = Path.of(p + side[0]);
            refused(side[1], f, "export", p, "--format", "trl", "--out", f.toString(), "-q");
        }
        Path runs = dir.resolve("ub.runs");
        Files.createDirectories(runs);
        Path inRuns = runs.resolve("x.jsonl");
        refused("runs folder", inRuns, "export", p, "--format", "trl", "--out", inRuns.toString(), "-q");
        assertFalse(Files.exists(inRuns));
    }

    @Test
    void anImportReportIsNeverTheProjectOrTheInput() throws Exception {
        String p = project.toString();
        refused("it is the project file", project, "import", p, input.toString(), "--skip-invalid", "--report", p, "-q");
        refused("it is the input file", input, "import", p, input.toString(), "--skip-invalid", "--report", input.toString(), "-q");
        Path nowhere = dir.resolve("no-such-folder/report.txt");
        refused("does not exist", nowhere, "import", p, input.toString(), "--skip-invalid", "--report", nowhere.toString(), "-q");
    }

    @Test
    void devicesAndFoldersAreRefused() throws Exception {
        String p = project.toString();
        Path devNull = Path.of("/dev/null");
        refused("not a regular file", devNull, "export", p, "--format", "trl", "--out", "/dev/null", "-q");
        refused("not a regular file", devNull, "export", "weak", p, "--out", "/dev/null", "-q");
        refused("not a regular file", devNull, "import", p, input.toString(), "--skip-invalid", "--report", "/dev/null", "-q");
        int mode = (Integer) Files.getAttribute(devNull, "unix:mode");
        assertEquals(0020000, mode & 0170000, "/dev/null is still a character device");
        Path folder = dir.resolve("a-folder");
        Files.createDirectories(folder);
        refused("it is a folder", folder, "export", p, "--format", "trl", "--out", folder.toString(), "-q");
        refused("it is a folder", folder, "lf", "matrix", p, "--out", folder.toString(), "-q");
        assertTrue(Files.isDirectory(folder));
        CliTest.Run exp = CliTest.run("experiment", "--dataset", input.toString(), "--out", input.toString());
        assertEquals(1, exp.code(), exp.err());
        assertTrue(exp.err().contains("it is not a folder"), exp.err());
    }

    @Test
    void aLinkIsReplacedOnlyWithForceAndStaysALink() throws Exception {
        String p = project.toString();
        Path target = dir.resolve("target.jsonl");
        Files.writeString(target, "keep me\n");
        Path link = dir.resolve("link.jsonl");
        Files.createSymbolicLink(link, target);
        refused("it is a symbolic link", link, "export", p, "--format", "trl", "--out", link.toString(), "-q");
        assertEquals("keep me\n", Files.readString(target));
        CliTest.Run forced = CliTest.run("export", p, "--format", "trl", "--out", link.toString(), "--force", "--json", "-q");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(target, Files.readSymbolicLink(link));
        assertEquals(forced.json().get("written").asLong(), Files.readAllLines(target).size(), "the link's target was replaced");
    }

    @Test
    void outputsGetThePermissionsOfAPlainNewFile() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path out = dir.resolve("perm.jsonl");
        assertEquals(0, CliTest.run("export", project.toString(), "--format", "trl", "--out", out.toString(), "-q").code());
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(out), "like a plain new file (umask), not 0600");
        Path w = dir.resolve("perm-weak.jsonl");
        assertEquals(0, CliTest.run("export", "weak", project.toString(), "--out", w.toString(), "-q").code());
        assertEquals(expected, Files.getPosixFilePermissions(w));
        assertEquals(expected, Files.getPosixFilePermissions(Path.of(w + ".manifest.json")));
    }

    @Test
    void staleTemporaryFilesOfDeadWritersAreRemovedByTheNextWrite() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("stale"));
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Path dead = folder.resolve(".x.jsonl.pairlab-" + gone.pid() + "-0123456789abcdef.part");
        Path live = folder.resolve(".y.jsonl.pairlab-" + ProcessHandle.current().pid() + "-0123456789abcdef.part");
        Path old = folder.resolve(".z.jsonl1234567890123456789.part"); // the naming of Files.createTempFile before
        Path fresh = folder.resolve(".w.jsonl1234567890123456789.part");
        Path users = folder.resolve(".notes.part");
        List<Path> all = List.of(dead, live, old, fresh, users);
        for (Path f : all) {
            Files.writeString(f, "partial");
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        }
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(2 * 24 * 3600)));
        assertEquals(0, CliTest.run("export", project.toString(), "--format", "trl", "--out", folder.resolve("x.jsonl").toString(), "-q")
                .code());
        assertFalse(Files.exists(dead), "a dead writer's file goes");
        assertFalse(Files.exists(old), "an old-style file untouched for a day goes");
        assertTrue(Files.exists(live), "a live writer's file stays");
        assertTrue(Files.exists(fresh), "an old-style file of unknown owner stays for a day");
        assertTrue(Files.exists(users), "a file not named like ours stays");
    }

    @Test
    void manifestsNameFilesAndChecksumsAndAMismatchIsReported() throws Exception {
        String p = project.toString();
        Path out = dir.resolve("train.jsonl");
        Path manifest = Path.of(out + ".manifest.json");
        assertEquals(0, CliTest.run("export", "weak", p, "--out", out.toString(), "-q").code());
        JsonNode m = Json.MAPPER.readTree(manifest.toFile());
        assertEquals(WeakExport.sha256(out), m.path("output").path("sha256").asText(), "the manifest names its data's sha256");
        assertEquals("ub.pairlab", m.path("project").path("file").asText());
        assertEquals(64, m.path("project").path("sha256").asText().length());
        assertFalse(Files.readString(manifest).contains(dir.toString()), "no absolute path of the user's files");
        Path abs = dir.resolve("abs.jsonl");
        assertEquals(0, CliTest.run("export", "weak", p, "--out", abs.toString(), "--absolute-paths", "-q").code());
        assertEquals(project.toAbsolutePath().normalize().toString(),
                Json.MAPPER.readTree(Path.of(abs + ".manifest.json").toFile()).path("project").path("path").asText());

        // A manifest whose sha256 does not match what it reproduces: said on stderr, exit 1.
        ObjectNode tampered = (ObjectNode) m.deepCopy();
        ((ObjectNode) tampered.path("output")).put("sha256", "0".repeat(64));
        Path bad = dir.resolve("tampered.manifest.json");
        Files.writeString(bad, Json.MAPPER.writeValueAsString(tampered));
        Path again = dir.resolve("again.jsonl");
        CliTest.Run r = CliTest.run("export", "weak", p, "--manifest", bad.toString(), "--out", again.toString(), "-q");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("differs from " + "0".repeat(64)) && r.err().contains(WeakExport.sha256(out)), r.err());
        assertEquals(WeakExport.sha256(again), Json.MAPPER.readTree(Path.of(again + ".manifest.json").toFile())
                .path("output").path("sha256").asText(), "the new manifest describes the new file");

        // Reproduced onto the manifest's own data file: a difference leaves both as they were.
        Files.writeString(manifest, Json.MAPPER.writeValueAsString(tampered));
        byte[] data = Files.readAllBytes(out);
        byte[] man = Files.readAllBytes(manifest);
        CliTest.Run onto = CliTest.run("export", "weak", p, "--manifest", manifest.toString(), "--out", out.toString(), "-q");
        assertEquals(1, onto.code(), onto.err());
        assertTrue(onto.err().contains("left as they were"), onto.err());
        assertArrayEquals(data, Files.readAllBytes(out));
        assertArrayEquals(man, Files.readAllBytes(manifest));
        // ... and a true manifest reproduces onto its own file, which keeps its bytes.
        Files.writeString(manifest, Json.MAPPER.writeValueAsString(m));
        CliTest.Run same = CliTest.run("export", "weak", p, "--manifest", manifest.toString(), "--out", out.toString(), "--json", "-q");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.json().get("identical_to_manifest").asBoolean());
        assertArrayEquals(data, Files.readAllBytes(out));
        // The manifest read is an input: the data file may not overwrite it.
        refused("the manifest being reproduced", manifest, "export", "weak", p, "--manifest", manifest.toString(), "--out",
                manifest.toString(), "-q");
        assertNotEquals(0, Files.size(manifest));
    }
}
