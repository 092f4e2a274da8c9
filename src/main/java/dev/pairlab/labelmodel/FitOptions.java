package dev.pairlab.labelmodel;

import java.util.Locale;

/**
 * How to fit a label model: one record drives the CLI options, the GUI form and the saved run.
 *
 * @param classBalanceB prior probability that B is preferred (the paper: 0.5)
 * @param epochs        gradient epochs (Snorkel-style) or EM iterations (Dawid–Skene)
 * @param lr            learning rate of Adam (Snorkel-style)
 * @param l2            pull of the LF parameters toward their initial value (the paper: 0.5 HH, 0.6 others)
 * @param precInit      initial LF accuracy the l2 term pulls toward (Snorkel's prec_init, 0.7)
 * @param seed          seed of the random start (Snorkel-style) and of random tie-breaking
 * @param priorStrength the gold-using models' prior, in pseudo-labels: how many gold labels weigh as much
 *                      as the unsupervised estimate (decision 0014; 50: 10 labels move an accuracy 17 % of
 *                      the way to what they show, 500 labels 91 %)
 * @param belowChance   what to do with an LF whose accuracy on the labeled rows is below 0.5 with 95 %
 *                      confidence: keep it (the gold-using models then never let it flip a label), or,
 *                      only when asked, drop it or invert its votes
 */
public record FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed, double priorStrength,
                         BelowChance belowChance, Optimizer optimizer) {

    /**
     * The Snorkel-style model's optimizer, as Snorkel's LabelModel offers them: {@code sgd} (its default: momentum
     * 0.9, l2 as weight decay) or {@code adam} (β 0.9/0.999, ε 1e-8, l2 as weight decay; the paper's choice).
     */
    public enum Optimizer {
        SGD, ADAM;

        public static Optimizer parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the optimizer is sgd or adam, not '" + s + "'");
            }
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to do with LFs that are measurably worse than a coin on the labeled rows. */
    public enum BelowChance {
        KEEP, DROP, INVERT;

        public static BelowChance parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("below-chance LFs: keep, drop or invert, not '" + s + "'");
            }
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final double DEFAULT_PRIOR_STRENGTH = 50;

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, DEFAULT_PRIOR_STRENGTH, BelowChance.KEEP, Optimizer.ADAM);
    }

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed, double priorStrength,
                      BelowChance belowChance) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, priorStrength, belowChance, Optimizer.ADAM);
    }

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
        if (!(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            throw new IllegalArgumentException("prior strength must be 0 or more pseudo-labels, got " + priorStrength);
        }
        if (belowChance == null) {
            belowChance = BelowChance.KEEP;
        }
        if (optimizer == null) {
            optimizer = Optimizer.ADAM;
        }
    }

    public FitOptions withL2(double v) {
        return new FitOptions(classBalanceB, epochs, lr, v, precInit, seed, priorStrength, belowChance, optimizer);
    }

    public FitOptions withEpochs(int v) {
        return new FitOptions(classBalanceB, v, lr, l2, precInit, seed, priorStrength, belowChance, optimizer);
    }

    public FitOptions withSeed(long v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, precInit, v, priorStrength, belowChance, optimizer);
    }

    public FitOptions withPriorStrength(double v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, precInit, seed, v, belowChance, optimizer);
    }

    public FitOptions withOptimizer(Optimizer v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, precInit, seed, priorStrength, belowChance, v);
    }

    public FitOptions withBelowChance(BelowChance v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, precInit, seed, priorStrength, v, optimizer);
    }
}
