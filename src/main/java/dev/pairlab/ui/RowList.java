package dev.pairlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * A table's rows, replaced all at once by {@link #replaceAll}: when the number of rows stays the same
 * the change is announced as an update of each row, which TableView answers by redrawing its cells.
 * {@code setAll} announces a replacement, which makes TableView throw its cells away and build and
 * style new ones (some 30-40 ms of the FX thread for the LF table after every relabel).
 */
public final class RowList<T> extends ObservableListBase<T> {

    private List<T> rows = new ArrayList<>();

    /** Shows these rows instead of the current ones. */
    public void replaceAll(List<? extends T> next) {
        List<T> old = rows;
        rows = new ArrayList<>(next);
        beginChange();
        if (old.size() == rows.size()) {
            for (int i = 0; i < rows.size(); i++) {
                nextUpdate(i);
            }
        } else {
            nextReplace(0, rows.size(), old);
        }
        endChange();
    }

    @Override
    public T get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }
}
