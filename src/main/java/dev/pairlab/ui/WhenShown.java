package dev.pairlab.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A view's refresh that waits while the view is not showing. A TabPane keeps every tab's content in the
 * scene graph, so a view that redrew its tables and charts after each relabel would spend frames on
 * screens nobody sees (at a million pairs: the difference between a smooth and a stuttering stats
 * update). {@link #request()} refreshes at once when the view shows, otherwise marks it stale; it is
 * refreshed when it is next shown. The main window binds {@link #showingProperty()} to the tab's
 * selection; a view used on its own is always showing.
 */
public final class WhenShown {

    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", true);
    private final Runnable refresh;
    private boolean stale;

    public WhenShown(Runnable refresh) {
        this.refresh = refresh;
        showing.addListener((o, was, now) -> {
            if (now && stale) {
                run();
            }
        });
    }

    /** Refreshes now when showing, else when next shown. */
    public void request() {
        if (showing.get()) {
            run();
        } else {
            stale = true;
        }
    }

    /** True while a requested refresh waits for the view to show. */
    public boolean stale() {
        return stale;
    }

    public BooleanProperty showingProperty() {
        return showing;
    }

    private void run() {
        stale = false;
        refresh.run();
    }
}
