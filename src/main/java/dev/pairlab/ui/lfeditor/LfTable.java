package dev.pairlab.ui.lfeditor;

import dev.pairlab.analysis.Intervals;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.store.LfRecord;
import dev.pairlab.ui.RowList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;

/**
 * The LF table: every LF with Snorkel's LFAnalysis columns on the stats split, "worse than a coin" on the
 * labeled split, accuracy by answer length and the A/B audit's share. It fits the editor's half of a
 * 1280-pixel window: the columns share the table's width (no horizontal scroll bar), and the less used ones
 * (polarity, overlaps, correct, longer/shorter accuracy) start hidden — the table's "+" menu shows them.
 */
final class LfTable extends TableView<LfEditorView.Row> {

    /** The rows: replaced as a whole after each relabel, without TableView rebuilding its cells. */
    private final RowList<LfEditorView.Row> rows = new RowList<>();
    /** LF name → share of votes that mirror when A and B swap (after "A/B audit"). */
    private final Map<String, Double> audit = new HashMap<>();

    /**
     * @param onEnabled    an LF's "on" box was changed by the user
     * @param onIncorrect  an LF's "incorrect" count was clicked
     */
    LfTable(BiConsumer<LfRecord, Boolean> onEnabled, Consumer<String> onIncorrect) {
        setId("lf-table");
        setItems(rows);
        setEditable(true);
        setTableMenuButtonVisible(true);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<LfEditorView.Row, Boolean> on = new TableColumn<>("on");
        on.setCellValueFactory(cd -> {
            SimpleBooleanProperty p = new SimpleBooleanProperty(cd.getValue().lf().enabled());
            p.addListener((o, a, b) -> onEnabled.accept(cd.getValue().lf(), b));
            return p;
        });
        on.setCellFactory(CheckBoxTableCell.forTableColumn(on));
        size(on, 34, 30);
        on.setResizable(false);
        on.setEditable(true);
        getColumns().add(on);
        getColumns().add(size(text("name", r -> r.lf().name() + " (v" + r.lf().version() + ")"), 130, 80));
        getColumns().add(size(text("kind", r -> r.lf().kind()), 64, 44));
        getColumns().add(hidden(text("polarity", r -> r.stats() == null ? "" : r.stats().polarity())));
        getColumns().add(size(text("coverage", r -> r.stats() == null ? "" : f3(r.stats().coverage())), 74, 44));
        getColumns().add(hidden(text("overlaps", r -> r.stats() == null ? "" : f3(r.stats().overlaps()))));
        getColumns().add(size(text("conflicts", r -> r.stats() == null ? "" : f3(r.stats().conflicts())), 70, 44));
        getColumns().add(hidden(text("correct", r -> r.stats() == null ? "" : Long.toString(r.stats().correct()))));
        TableColumn<LfEditorView.Row, String> incorrect = size(text("incorrect", r -> r.stats() == null ? "" : Long.toString(r.stats().incorrect())),
                72, 44);
        incorrect.setCellFactory(col -> flagged("link", item -> !item.isEmpty() && !item.equals("0"), null, row -> onIncorrect.accept(row.lf().name())));
        getColumns().add(incorrect);
        getColumns().add(size(text("emp. acc.", r -> r.stats() == null ? "" : f3(r.stats().accuracy())), 74, 44));
        // Worse than a coin on the labeled split (95 % Wilson interval below 0.5), whatever split the table shows.
        TableColumn<LfEditorView.Row, String> chance = size(text("< chance?", r -> r.onLabeled() == null || !r.onLabeled().belowChance() ? ""
                : "⚠ " + r.onLabeled().correct() + "/" + (r.onLabeled().correct() + r.onLabeled().incorrect())), 80, 44);
        chance.setId("lf-col-chance");
        getColumns().add(chance);
        TableColumn<LfEditorView.Row, String> longer = hidden(text("acc. longer", r -> r.length() == null ? "" : f3(r.length().accuracyLongerPreferred())));
        longer.setId("lf-col-longer");
        TableColumn<LfEditorView.Row, String> shorter = hidden(lengthColumn("acc. shorter", LengthSplit.Breakdown::longerLoses));
        TableColumn<LfEditorView.Row, String> matched = size(lengthColumn("acc. matched", LengthSplit.Breakdown::lengthMatched), 100, 60);
        matched.setId("lf-col-matched");
        Tooltip lengthTip = new Tooltip(
                "Empirical accuracy on the pairs where the longer answer is preferred / where the shorter one is / on length-matched pairs\n"
                + "(|Δ chars| ≤ max(50, 10 % of the longer answer)), with the number of votes; * = its 95 % interval contains 0.5."
                + " Hover a cell for the interval.");
        for (TableColumn<LfEditorView.Row, String> c : List.of(longer, shorter, matched)) {
            Label header = new Label(c.getText());
            header.setTooltip(lengthTip);
            header.setMinWidth(0);
            c.setGraphic(header);
            c.setText(null);
            getColumns().add(c);
        }
        TableColumn<LfEditorView.Row, String> ab = size(text("A/B", r -> {
            Double share = audit.get(r.lf().name());
            return share == null ? "" : share >= 1 ? "ok" : f3(share) + " !";
        }), 44, 36);
        ab.setId("lf-col-ab");
        ab.setCellFactory(col -> flagged("error-text", item -> item.endsWith("!"), "position-dependent: this share of its votes mirror when A and B swap",
                null));
        getColumns().add(ab); // the last column (tests read it there)
    }

