package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleProjectsTest {

    @TempDir
    Path dir;

    @Test
    void everySampleBuildsFromTheSharedDataWithItsLfs() throws Exception {
        for (String name : SampleProjects.NAMES) {
            Path file = SampleProjects.ensure(name, dir, TestData.dir(), Presets::addTo, ProgressListener.NONE, Cancellation.none());
            try (Project p = Project.open(file, Project.Access.READ_ONLY)) {
                ProjectInfo info = Pairs.info(p);
                assertTrue(info.pairs() > 800, name + ": " + info.pairs());
                assertTrue(info.splits().containsKey(Split.TEST), name + " has a test split");
                assertTrue(Lfs.list(p).size() >= 6, name + " starts with the paper's LFs");
            }
        }
        assertEquals(898 + 386, pairs(dir.resolve("mt-bench.pairlab")));
        assertEquals(1448 + 2312, pairs(dir.resolve("hh-rlhf.pairlab")));
        assertEquals(10, lfs(dir.resolve("hh-rlhf.pairlab")), "the paper's 9 and one more");
        assertEquals(7, lfs(dir.resolve("mt-bench.pairlab")));
        try (Project p = Project.open(dir.resolve("ultrafeedback.pairlab"), Project.Access.READ_ONLY)) {
            assertTrue(Lfs.get(p, "structured") != null);
            String settings = Meta.get(p, "sample.settings");
            assertTrue(settings.contains("\"label_model\"") && settings.contains("\"gold+weak\""), settings);
        }
    }

    @Test
    void missingDataSaysWhereToPutIt() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> SampleProjects.ensure("mt-bench", dir, dir.resolve("nowhere"), Presets::addTo, ProgressListener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains("MT-BENCH-baseline-train-set.jsonl, which is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("Download it from"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("mt-bench.pairlab")));
    }

    private static long pairs(Path f) throws Exception {
        try (Project p = Project.open(f, Project.Access.READ_ONLY)) {
            return Pairs.count(p);
        }
    }

    private static int lfs(Path f) throws Exception {
        try (Project p = Project.open(f, Project.Access.READ_ONLY)) {
            return Lfs.list(p).size();
        }
    }
}
