package dev.pairlab.ui.form;

import dev.pairlab.task.Problem;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One setting of a parameter record as a form shows it: the text the user typed (starting from the record's
 * default), its label and description (from the record's {@code DESC_X}) and the problem found with it, if any.
 * No control here: a view binds a text field to {@link #text()} and a label to {@link #problem()} ({@code Forms}).
 */
public final class FormField {

    private final String name;
    private final String label;
    private final String description;
    private final String defaultText;
    private final StringProperty text;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    /**
     * @param name the parameter record's component ({@link Problem#field()})
     * @param label the field's name in the user's words, as problems say it
     */
    FormField(String name, String label, String defaultText, String description) {
        this.name = name;
        this.label = label;
        this.description = description;
        this.defaultText = defaultText;
        this.text = new SimpleStringProperty(defaultText == null ? "" : defaultText);
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The record's default, as the form started. */
    public String defaultText() {
        return defaultText;
    }

    public StringProperty text() {
        return text;
    }

    /** What is wrong with this field, or "" when nothing is. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    void setProblem(String message) {
        problem.set(message);
    }

    private String value() {
        return text.get() == null ? "" : text.get().strip();
    }

    /** The text as a number, or NaN with a problem added. */
    public double decimal(List<Problem> problems) {
        return Form.decimal(problems, name, label, value());
    }

    /** The text as a whole number, or 0 with a problem added. */
    public long whole(List<Problem> problems) {
        return Form.whole(problems, name, label, value());
    }

    /** The text as an int, or 0 with a problem added. */
    public int integer(List<Problem> problems) {
        return Form.integer(problems, name, label, value());
    }

    /** The text, stripped; null when empty. */
    public String optional() {
        return value().isEmpty() ? null : value();
    }
}
