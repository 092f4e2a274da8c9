package dev.pairlab.ui.errors;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;

/**
 * The job-error path of the one form model: a {@link Form}'s field→problem map shown on a form whose controls are
 * not bound to a {@code Form} (the LF editor, a dialog): each {@link Problem} of an {@link InvalidParametersException}
 * marks the control mapped to its field (pseudo-class {@code :problem}, the message as its tooltip), and every
 * message, including other user errors, is written in the message label. Call on the FX thread.
 */
public final class ProblemReport {

    /** The pseudo-class a control with a problem gets (styled in pairlab.css). */
    public static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final Labeled message;
    private final Form form = new Form();
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private final Map<Control, Tooltip> tooltipsBefore = new LinkedHashMap<>();

    /** @param message where the form's problems are written (it gets the style class {@code error-text}) */
    public ProblemReport(Labeled message) {
        this.message = message;
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        form.problems().addListener((MapChangeListener<String, String>) c -> mark(c.getKey(), c.wasAdded() ? c.getValueAdded() : null));
        form.list().addListener((ListChangeListener<Problem>) c -> message.setText(
                form.list().stream().map(Problem::message).collect(Collectors.joining("\n"))));
    }

    /** Maps a parameter record's component (a {@link Problem#field()}) to the control that edits it. */
    public ProblemReport field(String field, Node control) {
        fields.put(field, control);
        return this;
    }

    /** Shows a user error: its problems at their fields and in the message label. */
    public void show(Throwable error) {
        form.show(error instanceof InvalidParametersException invalid ? invalid.problems() : List.of(Problem.of("", Errors.message(error))));
    }

    /** Shows a plain message (a problem found by the form itself). */
    public void show(String text) {
        form.show(List.of(Problem.of("", text)));
    }

    private void mark(String field, String problem) {
        Node control = fields.get(field);
        if (control == null) {
            return;
        }
        control.pseudoClassStateChanged(PROBLEM, problem != null);
        if (control instanceof Control c) {
            if (problem != null) {
                tooltipsBefore.putIfAbsent(c, c.getTooltip());
                c.setTooltip(new Tooltip(problem));
            } else if (tooltipsBefore.containsKey(c)) {
                c.setTooltip(tooltipsBefore.remove(c));
            }
        }
    }

    /** The fields marked by the last {@link #show}, in the order they were mapped. */
    public List<String> markedFields() {
        return fields.keySet().stream().filter(form.problems()::containsKey).toList();
    }

    /** Removes the message and every field's mark. */
    public void clear() {
        form.clear();
    }

    public Labeled messageLabel() {
        return message;
    }
}
