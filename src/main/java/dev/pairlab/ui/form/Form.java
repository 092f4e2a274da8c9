package dev.pairlab.ui.form;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.task.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The one form model of the screens (mzmine's parameter set dialog, as a view model): a parameter record's
 * fields as text, and the problems with them, by the record's component they name ({@link Problem#field()}),
 * in the user's words. Problems come from the record's {@code validate()}, from text that does not read as a
 * number or a path, and from a job's {@link InvalidParametersException} or {@link UserException}
 * ({@link #userMessage}). A view binds a control to a field's text ({@code Forms.field}), its tooltip to the
 * record's {@code DESC_X}, and a label beside it to {@link #problems()}'s entry (or {@link FormField#problem()});
 * {@link #valid()} turns Start, Import or OK off. No controls here.
 */
public final class Form {

    /** A form's parameters, or the problems with them. */
    @FunctionalInterface
    public interface Params<P> {
        P read() throws InvalidParametersException;
    }

    private final Map<String, FormField> fields = new LinkedHashMap<>();
    private final ObservableMap<String, String> byField = FXCollections.observableHashMap();
    private final ObservableList<Problem> list = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper general = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);

    /** Adds a text field for a record component, starting at its default. */
    public FormField field(String name, String label, String defaultText, String description) {
        FormField f = new FormField(name, label, defaultText, description);
        fields.put(name, f);
        return f;
    }

    public List<FormField> fields() {
        return List.copyOf(fields.values());
    }

    /** Calls {@code check} now and whenever a field's text changes. */
    public void onChange(Runnable check) {
        fields.values().forEach(f -> f.text().addListener((o, a, b) -> check.run()));
        check.run();
    }

    /** Shows these problems instead of the ones shown: each beside its field, the rest as the form's; true when there are none. */
    public boolean show(List<Problem> problems) {
        byField.clear();
        list.clear();
        problems.forEach(this::put);
        refresh();
        return problems.isEmpty();
    }

    /** Removes every problem. */
    public void clear() {
        show(List.of());
    }

    /** Adds one problem to those shown. */
    public void add(Problem p) {
        put(p);
        refresh();
    }

    private void put(Problem p) {
        list.add(p);
        byField.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
    }

    private void refresh() {
        fields.forEach((name, f) -> f.setProblem(byField.getOrDefault(name, "")));
        general.set(list.stream().filter(p -> !fields.containsKey(p.field())).map(Problem::message).collect(Collectors.joining("; ")));
        valid.set(list.isEmpty());
    }

    /**
     * The form's own problems (text that is no number, say) and the record's, but none of the record's about a field
     * that already has one of its own: the record's check of the field's stand-in value would only repeat it.
     */
    public static List<Problem> beside(List<Problem> own, List<Problem> record) {
        Set<String> unreadable = own.stream().map(Problem::field).collect(Collectors.toSet());
        List<Problem> all = new ArrayList<>(own);
        record.stream().filter(p -> !unreadable.contains(p.field())).forEach(all::add);
        return all;
    }

    /** The parameters, with the problems cleared; or null, with the problems shown. */
    public <P> P checked(Params<P> form) {
        try {
            P p = form.read();
            clear();
            return p;
        } catch (InvalidParametersException e) {
            show(e.problems());
            return null;
        }
    }

    /**
     * Where a failed job's error belongs: problems with its parameters beside their fields (and their message
     * returned), a user error's message for the screen to show where the user acted, or null for an internal error
     * (the caller reports it as one).
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

    /** Field → its problems' messages ("" for those about several fields); a view binds a label beside each field to its entry. */
    public ObservableMap<String, String> problems() {
        return byField;
    }

    /** The problems shown, in the order found (for a form that lists them). */
    public ObservableList<Problem> list() {
        return list;
    }

    /** Problems that name no field of the form, or "". */
    public ReadOnlyStringProperty general() {
        return general.getReadOnlyProperty();
    }

    /** True while no problem is shown. */
    public ReadOnlyBooleanProperty valid() {
        return valid.getReadOnlyProperty();
    }

    /**
     * Text read by {@code parser}, or null with a problem "{@code what} must be {@code expected} (got 'text')" for
     * {@code field} when it cannot be read.
     */
    public static <T> T read(List<Problem> problems, String field, String what, String expected, String text, Function<String, T> parser) {
        try {
            return parser.apply(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(field, what + " must be " + expected + " (got '" + (text == null ? "" : text.strip()) + "')"));
            return null;
        }
    }

    /** The text as a number, or NaN with a problem added. */
    public static double decimal(List<Problem> problems, String field, String what, String text) {
        Double d = read(problems, field, what, "a number", text, Double::valueOf);
        return d == null ? Double.NaN : d;
    }

    /** The text as a whole number, or 0 with a problem added. */
    public static long whole(List<Problem> problems, String field, String what, String text) {
        Long v = read(problems, field, what, "a whole number", text, Long::valueOf);
        return v == null ? 0 : v;
    }

    /** The text as an int, or 0 with a problem added. */
    public static int integer(List<Problem> problems, String field, String what, String text) {
        int before = problems.size();
        long v = whole(problems, field, what, text);
        if (problems.size() == before && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            problems.add(Problem.of(field, what + " is too large (got " + v + ")"));
            return 0;
        }
        return (int) v;
    }
}
