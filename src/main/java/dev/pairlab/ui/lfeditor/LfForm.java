package dev.pairlab.ui.lfeditor;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.Property;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

/**
 * The form of one kind of LF (feature, pattern, code, exemplar, judge), bound to the editor's
 * {@link LfEditorModel}: the view shows the form of the draft's kind; the model holds every field.
 * A subclass builds its controls in its constructor and hands the finished form to {@link #setNode}.
 */
abstract class LfForm {

    private final String kind;
    private final java.util.Map<String, Node> fields = new java.util.LinkedHashMap<>();
    private Node node;

    LfForm(String kind) {
        this.kind = kind;
    }

    /** The LF kind this form edits ({@code FeatureRule.KIND}, …). */
    final String kind() {
        return kind;
    }

    /** The form's controls, built once. */
    final Node node() {
        return node;
    }

    final void setNode(Node node) {
        this.node = node;
    }

    /** The controls by the model's field names ("minDelta", …), for problems shown at their field. */
    final java.util.Map<String, Node> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** Registers a control as the one editing the model's {@code field}; returns it. */
    final <T extends Node> T field(String field, T control) {
        fields.put(field, control);
        return control;
    }

    static <T extends TextInputControl> T text(T control, StringProperty field, String id) {
        control.textProperty().bindBidirectional(field);
        control.setId(id);
        return control;
    }

    static CheckBox check(String text, BooleanProperty field) {
        CheckBox c = new CheckBox(text);
        c.selectedProperty().bindBidirectional(field);
        return c;
    }

    static <T> ComboBox<T> choice(Property<T> field, java.util.List<T> items) {
        ComboBox<T> c = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(items));
        c.valueProperty().bindBidirectional(field);
        return c;
    }

    /** Label–control rows. */
    static GridPane grid(Object... labelsAndControls) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        for (int i = 0; i + 1 < labelsAndControls.length; i += 2) {
            g.addRow(i / 2, new javafx.scene.control.Label((String) labelsAndControls[i]), (Node) labelsAndControls[i + 1]);
        }
        return g;
    }
}
