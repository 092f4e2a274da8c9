package dev.pairlab.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's paged rows, without the FX thread: which rows need a page read and which do not. */
class PagedPairsTest {

    @TempDir
    Path dir;

    /** MT-Bench train imported into a new project: real pairs over several pages. */
    private Project mtBenchProject() throws Exception {
        Project p = Project.create(dir.resolve("t.pairlab"));
        try {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    @Test
    void findingARowByItsPairReadsNoPageAndMatchesByIdAlone() throws Exception {
        try (Project p = mtBenchProject()) {
            long[] ids = Pairs.ids(p, Pairs.allSplits());
            assertTrue(ids.length > 3 * PagedPairs.PAGE, "needs several pages: " + ids.length);
            PagedPairs rows = new PagedPairs(p, ids, (from, to) -> { });
            Pair wanted = ProjectFixture.all(p).get(250);
            // TableView's selection model calls indexOf with the selected pair on every new list; the
            // list's own indexOf would have read every page (its placeholders never equal the pair).
            assertEquals(250, rows.indexOf(wanted));
            assertEquals(250, rows.lastIndexOf(wanted));
            assertTrue(rows.contains(wanted));
            Pair absent = new Pair(ids[ids.length - 1] + 1, "c", "a", "b", wanted.gold(), null, "", 0, "{}");
            assertEquals(-1, rows.indexOf(absent));
            assertFalse(rows.contains("not a pair"));
            assertEquals(0, rows.pagesHeld(), "no page read or being read");
        }
    }

    @Test
    void aFirstPageReadBeforehandIsServedWithoutAPlaceholder() throws Exception {
        try (Project p = mtBenchProject()) {
            long[] ids = Pairs.ids(p, Pairs.allSplits());
            List<Pair> first = PagedPairs.firstPage(p, ids);
            assertEquals(PagedPairs.PAGE, first.size());
            PagedPairs rows = new PagedPairs(p, ids, first, (from, to) -> { });
            Pair row = rows.get(7);
            assertFalse(PagedPairs.isPlaceholder(row));
            assertEquals(ids[7], row.id());
            assertEquals(ProjectFixture.all(p).get(7).answerA().substring(0, 20), row.answerA().substring(0, 20));
            // A first page of other ids (a stale read) is not taken: its rows are read again.
            PagedPairs other = new PagedPairs(p, java.util.Arrays.copyOfRange(ids, 1, ids.length), first, (from, to) -> { });
            assertEquals(0, other.pagesHeld());
        }
    }
}
