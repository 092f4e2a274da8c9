package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.ImportOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    @TempDir
    Path dir;

    private Path smallFile() throws Exception {
        Path f = dir.resolve("small.jsonl");
        Files.writeString(f, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"bb\",\"label\":1}\n");
        return f;
    }

    @Test
    void aNewProjectIsWalModeAtTheCurrentSchemaAndReopens() throws Exception {
        Path file = dir.resolve("p.pairlab");
        try (Project p = Project.create(file)) {
            assertTrue(p.writable());
            assertEquals("p", p.name());
            String mode = p.read(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("wal", mode);
        }
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertFalse(p.writable());
            assertEquals(0, Pairs.count(p));
            assertEquals(List.of(), p.integrityProblems());
        }
    }

    @Test
    void creatingOverAnExistingFileFails() throws Exception {
        Path file = dir.resolve("p.pairlab");
        Files.writeString(file, "x");
        ProjectException e = assertThrows(ProjectException.class, () -> Project.create(file));
        assertTrue(e.getMessage().contains("already exists"));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void openingSomethingElseSaysWhatItIs() throws Exception {
        Path missing = dir.resolve("nope.pairlab");
        assertTrue(assertThrows(ProjectException.class, () -> Project.open(missing, Project.Access.READ_ONLY))
                .getMessage().contains("no such project"));
        Path text = dir.resolve("text.pairlab");
        Files.writeString(text, "hello, I am not a database at all, just some text that is long enough to matter".repeat(20));
        assertTrue(assertThrows(ProjectException.class, () -> Project.open(text, Project.Access.READ_WRITE))
                .getMessage().contains("not a Pairlab project"));
        Path otherDb = dir.resolve("other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + otherDb); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        assertTrue(assertThrows(ProjectException.class, () -> Project.open(otherDb, Project.Access.READ_ONLY))
                .getMessage().contains("not a Pairlab project"));
        assertEquals("hello", Files.readString(text).substring(0, 5));
    }

    @Test
    void aProjectFromANewerPairlabIsRefusedUntouched() throws Exception {
        Path file = dir.resolve("p.pairlab");
        Project.create(file).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99, 'future')");
        }
        byte[] before = Files.readAllBytes(file);
        ProjectException e = assertThrows(ProjectException.class, () -> Project.open(file, Project.Access.READ_WRITE));
        assertTrue(e.getMessage().contains("newer Pairlab"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    }

    @Test
    void aSecondWriterInTheSameProcessIsToldTheProjectIsInUse() throws Exception {
        Path file = dir.resolve("p.pairlab");
        try (Project first = Project.create(file)) {
            ProjectInUseException e = assertThrows(ProjectInUseException.class, () -> Project.open(file, Project.Access.READ_WRITE));
            assertTrue(e.getMessage().contains("open for writing in another Pairlab process"), e.getMessage());
            try (Project reader = Project.open(file, Project.Access.READ_ONLY)) {
                assertEquals(0, Pairs.count(reader));
            }
        }
        Project.open(file, Project.Access.READ_WRITE).close();
    }

    @Test
    void aSecondProcessGetsAnInUseMessageAndExitCode1WhileReadsStillWork() throws Exception {
        Path file = dir.resolve("p.pairlab");
        Path input = smallFile();
        try (Project holder = Project.create(file)) {
            ProjectFixture.importFile(holder, input, ImportOptions.defaults());
            Process importer = cli("import", file.toString(), input.toString());
            String err = new String(importer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(importer.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, importer.exitValue(), err);
            assertTrue(err.contains("is open for writing in another Pairlab process (pid " + ProcessHandle.current().pid()), err);
            Process info = cli("info", file.toString(), "--json");
            String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(info.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, info.exitValue());
            assertTrue(out.startsWith("{\"project\":\"p\",\"pairs\":1,"), out);
            assertEquals(1, Pairs.count(holder));
            assertEquals(List.of(), holder.integrityProblems());
        }
        // The lock dies with its holder: now the other process can write.
        Process importer = cli("import", file.toString(), input.toString(), "-q");
        assertTrue(importer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, importer.exitValue());
        try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
            assertEquals(2, Pairs.count(p));
        }
    }

    @Test
    void aSymlinkToTheProjectMeetsTheSameInUseLock() throws Exception {
        Path file = dir.resolve("real.pairlab");
        Path link = Files.createSymbolicLink(dir.resolve("link.pairlab"), file.getFileName());
        Path input = smallFile();
        try (Project holder = Project.create(file)) {
            ProjectInUseException e = assertThrows(ProjectInUseException.class, () -> Project.open(link, Project.Access.READ_WRITE));
            assertTrue(e.getMessage().startsWith(link + " is open for writing in another Pairlab process"), e.getMessage());
            long start = System.nanoTime();
            Process importer = cli("import", link.toString(), input.toString());
            String err = new String(importer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(importer.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, importer.exitValue(), err);
            assertTrue(err.contains("is open for writing in another Pairlab process"), err);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "refused at once, not after SQLite's wait");
            assertEquals(0, Pairs.count(holder));
        }
        try (Project viaLink = Project.open(link, Project.Access.READ_WRITE)) {
            assertThrows(ProjectInUseException.class, () -> Project.open(file, Project.Access.READ_WRITE));
            assertEquals("link", viaLink.name());
        }
    }

    @Test
    void sqliteBusyIsTheInUseMessageWithExitCode1() throws Exception {
        Path file = dir.resolve("p.pairlab");
        Path input = smallFile();
        Project.create(file).close();
        // Another program (or a hard link the lock cannot see) holding SQLite's write lock.
        try (var other = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()); var s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            Process importer = cli("import", file.toString(), input.toString());
            String err = withoutLoggerNoise(new String(importer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(importer.waitFor(90, TimeUnit.SECONDS));
            assertEquals(1, importer.exitValue(), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("pairlab: " + file + " is in use by another process"), err);
            assertFalse(err.contains("SQLITE_BUSY") || err.contains("internal error"), err);
            s.execute("ROLLBACK");
        }
    }

    /** The test class path holds two SLF4J providers, and SLF4J says so on stderr; the jar does not. */
    static String withoutLoggerNoise(String err) {
        return err.lines().filter(l -> !l.startsWith("SLF4J(")).collect(java.util.stream.Collectors.joining("\n"));
    }

    static Process cli(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pairlab.ui.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
