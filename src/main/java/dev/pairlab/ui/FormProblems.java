package dev.pairlab.ui;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.task.UserException;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * A form's problems, by the parameter record's field they are about ("lr", "threshold"; "" for several), in the
 * record's words: what a view shows beside each field. Also reads a typed number into the form's record, a
 * field that does not hold one becoming a problem of its own.
 */
public final class FormProblems {

    private final ObservableMap<String, String> problems = FXCollections.observableHashMap();

    /** Field → message; the view binds a label beside each field to its entry. */
    public ObservableMap<String, String> map() {
        return problems;
    }

    public void clear() {
        problems.clear();
    }

    public void put(String field, String message) {
        problems.merge(field, message, (a, b) -> a + "; " + b);
    }

    /**
     * Shows a record's problems beside those of fields that held no number (a field's own problem stands alone:
     * the record's check of its stand-in value would only repeat it); true when there are none.
     */
    public boolean show(List<Problem> list) {
        List<String> unreadable = List.copyOf(problems.keySet());
        list.stream().filter(p -> !unreadable.contains(p.field())).forEach(p -> put(p.field(), p.message()));
        return problems.isEmpty();
    }

    /** The number typed, or NaN with a problem for the field. */
    public double number(String field, String text, String what) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            put(field, what + " must be a number, not '" + text + "'");
            return Double.NaN;
        }
    }

    /** The whole number typed, or 0 with a problem for the field. */
    public long whole(String field, String text, String what) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            put(field, what + " must be a whole number, not '" + text + "'");
            return 0;
        }
    }

    /**
     * Where a failed job's error belongs: problems with its parameters beside their fields (null returned), a
     * user error's message for the screen to show where the user acted, or null for an internal error (the
     * caller reports it as one).
     */
    public String userMessage(Throwable t) {
        if (t instanceof InvalidParametersException invalid) {
            show(invalid.problems());
            return invalid.getMessage();
        }
        if (t instanceof UserException || t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        return null;
    }
}
