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

    static final int DEFAULT_WINDOW = 10_000;
    private PagedPairs rows;
    private Project project;
    private long[] allIds = new long[0];
    private int window = DEFAULT_WINDOW;
    private final javafx.beans.property.IntegerProperty windowStart = new javafx.beans.property.SimpleIntegerProperty(this, "windowStart", 0);
    /** The rows the skin created (a handful), to redraw those showing a page that just arrived. */
    private final java.util.Set<TableRow<Pair>> liveRows = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    /** The matrix the vote columns read; replaced without rebuilding columns when the LFs stay the same. */
    private final javafx.beans.property.ObjectProperty<LabelMatrix> votes = new javafx.beans.property.SimpleObjectProperty<>();
    private final List<TableColumn<Pair, Pair>> voteColumns = new java.util.ArrayList<>();

    public PairTable() {
        setPlaceholder(new Label("No project open. File → Open… or File → Import…"));
        getColumns().add(column("id", 70, p -> p.id()));
        getColumns().add(column("split", 60, p -> p.split() == null ? "" : p.split().key()));
        getColumns().add(column("gold", 60, p -> p.gold().known() ? p.gold().name() : (p.split() != null && p.split().goldHidden() ? "hidden" : "–")));
        getColumns().add(longText(column("context (last turn)", 280, p -> oneLine(lastTurn(p.context())))));
        getColumns().add(longText(column("answer A", 300, p -> oneLine(p.answerA()))));
        getColumns().add(longText(column("answer B", 300, p -> oneLine(p.answerB()))));
        getColumns().add(longText(column("source", 180, p -> PagedPairs.isPlaceholder(p) ? "" : p.source() + ":" + p.sourceRow())));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        focusedProperty().addListener(o -> liveRows.forEach(PairTable::paintRow));
        setFixedCellSize(24);
        setRowFactory(tv -> {
            TableRow<Pair> row = new TableRow<>() {
                @Override
                public void updateIndex(int i) {
                    // A row on the sheet is shown: it may wait briefly for its page. VirtualFlow's
                    // size-estimating row sits under a hidden parent and never reads a page (it asks
                    // for every row of the list after each change of it).
                    javafx.scene.Parent parent = getParent();
                    PagedPairs.use = parent == null ? PagedPairs.Use.OTHER : parent.isVisible() ? PagedPairs.Use.SHOW : PagedPairs.Use.ESTIMATE;
                    try {
                        super.updateIndex(i);
                    } finally {
                        PagedPairs.use = PagedPairs.Use.OTHER;
                    }
                    paintRow(this);
                }

                @Override
                public void updateSelected(boolean selected) {
                    super.updateSelected(selected);
                    paintRow(this);
                }

                @Override
                protected void updateItem(Pair item, boolean empty) {
                    super.updateItem(item, empty);
                    paintRow(this);
                }
            };
            // Not a "table-row-cell": modena colours those by :odd/:even, a state that flips on every
            // row when the table scrolls by an odd number of rows and restyles all their cells.
            row.getStyleClass().remove("table-row-cell");
            row.getStyleClass().add("pair-row");
            liveRows.add(row);
            return row;
        });
    }

    @Override
    protected javafx.scene.control.Skin<?> createDefaultSkin() {
        return new Skin(this);
    }

    /**
     * The table's skin: its VirtualFlow does not restyle a row given a new index unless the row's
     * state (selected, focused, empty) changed. JavaFX's own does it whenever the row needs a layout,
     * which is always after its pair changed, and applies CSS again to the row and its every cell (about
     * two thirds of a scroll's layout time with a dozen LF columns). A row's looks depend on nothing
     * else that an index changes (its stripe is painted by {@link #paintRow}).
     */
    private static final class Skin extends javafx.scene.control.skin.TableViewSkin<Pair> {

        /** Holds the stylesheet's row colours (inner background, its alternate, selection bars) as fills. */
        final javafx.scene.layout.Region palette = new javafx.scene.layout.Region();

        Skin(PairTable table) {
            super(table);
            palette.getStyleClass().add("pair-row-palette");
            palette.setManaged(false);
            palette.setVisible(false);
            getChildren().add(palette);
        }

        @Override
        protected javafx.scene.control.skin.VirtualFlow<TableRow<Pair>> createVirtualFlow() {
            return new javafx.scene.control.skin.VirtualFlow<>() {
                private final java.util.Set<javafx.css.PseudoClass> before = new java.util.HashSet<>();
                private final java.util.Set<javafx.css.PseudoClass> after = new java.util.HashSet<>();

                @Override
                protected void setCellIndex(TableRow<Pair> row, int index) {
                    if (row.getScene() == null || row.getProperties().containsKey("newcell")) {
                        super.setCellIndex(row, index); // a new row is styled, as JavaFX does
                        return;
                    }
                    stateOf(row, before);
                    row.updateIndex(index);
                    stateOf(row, after);
                    if (!before.equals(after)) {
                        row.applyCss();
                    }
                }

                private void stateOf(TableRow<Pair> row, java.util.Set<javafx.css.PseudoClass> into) {
                    into.clear();
                    into.addAll(row.getPseudoClassStates());
                    into.remove(ODD);
                    into.remove(EVEN);
                }
            };
        }
    }

    private static final javafx.css.PseudoClass ODD = javafx.css.PseudoClass.getPseudoClass("odd");
    private static final javafx.css.PseudoClass EVEN = javafx.css.PseudoClass.getPseudoClass("even");

    /** Row backgrounds: plain, alternate (odd rows), selected in the focused table, selected otherwise. */
    private javafx.scene.layout.Background[] rowBackgrounds;

    /** Sets a row's background from its index, selection and the table's focus (once the skin has styles). */
    private static void paintRow(TableRow<Pair> row) {
        if (!(row.getTableView() instanceof PairTable table) || table.rowBackgrounds() == null) {
            return;
        }
        javafx.scene.layout.Background[] b = table.rowBackgrounds;
        javafx.scene.layout.Background want = row.isSelected() && !row.isEmpty() ? b[table.isFocused() ? 2 : 3]
                : row.getIndex() % 2 == 1 ? b[1] : b[0];
        if (row.getBackground() != want) {
            row.setBackground(want);
        }
    }

    /** The row backgrounds from the skin's palette region, read once; null before the table is styled. */
    private javafx.scene.layout.Background[] rowBackgrounds() {
        if (rowBackgrounds == null && getSkin() instanceof Skin skin && getScene() != null) {
            skin.palette.applyCss();
            javafx.scene.layout.Background styled = skin.palette.getBackground();
            if (styled != null && styled.getFills().size() == 4) {
                rowBackgrounds = styled.getFills().stream()
                        .map(f -> new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(f.getFill(), null, null)))
                        .toArray(javafx.scene.layout.Background[]::new);
            }
        }
        return rowBackgrounds;
    }

    /**
     * While no project is open (the table hidden under the start screen): a window's count of rows with
     * cell-length texts and vote columns with these names, so that the rows and cells are built,
     * styled and laid out (clipped texts included) at start-up, when JavaFX's code is run for the first
     * time. The first project's rows then reuse the cells; when its LFs have these names the columns
     * stay as they are, else they are renamed by position. Built when a project opens, they cost the FX
     * thread a few hundred milliseconds.
     */
    public void warmUp(List<String> voteColumnNames) {
        if (project != null) {
            return;
        }
        // As many rows as a window: JavaFX's VirtualFlow takes every cell off the screen and styles it
        // anew when the row count changes (some 60-90 ms for a screenful), not when only the rows change.
        warmRows(WARM_TEXT);
        List<TableColumn<Pair, Pair>> added = new java.util.ArrayList<>();
        for (String name : voteColumnNames) {
            TableColumn<Pair, Pair> c = voteColumn(voteColumns.size(), name);
            voteColumns.add(c);
            added.add(c);
        }
        getColumns().addAll(added);
    }

    /**
     * One more rehearsal while no project is open: the warm rows change their texts, so the cells are
     * updated and laid out again. A few of these at start-up let the JIT compile the table's layout
     * code before the first project's rows need it.
     */
    public void rehearse(int round) {
        if (project == null) {
            warmRows(round % 2 == 0 ? WARM_TEXT : asciiText(round));
        }
    }

    private void warmRows(String text) {
        int n = window;
        setItems(new javafx.collections.ObservableListBase<Pair>() {
            @Override
            public Pair get(int index) {
                return new Pair(-1 - index, text, text, text, dev.pairlab.pairs.Gold.NONE, null, "", -1, "{}");
            }

            @Override
            public int size() {
                return n;
            }
        });
    }

    /**
     * 90 printable ASCII characters, from a different place in their sequence for each round: the
     * rehearsals together lay out every character once, so the font's glyph measures are known when
     * real texts come (a character's first measure goes to the font library).
     */
    static String asciiText(int round) {
        StringBuilder b = new StringBuilder(90);
        for (int k = 0; k < 90; k++) {
            b.append((char) (' ' + (round * 45 + k) % 95));
        }
        b.setCharAt(89, '·'); // an abstain in the vote columns
        return b.toString();
    }

    /** A text as long as a table cell shows (PagedPairs cuts texts to 90 characters). */
    private static final String WARM_TEXT = "Start-up rehearsal of a row: a text as long as the cells of the pair table show, cut short";

    /** Redraws the visible rows in [from, to): their placeholder item is replaced by the loaded pair. */
    private void pageLoaded(int from, int to) {
        long t0 = System.nanoTime();
        for (TableRow<Pair> row : List.copyOf(liveRows)) {
            int i = row.getIndex();
            if (i >= from && i < to) {
                row.updateIndex(i);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (dev.pairlab.ui.FxTrace.ON) {
            dev.pairlab.ui.FxTrace.event(t0, "rows " + from + "-" + to + " redrawn " + ms + " ms");
        }
        dev.pairlab.ui.FxTrace.slow(ms, "redrawing rows " + from + "-" + to);
    }

    /**
     * Shows the given pairs (ids loaded beforehand, off the FX thread). The same pairs as shown keep
     * their window, scroll position and selection (a relabel refilters to the same ids); other pairs
     * start at the selected pair when they hold it, else at the top of the first window.
     */
    public void show(Project project, long[] ids) {
        show(project, ids, null);
    }

    /**
     * As {@link #show(Project, long[])}, with the rows of the ids' first page read beforehand (null: read
     * when shown); taken when the first window is shown and the page is of its ids.
     */
    public void show(Project project, long[] ids, List<Pair> firstPage) {
        if (project == this.project && rows != null && Arrays.equals(ids, allIds)
                && rows.size() == Math.min(window, ids.length - windowStart.get())) {
            return;
        }
        Pair selected = project == this.project ? getSelectionModel().getSelectedItem() : null;
        this.project = project;
        this.allIds = ids;
        this.rows = null;
        ((Label) getPlaceholder()).setText(ids.length == 0 ? "No pairs match." : "");
        int position = selected == null ? -1 : positionOf(selected.id());
        if (position < 0) {
            showWindow(0, firstPage);
            scrollTo(0); // other rows from the top: the flow kept the old list's scroll position
            return;
        }
        int row = showWindow(position, firstPage);
        getSelectionModel().clearAndSelect(row);
        scrollTo(Math.max(0, row - 5));
    }

    /**
     * Shows the window of rows holding position {@code index} of the shown ids (0-based) and returns
     * that position's row index inside the window.
     */
    public int showWindow(int index) {
        return showWindow(index, null);
    }

    /** As {@link #showWindow(int)}, with the first page's rows read beforehand for the first window (or null). */
    private int showWindow(int index, List<Pair> firstPage) {
        int start = allIds.length == 0 ? 0 : (Math.max(0, Math.min(index, allIds.length - 1)) / window) * window;
        if (rows == null || start != windowStart.get() || rows.size() != Math.min(window, allIds.length - start)) {
            long[] slice = start == 0 && allIds.length <= window ? allIds
                    : Arrays.copyOfRange(allIds, start, Math.min(allIds.length, start + window));
            rows = new PagedPairs(project, slice, start == 0 ? firstPage : null, this::pageLoaded);
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

    /**
     * Shows no pairs: "…" in every row until a project's rows arrive. The rows keep their count (see
     * {@link #warmUp}), and the start-up rehearsal's texts are never seen.
     */
    public void clearRows() {
        rows = null;
        project = null;
        allIds = new long[0];
        windowStart.set(0);
        warmRows("…"); // rows of the same count: the table is hidden with no project open, and the next one reuses the cells
    }

    /**
     * Re-reads the pages of the rows on screen (after a label changed) and redraws those rows when they
     * arrive; the old rows stay shown until then. Other cached pages are forgotten.
     */
    public void refreshRows() {
        if (rows == null) {
            return;
        }
        java.util.Set<Integer> pages = new java.util.HashSet<>();
        for (TableRow<Pair> row : liveRows) {
            if (row.getIndex() >= 0 && row.getIndex() < rows.size()) {
                pages.add(row.getIndex() / PagedPairs.PAGE);
            }
        }
        rows.reload(pages);
    }

    /**
     * One column per LF, showing A, B or a dot for abstain. New labels only redraw the vote cells on
     * screen. Columns are kept by position and renamed when the LFs change, added or removed only when
     * their number changes: a new column makes every row build a cell for it. Without a matrix (project
     * closed, or not labeled yet) the columns stay and show nothing.
     */
    public void showVotes(LabelMatrix matrix) {
        if (matrix != null) {
            List<String> names = matrix.names();
            List<TableColumn<Pair, Pair>> added = new java.util.ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                if (j < voteColumns.size()) {
                    voteColumns.get(j).setText(names.get(j));
                } else {
                    TableColumn<Pair, Pair> c = voteColumn(j, names.get(j));
                    voteColumns.add(c);
                    added.add(c);
                }
            }
            if (voteColumns.size() > names.size()) {
                List<TableColumn<Pair, Pair>> extra = voteColumns.subList(names.size(), voteColumns.size());
                getColumns().removeAll(extra);
                extra.clear();
            }
            getColumns().addAll(added);
        }
        votes.set(matrix);
    }

    private TableColumn<Pair, Pair> voteColumn(int lf, String name) {
        TableColumn<Pair, Pair> c = new TableColumn<>(name);
        c.setPrefWidth(70);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new VoteCell(lf));
        return c;
    }

    /** A vote cell: redrawn when its row's pair or the label matrix changes. */
    private final class VoteCell extends javafx.scene.control.TableCell<Pair, Pair> {

        private final int lf;
        private final javafx.beans.InvalidationListener redraw = o -> draw();

        VoteCell(int lf) {
            this.lf = lf;
            votes.addListener(new javafx.beans.WeakInvalidationListener(redraw));
        }

        @Override
        protected void updateItem(Pair pair, boolean empty) {
            super.updateItem(pair, empty);
            draw();
        }

        private void draw() {
            Pair p = isEmpty() ? null : getItem();
            LabelMatrix m = votes.get();
            int r = p == null || m == null || lf >= m.m() ? -1 : Arrays.binarySearch(m.ids(), p.id());
            if (r < 0) {
                setText(null);
            } else {
                byte v = m.get(r, lf);
                setText(v == Votes.ABSTAIN ? "·" : Votes.name(v));
            }
        }
    }

    /**
     * A column of texts longer than its cells: they are cut at the cell's edge (style class
     * {@code long-text}) instead of ending in an ellipsis, which JavaFX finds by measuring the text
     * again for every cell laid out (the detail pane shows the whole text).
     */
    private static <T> TableColumn<Pair, T> longText(TableColumn<Pair, T> c) {
        c.getStyleClass().add("long-text");
        return c;
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
