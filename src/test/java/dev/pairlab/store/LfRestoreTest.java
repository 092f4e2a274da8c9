package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pairlab.pairs.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting an LF keeps what Undo needs, and restoring brings back the LF with every saved version. */
class LfRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aRemovedLfComesBackWithItsHistoryUnderItsOldId() throws Exception {
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            Lfs.save(p, "first", "code", "{\"source\":\"return A;\"}");
            Lfs.save(p, "x", "code", "{\"source\":\"return A;\"}");
            Lfs.save(p, "x", "code", "{\"source\":\"return B;\"}");
            Lfs.setEnabled(p, "x", false);
            Lfs.save(p, "last", "code", "{\"source\":\"return B;\"}");
            LfRecord before = Lfs.get(p, "x");
            List<Lfs.Version> history = Lfs.history(p, "x");

            Lfs.Removed removed = Lfs.removeKeepingHistory(p, "x");
            assertNull(Lfs.get(p, "x"));
            assertEquals(before, removed.lf());
            assertNull(Lfs.removeKeepingHistory(p, "x"), "nothing left to remove");

            LfRecord back = Lfs.restore(p, removed);
            assertEquals(before, back);
            assertEquals(history, Lfs.history(p, "x"));
            assertEquals(List.of("first", "x", "last"), Lfs.list(p).stream().map(LfRecord::name).toList(), "in its old place");
        }
    }

    @Test
    void anLfOfTheSameNameMadeInBetweenIsNotOverwritten() throws Exception {
        try (Project p = Project.create(dir.resolve("p.pairlab"))) {
            Lfs.save(p, "x", "code", "{\"source\":\"return A;\"}");
            Lfs.Removed removed = Lfs.removeKeepingHistory(p, "x");
            Lfs.save(p, "x", "code", "{\"source\":\"return B;\"}");
            BadInputException e = assertThrows(BadInputException.class, () -> Lfs.restore(p, removed));
            assertEquals("an LF named 'x' exists again: rename or delete it first", e.getMessage());
        }
    }
}
