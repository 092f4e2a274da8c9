package dev.pairlab.ui.errors;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;

/**
 * Where one form, dialog or editor shows the user's errors: a message label, and the form's controls by
 * the parameter record's field names, so that each {@link Problem} of an {@link InvalidParametersException}
 * marks its own control (pseudo-class {@code :problem}, the message as its tooltip). Problems whose field
 * has no control, and other user errors, show in the message label. Call on the FX thread.
 */
public final class ProblemReport {

    /** The pseudo-class a control with a problem gets (styled in pairlab.css). */
    public static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final Labeled message;
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private final Map<Node, Tooltip> tooltipsBefore = new LinkedHashMap<>();

    /** @param message where the form's problems are written (it gets the style class {@code error-text}) */
    public ProblemReport(Labeled message) {
        this.message = message;
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
    }

    /** Maps a parameter record's component (a {@link Problem#field()}) to the control that edits it. */
    public ProblemReport field(String field, Node control) {
        fields.put(field, control);
        return this;
    }

    /** Shows a user error: its problems at their fields and in the message label. */
    public void show(Throwable error) {
        clear();
        List<Problem> problems = error instanceof InvalidParametersException invalid ? invalid.problems()
                : List.of(Problem.of("", Errors.message(error)));
        List<String> lines = new ArrayList<>();
        for (Problem p : problems) {
            Node control = fields.get(p.field());
            if (control != null) {
                control.pseudoClassStateChanged(PROBLEM, true);
                if (control instanceof Control c) {
                    tooltipsBefore.putIfAbsent(c, c.getTooltip());
                    c.setTooltip(new Tooltip(p.message()));
                }
            }
            lines.add(p.message());
        }
        message.setText(String.join("\n", lines));
    }

    /** Shows a plain message (a problem found by the form itself). */
    public void show(String text) {
        clear();
        message.setText(text);
    }

    /** The fields marked by the last {@link #show}, in the order they were mapped. */
    public List<String> markedFields() {
        return fields.entrySet().stream().filter(e -> e.getValue().getPseudoClassStates().contains(PROBLEM)).map(Map.Entry::getKey).toList();
    }

    /** Removes the message and every field's mark. */
    public void clear() {
        message.setText("");
        for (Node n : fields.values()) {
            n.pseudoClassStateChanged(PROBLEM, false);
        }
        tooltipsBefore.forEach((n, t) -> ((Control) n).setTooltip(t));
        tooltipsBefore.clear();
    }

    public Labeled messageLabel() {
        return message;
    }
}
