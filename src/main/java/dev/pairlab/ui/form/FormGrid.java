package dev.pairlab.ui.form;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

/** Lays a {@link Form}'s fields out as rows: label, text field (the description as its tooltip), problem. */
public final class FormGrid extends GridPane {

    /** @param idPrefix the controls' ids are {@code idPrefix-name} and {@code idPrefix-name-problem} (the name in kebab case) */
    public FormGrid(Form form, String idPrefix) {
        setHgap(8);
        setVgap(6);
        int row = 0;
        for (FormField f : form.fields()) {
            addRow(row++, new Label(f.description()), textField(f, idPrefix), problemLabel(f, idPrefix));
        }
    }

    /** {@code prefix-kebab-name}: {@code gen-url-a} for the field {@code urlA}. */
    public static String id(String idPrefix, FormField f) {
        return idPrefix + "-" + f.name().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A text field bound both ways to the field's text, with the description as its tooltip. */
    public static TextField textField(FormField f, String idPrefix) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(f.text());
        t.setTooltip(new Tooltip(f.description()));
        t.setPrefColumnCount(8);
        t.setId(id(idPrefix, f));
        return t;
    }

    /** The field's problem, in the error style, shown only while there is one. */
    public static Label problemLabel(FormField f, String idPrefix) {
        Label l = new Label();
        l.textProperty().bind(f.problem());
        l.getStyleClass().add("error-text");
        l.setWrapText(true);
        l.setMaxWidth(360);
        l.setId(id(idPrefix, f) + "-problem");
        return l;
    }
}
