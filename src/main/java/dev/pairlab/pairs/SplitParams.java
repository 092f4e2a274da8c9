package dev.pairlab.pairs;

/**
 * How to split a project (method.md, step 2): first {@code eval} of the labeled pairs become the
 * test split; of the rest, {@code labeled} become the small labeled train split and {@code dev} a
 * labeled dev split; everything else is the pool, whose gold labels are hidden.
 *
 * @param byContext keep pairs that share a context (prompt) in the same split, so that no prompt
 *                  is seen in training and evaluation both (PandaLM, OpenAssistant)
 */
public record SplitParams(double eval, double labeled, double dev, long seed, boolean byContext) {

    public SplitParams {
        check("eval", eval);
        check("labeled", labeled);
        check("dev", dev);
        if (labeled + dev > 1.0) {
            throw new IllegalArgumentException("the labeled share plus the dev share must not exceed 1 (got " + (labeled + dev) + ")");
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("--" + name + " must be a fraction between 0 and 1 (got " + v + ")");
        }
    }
}
