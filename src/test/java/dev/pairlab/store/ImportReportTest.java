package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.task.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --skip-invalid report is part of the import: written before it commits, and its failure undoes it. */
class ImportReportTest {

    @TempDir
    Path dir;

    private Path input() throws IOException {
        return Files.writeString(dir.resolve("in.jsonl"), """
                {"instruction":"q1","answer_0":"a","answer_1":"b","label":0}
                {"instruction":"q2","answer_0":"a","answer_1":"b","label":"x"}
                """);
    }

    @Test
    void aReportThatCannotBeWrittenRollsTheImportBack() throws Exception {
        Path in = input();
        Path folder = Files.createDirectories(dir.resolve("reports"));
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            String before = ProjectFixture.fingerprint(p);
            // The folder is there when the import starts (so the early check passes) and gone when
            // the report is written: the write fails after every pair was inserted.
            BadInputException e = assertThrows(BadInputException.class, () -> PairImport.run(p, in,
                    ImportOptions.defaults().withSkipInvalid(true), OutputFile.of(folder.resolve("r.txt"), false), (done, total, what) -> {
                        try {
                            Files.deleteIfExists(folder);
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    }, Cancellation.none()));
            assertTrue(e.getMessage().contains("r.txt") && e.getMessage().contains("nothing was imported"), e.getMessage());
            assertEquals(before, ProjectFixture.fingerprint(p), "the project is as it was");
            assertEquals(0, Pairs.count(p));
        }
    }

    @Test
    void theReportIsThereWhenTheImportIsCommitted() throws Exception {
        Path in = input();
        Path report = dir.resolve("r.txt");
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            ImportReport r = PairImport.run(p, in, ImportOptions.defaults().withSkipInvalid(true), OutputFile.of(report, false),
                    (done, total, what) -> { }, Cancellation.none());
            assertEquals(1, r.imported());
            assertTrue(Files.readString(report).contains("in.jsonl:2: field 'label'"), Files.readString(report));
        }
    }
}
