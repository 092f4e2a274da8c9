package dev.pairlab.ui.browser;

import dev.pairlab.analysis.PairFilter;
import dev.pairlab.analysis.TextDiff;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import dev.pairlab.store.GoldEdits;
import dev.pairlab.analysis.LabelNext;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * The pair browser: a virtualized table of all pairs (paged from SQLite), filters by split, gold
 * label, an LF's vote, "LFs disagree" and text, and the selected pair in full below. Keys A, B and 0
 * set or clear a gold label (a pool pair moves into the train split), saved at once; Ctrl+Z takes the
 * last one back.
 */
public final class PairBrowserView extends BorderPane {

    private final Workspace ws;
    private final PairTable table = new PairTable();
    private final PairDetail detail = new PairDetail();
    private final ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList("any split", "train", "dev", "test", "pool"));
    private final ComboBox<String> gold = new ComboBox<>(FXCollections.observableArrayList("any gold", "A preferred", "B preferred", "unlabeled"));
    private final ComboBox<String> lf = new ComboBox<>();
    private final ComboBox<PairFilter.Vote> vote = new ComboBox<>(FXCollections.observableArrayList(PairFilter.Vote.values()));
    private final CheckBox disagree = new CheckBox("LFs disagree");
    private final TextField search = new TextField();
    private final Label count = new Label();
    private final Button previousRows = new Button("◀");
    private final Button nextRows = new Button("▶");
    private final Label rowsShown = new Label();
    private final TextField goTo = new TextField();
    private final javafx.scene.layout.HBox windowBar;
    private long[] searchIds;
    private long[] requestedIds;
    private final dev.pairlab.ui.WhenShown refresh = new dev.pairlab.ui.WhenShown(this::showLabels);

    public PairBrowserView(Workspace ws) {
        this.ws = ws;
        split.getSelectionModel().select(0);
        gold.getSelectionModel().select(0);
        vote.getSelectionModel().select(PairFilter.Vote.ANY);
        lf.setPromptText("LF");
        search.setPromptText("search text, Enter");
        search.setId("browser-search");
        split.setId("browser-split");
        disagree.setId("browser-disagree");
        count.setId("browser-count");
        Button clear = new Button("Clear filters");
        clear.setOnAction(e -> clearFilters());
        Button next = new Button("Label these next");
        next.setId("browser-next");
        next.setTooltip(new javafx.scene.control.Tooltip("The 50 pool pairs a label would help most (LF conflict and label-model uncertainty,"
                + " as 'pairlab next --by combined'); press A or B on one to label it and move it into the train split."));
        next.setOnAction(e -> labelNext());
        previousRows.setId("browser-previous-rows");
        nextRows.setId("browser-next-rows");
        rowsShown.setId("browser-rows-shown");
        goTo.setId("browser-goto");
        goTo.setPromptText("go to pair id");
        goTo.setPrefColumnCount(8);
        previousRows.setOnAction(e -> moveWindow(-1));
        nextRows.setOnAction(e -> moveWindow(1));
        goTo.setOnAction(e -> goToId());
        windowBar = new javafx.scene.layout.HBox(4, previousRows, rowsShown, nextRows, goTo);
        windowBar.setAlignment(Pos.CENTER_LEFT);
        windowBar.managedProperty().bind(windowBar.visibleProperty());
        windowBar.setVisible(false);
        table.windowStartProperty().addListener((o, a, b) -> updateWindowBar());
        FlowPane filters = new FlowPane(8, 6, new Label("Show:"), split, gold, lf, vote, disagree, search, clear, next, count, windowBar);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(6));
        table.setId("pair-table");
        SplitPane center = new SplitPane(table, detail);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.55);
        setTop(filters);
        setCenter(center);

        split.setOnAction(e -> refilter());
        gold.setOnAction(e -> refilter());
        lf.setOnAction(e -> refilter());
        vote.setOnAction(e -> refilter());
        disagree.setOnAction(e -> refilter());
        search.setOnAction(e -> runSearch());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> showDetail(p));
        bindLabelKeys();
        table.setOnKeyPressed(e -> {
            int row = table.getSelectionModel().getSelectedIndex();
            int start = table.windowStartProperty().get();
            if (e.getCode() == KeyCode.DOWN && row == table.getItems().size() - 1 && start + row + 1 < table.totalRows()) {
                table.getSelectionModel().clearAndSelect(table.showWindow(start + row + 1));
                table.scrollTo(0);
                e.consume();
            } else if (e.getCode() == KeyCode.UP && row == 0 && start > 0) {
                int last = table.showWindow(start - 1);
                table.getSelectionModel().clearAndSelect(last);
                table.scrollTo(Math.max(0, last - 10));
                e.consume();
            }
        });
        ws.project().addListener((o, a, p) -> {
            labelEdits.clear();
            table.clearRows(); // at once, shown or not: no rows of another project (or of the start-up rehearsal)
            searchIds = null;
            requestedIds = null;
            refresh.request();
        });
        ws.labeled().addListener((o, a, l) -> refresh.request());
        ws.browserIdsRequest().addListener((o, a, ids) -> {
            if (ids != null) {
                clearFilterControls();
                requestedIds = ids;
                refilter();
            }
        });
    }

    /** After a new project or new labels: the LF filter's choices, the vote columns and the rows (deferred while hidden). */
    private void showLabels() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        List<String> names = new ArrayList<>();
        names.add("any LF");
        if (l != null) {
            names.addAll(l.matrix().names());
        }
        // Without labels (a project opening) the choices stay: the same LFs' labels usually follow.
        if (l != null && !names.equals(lf.getItems())) {
            String keep = lf.getValue();
            lf.getItems().setAll(names);
            lf.getSelectionModel().select(keep != null && names.contains(keep) ? keep : "any LF");
        }
        table.showVotes(l == null ? null : l.matrix());
        refilter();
    }

    /** Bound by the main window to the tab's selection: while false, refreshes wait. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return refresh.showingProperty();
    }

    /**
     * Builds a screenful of rows and vote columns with these names before any project opens (see
     * {@link PairTable#warmUp}): the project's LFs then only rename them (same number) or show in
     * them as they are (same names); another number rebuilds the header row (about 90 ms of styling).
     */
    public void warmUp(List<String> voteColumnNames) {
        table.warmUp(voteColumnNames);
        if (ws.project().get() == null && !voteColumnNames.isEmpty()) {
            // and the LF filter's choices: the same names then leave the combo box as it is (filling
            // it took 8-10 ms of the FX thread when the first project's labels arrived)
            List<String> names = new ArrayList<>();
            names.add("any LF");
            names.addAll(voteColumnNames);
            lf.getItems().setAll(names);
            lf.getSelectionModel().select("any LF");
        }
    }

    /** See {@link PairTable#rehearse}. */
    public void rehearse(int round) {
        table.rehearse(round);
    }

    private void clearFilterControls() {
        split.getSelectionModel().select(0);
        gold.getSelectionModel().select(0);
        lf.getSelectionModel().select("any LF");
        vote.getSelectionModel().select(PairFilter.Vote.ANY);
        disagree.setSelected(false);
        search.clear();
        searchIds = null;
    }

    private void clearFilters() {
        clearFilterControls();
        requestedIds = null;
        refilter();
    }

    private PairFilter currentFilter(ProjectLabeling.Labeled l) {
        Split s = split.getSelectionModel().getSelectedIndex() <= 0 ? null : Split.parse(split.getValue());
        Integer g = switch (gold.getSelectionModel().getSelectedIndex()) {
            case 1 -> 0;
            case 2 -> 1;
            case 3 -> -1;
            default -> null;
        };
        int lfIndex = l == null || lf.getValue() == null ? -1 : l.matrix().names().indexOf(lf.getValue());
        long[] only = searchIds;
        if (requestedIds != null) {
            only = only == null ? requestedIds : java.util.Arrays.stream(only).filter(id -> java.util.Arrays.binarySearch(requestedIds, id) >= 0).toArray();
        }
        return new PairFilter(s, g, lfIndex, vote.getValue() == null ? PairFilter.Vote.ANY : vote.getValue(), disagree.isSelected(), only);
    }

    /** Filtered ids, with the rows of their first page (the table takes them when it shows its first window anew). */
    private record Filtered(long[] ids, List<Pair> firstPage) {
    }

    private Runnable afterRows;
    private Workspace.Opened afterRowsOf;

    /** Runs {@code then} once, in the same event, when this project's first filtered rows are shown. */
    public void whenRowsShown(Workspace.Opened project, Runnable then) {
        afterRows = then;
        afterRowsOf = project;
    }

    /** Applies the filters off the FX thread; a result that arrives after a newer request is dropped. */
    private void refilter() {
        Workspace.Opened o = ws.project().get();
        if (o == null) {
            table.clearRows();
            detail.clear();
            count.setText("");
            return;
        }
        ProjectLabeling.Labeled l = ws.labeled().get();
        PairFilter f = currentFilter(l);
        // Only the newest filter's rows are shown (the job manager drops an older one's result).
        ws.runLatest("browser-filter", "Filtering pairs", (progress, cancel) -> {
            long[] ids = f.apply(o.ids(), l == null ? null : l.matrix(), l == null ? null : l.labels());
            return new Filtered(ids, PagedPairs.firstPage(o.reader(), ids)); // one page: a few milliseconds
        }, r -> {
            if (ws.project().get() != o) {
                return;
            }
            long[] ids = r.ids();
            table.show(o.reader(), ids, r.firstPage());
            if (afterRowsOf == o) {
                Runnable after = afterRows;
                afterRows = null;
                afterRowsOf = null;
                after.run();
            }
            updateWindowBar();
            count.setText(ids.length + " of " + o.ids().length + " pairs" + (requestedIds != null ? " (" + ws.browserFilterRequest().get() + ")" : ""));
        });
    }

    /**
     * With more rows than one table window holds, the bar shows which rows are in the table and moves
     * by a window; a pair id typed in its field is shown and selected wherever it is.
     */
    private void updateWindowBar() {
        int total = table.totalRows();
        int start = table.windowStartProperty().get();
        windowBar.setVisible(total > table.window());
        rowsShown.setText(String.format(java.util.Locale.ROOT, "rows %,d–%,d of %,d", start + 1, Math.min(total, start + table.window()), total));
        previousRows.setDisable(start == 0);
        nextRows.setDisable(start + table.window() >= total);
    }

    private void moveWindow(int direction) {
        int start = table.windowStartProperty().get() + direction * table.window();
        if (start >= 0 && start < table.totalRows()) {
            table.showWindow(start);
            table.scrollTo(0);
        }
    }

    private void goToId() {
        String text = goTo.getText().strip();
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            ws.info("Not a pair id: \"" + text + "\"");
            return;
        }
        int position = table.positionOf(id);
        if (position < 0) {
            ws.info("Pair " + id + " is not among the rows shown (check the filters)");
            return;
        }
        selectPosition(position);
        table.requestFocus();
    }

    /** Shows, selects and scrolls to the row at this position among all shown ids (a few rows below the top). */
    private void selectPosition(int position) {
        int row = table.showWindow(position);
        table.getSelectionModel().clearAndSelect(row);
        table.scrollTo(Math.max(0, row - 5));
    }

    private void runSearch() {
        Workspace.Opened o = ws.project().get();
        String text = search.getText().strip();
        if (o == null) {
            return;
        }
        if (text.isEmpty()) {
            searchIds = null;
            refilter();
            return;
        }
        ws.run("Searching for \"" + text + "\"", (progress, cancel) -> Pairs.search(o.reader(), text), ids -> {
            searchIds = ids;
            refilter();
        });
    }

    private void showDetail(Pair row) {
        Workspace.Opened o = ws.project().get();
        if (row == null || o == null) {
            detail.clear();
            return;
        }
        ProjectLabeling.Labeled l = ws.labeled().get();
        ws.run("Loading pair " + row.id(), (progress, cancel) -> {
            Pair full = Pairs.get(o.reader(), row.id());
            return new Loaded(full, TextDiff.diff(full.answerA(), full.answerB()));
        }, loaded -> {
            Pair selected = table.getSelectionModel().getSelectedItem();
            if (selected != null && selected.id() == loaded.pair().id()) {
                detail.show(loaded.pair(), loaded.diff(), l == null ? null : l.features(), l == null ? null : l.matrix());
            }
        });
    }

    private record Loaded(Pair pair, TextDiff.Result diff) {
    }

    /** The gold-label keys on the table (listed in Help → Keyboard shortcuts) and Ctrl+Z to take the last one back. */
    private void bindLabelKeys() {
        String where = "pair table";
        dev.pairlab.ui.Shortcuts.bind(table, new KeyCodeCombination(KeyCode.A), where, "gold label: A preferred, next pair", () -> label(Gold.A));
        dev.pairlab.ui.Shortcuts.bind(table, new KeyCodeCombination(KeyCode.B), where, "gold label: B preferred, next pair", () -> label(Gold.B));
        dev.pairlab.ui.Shortcuts.bind(table, new KeyCodeCombination(KeyCode.DIGIT0), where, "clear the gold label, next pair", () -> label(Gold.NONE));
        dev.pairlab.ui.Shortcuts.bind(table, new KeyCodeCombination(KeyCode.NUMPAD0), where, "clear the gold label, next pair", () -> label(Gold.NONE));
        dev.pairlab.ui.Shortcuts.bind(table, new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), where,
                "undo the last gold label (back to what it was)", this::undoLabel);
    }

    /** Gold labels set here, newest last, for Ctrl+Z (forgotten when another project opens). */
    private final java.util.Deque<GoldEdits.Edit> labelEdits = new java.util.ArrayDeque<>();
    private static final int UNDO_DEPTH = 200;

    /** Sets the gold label of the selected pair and moves to the next one; Ctrl+Z takes it back. */
    private void label(Gold g) {
        Pair p = table.getSelectionModel().getSelectedItem();
        if (p == null || PairTable.isLoading(p)) {
            return; // a row still being read: its split (pool or not) is not known yet
        }
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        if (p.split() == Split.POOL && g == Gold.NONE) {
            return;
        }
        int index = table.getSelectionModel().getSelectedIndex();
        ws.run("Labeling pair " + p.id(), (progress, cancel) -> GoldEdits.set(w, p.id(), g), edit -> {
            labelEdits.addLast(edit);
            if (labelEdits.size() > UNDO_DEPTH) {
                labelEdits.removeFirst();
            }
            table.refreshRows();
            ws.info("Pair " + edit.id() + (g == Gold.NONE ? ": gold label cleared" : ": " + g.name() + " preferred")
                    + (edit.fromPool() ? "; moved from the pool into the train split" : "") + " (Ctrl+Z undoes)");
            int position = table.windowStartProperty().get() + index + 1;
            if (position < table.totalRows()) {
                selectPosition(position);
            }
            ws.relabel();
        });
    }

    /** Ctrl+Z: the last gold label set here goes back to what it was (a pool pair back into the pool), in one transaction. */
    private void undoLabel() {
        GoldEdits.Edit edit = labelEdits.peekLast();
        Project w = edit == null ? null : ws.writer();
        if (edit == null) {
            ws.info("No gold label to undo");
            return;
        }
        if (w == null) {
            return;
        }
        labelEdits.removeLast();
        ws.run("Undoing the label of pair " + edit.id(), (progress, cancel) -> {
            GoldEdits.undo(w, edit);
            return edit;
        }, undone -> {
            table.refreshRows();
            ws.info("Pair " + undone.id() + ": gold label back to " + (undone.before() == Gold.NONE ? "none" : undone.before().name() + " preferred")
                    + (undone.fromPool() ? ", back in the pool" : ""));
            int position = table.positionOf(undone.id());
            if (position >= 0) {
                selectPosition(position);
            }
            ws.relabel();
        });
    }

    /** Shows the 50 pool pairs ranked first by {@link LabelNext} (combined, without a reward model). */
    private void labelNext() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        Workspace.Opened o = ws.project().get();
        if (l == null || o == null) {
            return;
        }
        ws.run("Ranking pool pairs", (progress, cancel) -> {
            int[] rows = dev.pairlab.analysis.Subsets.rows(l.labels(), java.util.EnumSet.of(Split.POOL));
            double[] probB = null;
            String how = "LF conflict";
            try {
                dev.pairlab.labelmodel.WeakExport.Labeler labeler = dev.pairlab.labelmodel.WeakExport.fromProject(o.reader(), 0);
                probB = labeler.model().probabilityB(l.matrix(), dev.pairlab.analysis.Subsets.all(l.matrix().n()));
                how = "LF conflict and label-model uncertainty";
            } catch (dev.pairlab.lf.LfException e) {
                how = "LF conflict (no current label model: " + e.getMessage() + ")";
            }
            LabelNext.Ranked[] top = LabelNext.rank(l.matrix(), rows, probB, null, LabelNext.By.COMBINED, 50);
            long[] ids = java.util.Arrays.stream(top).mapToLong(LabelNext.Ranked::id).sorted().toArray();
            return new Object[] {ids, how};
        }, r -> {
            long[] ids = (long[]) r[0];
            if (ids.length == 0) {
                ws.info("The pool is empty: nothing to rank");
                return;
            }
            ws.browserFilterRequest().set(ids.length + " pool pairs to label next");
            ws.browserIdsRequest().set(null);
            ws.browserIdsRequest().set(ids);
            ws.info(ids.length + " pool pairs to label next, ranked by " + r[1] + "; press A or B to label the selected one");
        });
    }

    public PairTable table() {
        return table;
    }
}
