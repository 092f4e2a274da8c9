package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.BadInputException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: LF names are 1–100 letters, digits, '_', '-' and '.'; names already stored still work. */
class LfNameTest {

    private static final String RULE = "{\"feature\":\"length\",\"prefer\":\"higher\",\"min_delta\":0}";

    @TempDir
    Path dir;

    @Test
    void namesAreLettersDigitsUnderscoreDashAndDotUpToAHundred() {
        for (String ok : new String[] {"length", "a", "reading_ease.v2", "no-hedges", "länge", "长度", "x".repeat(100), "007"}) {
            assertNull(LfName.problem(ok), ok);
        }
        assertTrue(LfName.problem("").contains("needs a name"));
        assertTrue(LfName.problem("a\nb").contains("a line break"), LfName.problem("a\nb"));
        assertTrue(LfName.problem("a,b").contains("a comma"));
        assertTrue(LfName.problem("my lf").contains("a space"));
        assertTrue(LfName.problem("x\u0000").contains("U+0000"));
        assertTrue(LfName.problem("\"q\"").contains("'\"'"));
        String long5000 = "x".repeat(5000);
        assertTrue(LfName.problem(long5000).contains("5000 characters long; at most 100"), LfName.problem(long5000));
        assertNotNull(LfName.problem("x".repeat(101)));
        for (String preset : Presets.NAMES) {
            for (String name : Presets.get(preset).keySet()) {
                assertNull(LfName.problem(name), preset + ": " + name);
            }
        }
    }

    @Test
    void aBadNewNameIsRefusedAndNothingIsStored() throws Exception {
        try (Project p = Project.create(dir.resolve("n.pairlab"))) {
            for (String bad : new String[] {"", "a\nb", "a,b", "x".repeat(5000)}) {
                BadInputException e = assertThrows(BadInputException.class, () -> Lfs.save(p, bad, "feature", RULE));
                assertEquals(LfName.problem(bad), e.getMessage());
            }
            assertEquals(0, Lfs.list(p).size());
            assertEquals(1, Lfs.save(p, "length", "feature", RULE).version());
        }
    }

    @Test
    void aProjectWhoseLfHasABadNameStillOpensAndTheLfCanBeEdited() throws Exception {
        Path file = dir.resolve("old.pairlab");
        try (Project p = Project.create(file)) {
            Lfs.save(p, "length", "feature", RULE);
            p.write(c -> { // as an older Pairlab, which did not check names, stored it
                try (PreparedStatement ps = c.prepareStatement("UPDATE lfs SET name = ? WHERE name = 'length'")) {
                    ps.setString(1, "longer, really");
                    ps.executeUpdate();
                }
                return null;
            });
        }
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            assertEquals("longer, really", Lfs.list(p).get(0).name());
            LfRecord edited = Lfs.save(p, "longer, really", "feature", RULE.replace("\"min_delta\":0", "\"min_delta\":5"));
            assertEquals(2, edited.version());
        }
    }
}
