package dev.pairlab.ui.browser;

import dev.pairlab.analysis.TextDiff;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Pair;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One pair in full: the context, the two answers side by side with the text only one of them has
 * highlighted, each answer's feature values, and every LF's vote.
 */
final class PairDetail extends BorderPane {

    private final TextArea context = new TextArea();
    private final TextFlow answerA = new TextFlow();
    private final TextFlow answerB = new TextFlow();
    private final Label headerA = new Label("Answer A");
    private final Label headerB = new Label("Answer B");
    private final GridPane numbers = new GridPane();
    private final List<Label[]> numberRows = new java.util.ArrayList<>();
    private int used;
    private final Label hint = new Label("Select a pair. Keys: A or B sets the gold label (a pool pair moves into train), 0 clears it.");

    PairDetail() {
        context.setEditable(false);
        context.setWrapText(true);
        context.setPrefRowCount(4);
        context.getStyleClass().add("pair-context");
        headerA.getStyleClass().add("answer-header");
        headerB.getStyleClass().add("answer-header");
        VBox a = new VBox(4, headerA, scroll(answerA));
        VBox b = new VBox(4, headerB, scroll(answerB));
        HBox.setHgrow(a, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        a.setPrefWidth(400);
        b.setPrefWidth(400);
        HBox answers = new HBox(8, a, b, new ScrollPane(numbers));
        VBox.setVgrow(answers, Priority.ALWAYS);
        numbers.setHgap(10);
        numbers.setVgap(2);
        numbers.setPadding(new Insets(4));
        hint.getStyleClass().add("hint");
        VBox box = new VBox(6, hint, context, answers);
        box.setPadding(new Insets(6));
        setCenter(box);
        // The grid's rows for a typical project's features and LFs, made (hidden) now: they are then
        // styled with the rest of the screens at start-up, not when the first pair is selected.
        for (int i = 0; i < WARM_ROWS; i++) {
            row("", "", "");
        }
        hideRowsFrom(0);
    }

    private static final int WARM_ROWS = 48;

    private void hideRowsFrom(int first) {
        used = first;
        for (int i = first; i < numberRows.size(); i++) {
            for (Label l : numberRows.get(i)) {
                l.setVisible(false);
                l.setManaged(false);
            }
        }
    }

    private static ScrollPane scroll(TextFlow flow) {
        ScrollPane s = new ScrollPane(flow);
        s.setFitToWidth(true);
        VBox.setVgrow(s, Priority.ALWAYS);
        flow.setPadding(new Insets(4));
        return s;
    }

    void clear() {
        context.clear();
        answerA.getChildren().clear();
        answerB.getChildren().clear();
        hideRowsFrom(0);
    }

    /** Shows a pair; the diff was computed off the FX thread. */
    void show(Pair pair, TextDiff.Result diff, FeatureTable features, LabelMatrix matrix) {
        context.setText(pair.context().strip());
        context.positionCaret(context.getLength());
        String gold = pair.gold().known() ? "gold: " + pair.gold().name() + " preferred" : pair.split() != null && pair.split().goldHidden()
                ? "gold hidden (pool)" : "no gold label";
        hint.setText("Pair " + pair.id() + " · " + (pair.split() == null ? "" : pair.split().key()) + " · " + gold
                + "   —   A / B sets the gold label (a pool pair moves into train), 0 clears it");
        headerA.setText("Answer A" + (pair.gold() == dev.pairlab.pairs.Gold.A ? "  ✓ preferred" : ""));
        headerB.setText("Answer B" + (pair.gold() == dev.pairlab.pairs.Gold.B ? "  ✓ preferred" : ""));
        fill(answerA, diff.a());
        fill(answerB, diff.b());
        used = 0;
        row("feature", "A", "B").forEach(l -> l.getStyleClass().add("bold"));
        if (features != null) {
            int r = Arrays.binarySearch(features.ids(), pair.id());
            if (r >= 0) {
                dev.pairlab.features.Text ta = null;
                dev.pairlab.features.Text tb = null;
                for (String f : features.names()) {
                    if (features.computed(f)) {
                        row(f, fmt(features.a(f)[r]), fmt(features.b(f)[r]));
                    } else {
                        // A column not computed yet (columns are lazy): this pair's value from its text, as the column would hold it.
                        ta = ta == null ? new dev.pairlab.features.Text(pair.answerA()) : ta;
                        tb = tb == null ? new dev.pairlab.features.Text(pair.answerB()) : tb;
                        dev.pairlab.features.Feature feature = dev.pairlab.features.Features.byName(f);
                        row(f, fmt((float) feature.compute(ta)), fmt((float) feature.compute(tb)));
                    }
                }
            }
        }
        if (matrix != null) {
            int r = Arrays.binarySearch(matrix.ids(), pair.id());
            if (r >= 0) {
                row("LF", "vote", "").forEach(l -> l.getStyleClass().add("bold"));
                for (int j = 0; j < matrix.m(); j++) {
                    byte v = matrix.get(r, j);
                    Label vote = row(matrix.names().get(j), Votes.name(v), "").get(1);
                    if (v != Votes.ABSTAIN && pair.gold().known()) {
                        vote.getStyleClass().add(v == pair.gold().code() ? "vote-right" : "vote-wrong");
                    }
                }
            }
        }
        hideRowsFrom(used);
    }

    /**
     * The next row of the numbers grid with these texts. Rows are kept and reused from pair to pair:
     * building and styling some 80 labels for each selected pair cost the FX thread more than a frame.
     */
    private List<Label> row(String name, String a, String b) {
        if (used == numberRows.size()) {
            Label[] cells = {new Label(), new Label(), new Label()};
            numbers.addRow(used, cells);
            numberRows.add(cells);
        }
        Label[] cells = numberRows.get(used++);
        String[] texts = {name, a, b};
        for (int k = 0; k < 3; k++) {
            cells[k].setText(texts[k]);
            cells[k].getStyleClass().removeAll("bold", "vote-right", "vote-wrong");
            cells[k].setVisible(true);
            cells[k].setManaged(true);
        }
        return List.of(cells);
    }

    private static String fmt(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void fill(TextFlow flow, List<TextDiff.Run> runs) {
        flow.getChildren().clear();
        for (TextDiff.Run run : runs) {
            Text t = new Text(run.text());
            if (!run.shared()) {
                t.getStyleClass().add("diff-only");
            }
            flow.getChildren().add(t);
        }
    }
}