    /** Replaces the rows, keeping the selected LF selected. */
    void show(List<LfEditorView.Row> newRows) {
        LfEditorView.Row was = getSelectionModel().getSelectedItem();
        rows.replaceAll(newRows);
        if (was != null) {
            select(was.lf().name());
        }
    }

    /** Selects the row of this LF; false when there is none. */
    boolean select(String lfName) {
        for (int i = 0; i < getItems().size(); i++) {
            if (getItems().get(i).lf().name().equals(lfName)) {
                getSelectionModel().clearAndSelect(i);
                return true;
            }
        }
        return false;
    }

    /** True when a stored LF (not a start-up placeholder) has this name. */
    boolean holds(String lfName) {
        return getItems().stream().anyMatch(r -> r.lf().id() >= 0 && r.lf().name().equals(lfName));
    }

    /** The A/B audit's shares by LF name (replacing the last audit's). */
    void showAudit(Map<String, Double> shares) {
        audit.clear();
        audit.putAll(shares);
        refresh();
    }

    /**
     * Before any project opens: {@code n} placeholder rows, so that rows and cells (check boxes, links)
     * are built, styled and laid out at start-up; the first project's LFs then fill them (with as many
     * LFs as rows, the table does not restyle its cells at all). Built on first showing, they cost some 90 ms.
     */
    void warmUp(int n) {
        if (!getItems().isEmpty()) {
            return;
        }
        List<LfEditorView.Row> blank = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blank.add(new LfEditorView.Row(new LfRecord(-1 - i, "…", "", "{}", 0, false, "", ""), null, null, null, null)); // id < 0: a placeholder
        }
        rows.replaceAll(blank);
    }

    /**
     * A text cell that gets {@code styleClass} (and {@code tip}, when not null) while its text passes {@code flag};
     * {@code onClick} (when not null) gets the row of a flagged cell that is clicked.
     */
    private static TableCell<LfEditorView.Row, String> flagged(String styleClass, java.util.function.Predicate<String> flag, String tip,
                                                               Consumer<LfEditorView.Row> onClick) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                boolean on = !empty && item != null && flag.test(item);
                getStyleClass().remove(styleClass);
                if (on) {
                    getStyleClass().add(styleClass);
                }
                setTooltip(on && tip != null ? new Tooltip(tip) : null);
                setOnMouseClicked(on && onClick != null ? e -> {
                    if (getTableRow() != null && getTableRow().getItem() != null) {
                        onClick.accept(getTableRow().getItem());
                    }
                } : null);
            }
        };
    }

    /** "0.263 (19)" for a length group's accuracy and votes; the Wilson interval and the verdict in the cell's tooltip. */
    private static TableColumn<LfEditorView.Row, String> lengthColumn(String title, Function<LengthSplit.Breakdown, LengthSplit.Group> group) {
        TableColumn<LfEditorView.Row, String> c = text(title, r -> {
            if (r.byLength() == null) {
                return "";
            }
            LengthSplit.Count n = group.apply(r.byLength()).votes();
            return n.voted() == 0 ? "– (0)" : f3(n.accuracy()) + " (" + n.voted() + ")" + (n.indistinguishableFromChance() ? " *" : "");
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                LfEditorView.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null || row.byLength() == null || group.apply(row.byLength()).votes().voted() == 0) {
                    setTooltip(null);
                    return;
                }
                LengthSplit.Group g = group.apply(row.byLength());
                Intervals.Interval i = g.votes().interval();
                setTooltip(new Tooltip(String.format(Locale.ROOT, "%s: %d of %d votes right, 95 %% interval [%.3f, %.3f]%s;"
                        + " 'longer wins' here %s", g.label(), g.votes().correct(), g.votes().voted(), i.low(), i.high(),
                        g.votes().indistinguishableFromChance() ? " (not distinguishable from chance)" : "", f3(g.longerWins().accuracy()))));
            }
        });
        return c;
    }

    private static TableColumn<LfEditorView.Row, String> text(String title, Function<LfEditorView.Row, String> f) {
        TableColumn<LfEditorView.Row, String> c = new TableColumn<>(title);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    /** A column's preferred and least width: the constrained policy shares the table's width out from these. */
    private static <T> TableColumn<LfEditorView.Row, T> size(TableColumn<LfEditorView.Row, T> c, double pref, double min) {
        c.setPrefWidth(pref);
        c.setMinWidth(min);
        return c;
    }

    /** A column the table's "+" menu shows on demand. */
    private static <T> TableColumn<LfEditorView.Row, T> hidden(TableColumn<LfEditorView.Row, T> c) {
        size(c, 80, 44);
        c.setVisible(false);
        return c;
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
