package dev.pairlab.task;

import java.util.List;

/**
 * The parameters of one workflow (mzmine's Parameters): a record that owns its defaults (constants the
 * CLI's options and the screens' forms both read), its choices as enums, the descriptions both show, and
 * its validation. Front ends never check a parameter themselves.
 */
public interface Parameters {

    /** Every problem, in the user's words; empty when the job can run. */
    List<Problem> validate();

    /** Throws when {@link #validate()} finds a problem; jobs call this first. */
    default void requireValid() throws InvalidParametersException {
        List<Problem> problems = validate();
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
    }

    /** A check for records: a fraction in [0, 1]. */
    static void fraction(List<Problem> problems, String field, String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            problems.add(Problem.of(field, what + " must be a fraction between 0 and 1 (got " + v + ")"));
        }
    }
}
