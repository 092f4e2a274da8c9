package dev.pairlab.task;

/**
 * One thing wrong with a job's parameters.
 *
 * @param field   the parameter record's component the problem is about ({@code "labeled"}), or empty when it
 *                concerns several; front ends map it to their own control (the CLI to {@code --labeled},
 *                a form to its field)
 * @param message what is wrong, in the user's words, without naming a flag or a control
 */
public record Problem(String field, String message) {

    public Problem {
        field = field == null ? "" : field;
    }

    public static Problem of(String field, String message) {
        return new Problem(field, message);
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
