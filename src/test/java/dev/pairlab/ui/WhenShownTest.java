package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class WhenShownTest {

    @Test
    void refreshesAtOnceWhileShowingAndOnceWhenNextShownOtherwise() {
        AtomicInteger runs = new AtomicInteger();
        WhenShown refresh = new WhenShown(runs::incrementAndGet);
        refresh.request();
        assertEquals(1, runs.get(), "a view on its own is showing");

        SimpleBooleanProperty tabSelected = new SimpleBooleanProperty(false);
        refresh.showingProperty().bind(tabSelected);
        refresh.request();
        refresh.request();
        refresh.request();
        assertEquals(1, runs.get(), "hidden: no refresh");
        assertTrue(refresh.stale());

        tabSelected.set(true);
        assertEquals(2, runs.get(), "shown: the three requests make one refresh");
        assertFalse(refresh.stale());

        tabSelected.set(false);
        tabSelected.set(true);
        assertEquals(2, runs.get(), "shown again without a request: nothing to do");
        refresh.request();
        assertEquals(3, runs.get());
    }
}
