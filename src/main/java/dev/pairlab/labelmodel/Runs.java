package dev.pairlab.labelmodel;

import dev.pairlab.task.Problem;
import java.util.List;

/** The check every parameter record naming a stored label-model run shares. */
final class Runs {

    private Runs() {
    }

    /** A run id is a stored run's (1, 2, …) or 0 for the latest. */
    static void check(List<Problem> problems, String field, long run) {
        if (run < 0) {
            problems.add(Problem.of(field, "a label model run is named by its number (1, 2, …), or 0 for the latest; got " + run));
        }
    }
}
