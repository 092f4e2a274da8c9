package dev.pairlab.ui.browser;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Transcript;
import dev.pairlab.store.Project;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The pair browser's table: virtualized, reading one page of pairs at a time from SQLite, with a
 * column per LF vote when a label matrix is known. It holds at most {@link #window()} rows at a time
 * (a window of the shown ids, moved with {@link #showWindow}): JavaFX 21's VirtualFlow walks every row
 * of its list on each scroll-to and list change, which at a million rows blocks the FX thread for
 * about 100 ms each time; at 50,000 rows it costs a few milliseconds.
 */
public final class PairTable extends TableView<Pair> {

    private static final int FIXED_COLUMNS = 7;
    static final int DEFAULT_WINDOW = 10_000;
    private PagedPairs rows;
    private Project project;
    private long[] allIds = new long[0];
    private int window = DEFAULT_WINDOW;
    private final javafx.beans.property.IntegerProperty windowStart = new javafx.beans.property.SimpleIntegerProperty(this, "windowStart", 0);
    /** The rows the skin created (a handful), to redraw those showing a page that just arrived. */
    private final java.util.Set<TableRow<Pair>> liveRows = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    /** The matrix the vote columns read; replaced without rebuilding columns when the LFs stay the same. */
    private LabelMatrix votes;

    public PairTable() {
        setPlaceholder(new Label("No project open. File → Open… or File → Import…"));
        getColumns().add(column("id", 70, p -> p.id()));
        getColumns().add(column("split", 60, p -> p.split() == null ? "" : p.split().key()));
        getColumns().add(column("gold", 60, p -> p.gold().known() ? p.gold().name() : (p.split() != null && p.split().goldHidden() ? "hidden" : "–")));
        getColumns().add(column("context (last turn)", 280, p -> oneLine(lastTurn(p.context()))));
        getColumns().add(column("answer A", 300, p -> oneLine(p.answerA())));
        getColumns().add(column("answer B", 300, p -> oneLine(p.answerB())));
        getColumns().add(column("source", 180, p -> PagedPairs.isPlaceholder(p) ? "" : p.source() + ":" + p.sourceRow()));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setFixedCellSize(24);
        setRowFactory(tv -> {
            TableRow<Pair> row = new TableRow<>();
            liveRows.add(row);
            return row;
        });
    }

    /** Redraws the visible rows in [from, to): their placeholder item is replaced by the loaded pair. */
    private void pageLoaded(int from, int to) {
        for (TableRow<Pair> row : List.copyOf(liveRows)) {
            int i = row.getIndex();
            if (i >= from && i < to) {
                row.updateIndex(i);
            }
        }
    }

    /** Shows the given pairs (ids loaded beforehand, off the FX thread), from the first window. */
    public void show(Project project, long[] ids) {
        this.project = project;
        this.allIds = ids;
        setPlaceholder(new Label(ids.length == 0 ? "No pairs match." : ""));
        showWindow(0);
    }

    /**
     * Shows the window of rows holding position {@code index} of the shown ids (0-based) and returns
     * that position's row index inside the window.
     */
    public int showWindow(int index) {
        int start = allIds.length == 0 ? 0 : (Math.max(0, Math.min(index, allIds.length - 1)) / window) * window;
        if (rows == null || start != windowStart.get() || rows.size() != Math.min(window, allIds.length - start)) {
            long[] slice = start == 0 && allIds.length <= window ? allIds
                    : Arrays.copyOfRange(allIds, start, Math.min(allIds.length, start + window));
            rows = new PagedPairs(project, slice, this::pageLoaded);
            windowStart.set(start);
            setItems(rows);
        }
        return Math.max(0, index - start);
    }

    /** The position, among all shown ids, of the window's first row. */
    public javafx.beans.property.ReadOnlyIntegerProperty windowStartProperty() {
        return windowStart;
    }

    /** How many ids are shown in all windows together. */
    public int totalRows() {
        return allIds.length;
    }

    /** The most rows one window holds. */
    public int window() {
        return window;
    }

    /** Changes the window size (tests use a small one); takes effect at the next {@link #show}. */
    public void setWindow(int rowsPerWindow) {
        window = Math.max(1, rowsPerWindow);
    }

    /** True for a row whose page is still being read ("…" in every cell). */
    public static boolean isLoading(Pair row) {
        return PagedPairs.isPlaceholder(row);
    }

    /** The position among all shown ids of the pair with this id, or -1 (ids are ascending). */
    public int positionOf(long id) {
        int i = Arrays.binarySearch(allIds, id);
        return i >= 0 ? i : -1;
    }

    /** Shows nothing (the paged list itself is read-only). */
    public void clearRows() {
        rows = null;
        allIds = new long[0];
        windowStart.set(0);
        setItems(FXCollections.observableArrayList());
    }

    /** Forgets cached pages (after a label changed) and redraws the visible rows. */
    public void refreshRows() {
        if (rows != null) {
            rows.clearCache();
        }
        refresh();
    }

    /**
     * One column per LF, showing A, B or a dot for abstain. When the LFs are the same as before only
     * the visible cells are redrawn; columns are rebuilt only when LFs were added, removed or renamed.
     */
    public void showVotes(LabelMatrix matrix) {
        LabelMatrix old = votes;
        votes = matrix;
        if (old != null && matrix != null && old.names().equals(matrix.names())) {
            refresh(); // redraws the visible cells only
            return;
        }
        getColumns().remove(FIXED_COLUMNS, getColumns().size());
        if (matrix == null) {
            return;
        }
        for (int j = 0; j < matrix.m(); j++) {
            int lf = j;
            getColumns().add(column(matrix.names().get(j), 70, p -> {
                LabelMatrix m = votes;
                int r = m == null ? -1 : Arrays.binarySearch(m.ids(), p.id());
                if (r < 0 || lf >= m.m()) {
                    return "";
                }
                byte v = m.get(r, lf);
                return v == Votes.ABSTAIN ? "·" : Votes.name(v);
            }));
        }
    }

    private static <T> TableColumn<Pair, T> column(String title, double width, Function<Pair, T> value) {
        TableColumn<Pair, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        return c;
    }

    /** For a conversation, the user's last message: the one both answers reply to. */
    static String lastTurn(String context) {
        int human = context.lastIndexOf(Transcript.HUMAN);
        if (human < 0) {
            return context;
        }
        String turn = context.substring(human + Transcript.HUMAN.length());
        int assistant = turn.lastIndexOf(Transcript.ASSISTANT);
        if (assistant >= 0) {
            turn = turn.substring(0, assistant);
        }
        return (human > 0 ? "… " : "") + turn.strip();
    }

    private static String oneLine(String s) {
        return s.strip().replace('\n', ' ').replace('\r', ' ');
    }
}
