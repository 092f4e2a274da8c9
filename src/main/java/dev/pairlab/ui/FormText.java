package dev.pairlab.ui;

import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import java.util.List;
import java.util.function.Function;

/**
 * A view model's form as text turned into a job's parameters: each field read as a number (or a path)
 * with a problem in the user's words when it is not one, and the problems shown instead of starting.
 */
public final class FormText {

    /** A form's parameters, or the problems with them. */
    @FunctionalInterface
    public interface Params<P> {
        P read() throws InvalidParametersException;
    }

    private FormText() {
    }

    /**
     * The field's text read by {@code parser}, or null with a problem "{@code what} must be {@code expected}"
     * when it cannot be read.
     */
    public static <T> T read(List<Problem> problems, String field, String what, String expected, String text, Function<String, T> parser) {
        try {
            return parser.apply(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(field, what + " must be " + expected + " (got '" + text + "')"));
            return null;
        }
    }

    public static Integer whole(List<Problem> problems, String field, String what, String text) {
        return read(problems, field, what, "a whole number", text, Integer::valueOf);
    }

    public static Double number(List<Problem> problems, String field, String what, String text) {
        return read(problems, field, what, "a number", text, Double::valueOf);
    }

    /** The parameters, with {@code shown} cleared; or null, with {@code shown} listing the problems. */
    public static <P> P checked(List<Problem> shown, Params<P> form) {
        try {
            P p = form.read();
            shown.clear();
            return p;
        } catch (InvalidParametersException e) {
            shown.clear();
            shown.addAll(e.problems());
            return null;
        }
    }
}
