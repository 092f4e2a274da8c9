package dev.pairlab.labelmodel;

/**
 * How to fit a label model: one record drives the CLI options, the GUI form and the saved run.
 *
 * @param classBalanceB prior probability that B is preferred (the paper: 0.5)
 * @param epochs        gradient epochs (Snorkel-style) or EM iterations (Dawid–Skene)
 * @param lr            learning rate of Adam (Snorkel-style)
 * @param l2            pull of the LF parameters toward their initial value (the paper: 0.5 HH, 0.6 others)
 * @param precInit      initial LF accuracy the l2 term pulls toward (Snorkel's prec_init, 0.7)
 * @param seed          seed of the random start (Snorkel-style) and of random tie-breaking
 */
public record FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed) {

    public static FitOptions paper() {
        return new FitOptions(0.5, 100, 0.01, 0.6, 0.7, 123);
    }

    public FitOptions {
        if (!(classBalanceB > 0 && classBalanceB < 1)) {
            throw new IllegalArgumentException("class balance must be strictly between 0 and 1, got " + classBalanceB);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be 0 or more, got " + l2);
        }
        if (!(precInit > 0 && precInit < 1)) {
            throw new IllegalArgumentException("initial accuracy must be strictly between 0 and 1, got " + precInit);
        }
    }

    public FitOptions withL2(double v) {
        return new FitOptions(classBalanceB, epochs, lr, v, precInit, seed);
    }

    public FitOptions withEpochs(int v) {
        return new FitOptions(classBalanceB, v, lr, l2, precInit, seed);
    }

    public FitOptions withSeed(long v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, precInit, v);
    }
}
