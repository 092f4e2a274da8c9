package dev.pairlab.pairs;

import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * How to split a project (method.md, step 2): first {@code eval} of the labeled pairs become the
 * test split; of the rest, {@code labeled} become the small labeled train split and {@code dev} a
 * labeled dev split; everything else is the pool, whose gold labels are hidden. The defaults and
 * descriptions here are the ones {@code pairlab split} and the Split dialog show.
 *
 * @param byContext keep pairs that share a context (prompt) in the same split, so that no prompt
 *                  is seen in training and evaluation both (PandaLM, OpenAssistant)
 */
public record SplitParams(double eval, double labeled, double dev, long seed, boolean byContext) implements Parameters {

    public static final String DEFAULT_EVAL = "0.1";
    public static final String DEFAULT_LABELED = "0.02";
    public static final String DEFAULT_DEV = "0";
    public static final String DEFAULT_SEED = "123";
    public static final String DESC_EVAL = "Fraction of labeled pairs for the test split";
    public static final String DESC_LABELED = "Fraction of the rest for the labeled train split";
    public static final String DESC_DEV = "Fraction of the rest for a labeled dev split";
    public static final String DESC_SEED = "Seed";
    public static final String DESC_BY_CONTEXT = "Keep pairs with the same context (prompt) in one split.";

    /** The defaults. */
    public static SplitParams defaults() {
        return new SplitParams(Double.parseDouble(DEFAULT_EVAL), Double.parseDouble(DEFAULT_LABELED),
                Double.parseDouble(DEFAULT_DEV), Long.parseLong(DEFAULT_SEED), false);
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        Parameters.fraction(problems, "eval", "the test share", eval);
        Parameters.fraction(problems, "labeled", "the labeled share", labeled);
        Parameters.fraction(problems, "dev", "the dev share", dev);
        if (problems.isEmpty() && labeled + dev > 1.0) {
            problems.add(Problem.of("", "the labeled share plus the dev share must not exceed 1 (got " + (labeled + dev) + ")"));
        }
        return problems;
    }
}
