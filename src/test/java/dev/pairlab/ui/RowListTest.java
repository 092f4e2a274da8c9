package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class RowListTest {

    @Test
    void sameNumberOfRowsIsAnUpdateOfEachAnotherNumberAReplacement() {
        RowList<String> rows = new RowList<>();
        List<String> seen = new ArrayList<>();
        rows.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                seen.add((c.wasUpdated() ? "updated " : "") + (c.wasReplaced() ? "replaced " : "") + (c.wasAdded() ? "added " : "")
                        + c.getFrom() + "-" + c.getTo() + " removed " + c.getRemovedSize());
            }
        });
        rows.replaceAll(List.of("a", "b"));
        assertEquals(List.of("added 0-2 removed 0"), seen);
        seen.clear();
        rows.replaceAll(List.of("c", "d"));
        assertEquals(List.of("c", "d"), List.copyOf(rows));
        assertEquals(1, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("updated 0-2"), seen.toString());
        assertFalse(seen.get(0).contains("replaced"), seen.toString());
        seen.clear();
        rows.replaceAll(List.of("e"));
        assertEquals(List.of("replaced added 0-1 removed 2"), seen);
        assertEquals(1, rows.size());
    }
}
