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

    // The defaults, once: as text for picocli's defaultValue (which must be a constant string) and as numbers for
    // paper(), the saved run's missing fields and the GUI form. The paper's values (method.md).
    public static final String DEFAULT_CLASS_BALANCE_TEXT = "0.5";
    public static final String DEFAULT_EPOCHS_TEXT = "100";
    public static final String DEFAULT_LR_TEXT = "0.01";
    public static final String DEFAULT_L2_TEXT = "0.6";
    public static final String DEFAULT_PREC_INIT_TEXT = "0.7";
    public static final String DEFAULT_SEED_TEXT = "123";
    public static final String DEFAULT_PRIOR_STRENGTH_TEXT = "50";
    public static final String DEFAULT_BELOW_CHANCE_TEXT = "keep";
    public static final String DEFAULT_OPTIMIZER_TEXT = "adam";

    public static final double DEFAULT_CLASS_BALANCE = Double.parseDouble(DEFAULT_CLASS_BALANCE_TEXT);
    public static final int DEFAULT_EPOCHS = Integer.parseInt(DEFAULT_EPOCHS_TEXT);
    public static final double DEFAULT_LR = Double.parseDouble(DEFAULT_LR_TEXT);
    public static final double DEFAULT_L2 = Double.parseDouble(DEFAULT_L2_TEXT);
    public static final double DEFAULT_PREC_INIT = Double.parseDouble(DEFAULT_PREC_INIT_TEXT);
    public static final long DEFAULT_SEED = Long.parseLong(DEFAULT_SEED_TEXT);
    public static final double DEFAULT_PRIOR_STRENGTH = Double.parseDouble(DEFAULT_PRIOR_STRENGTH_TEXT);

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, DEFAULT_PRIOR_STRENGTH, BelowChance.KEEP, Optimizer.ADAM);
    }

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed, double priorStrength,
                      BelowChance belowChance) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, priorStrength, belowChance, Optimizer.ADAM);
    }

    /** The defaults: the paper's settings, and what the CLI, the label-model screen and an old saved run start from. */
    public static FitOptions paper() {
        return new FitOptions(DEFAULT_CLASS_BALANCE, DEFAULT_EPOCHS, DEFAULT_LR, DEFAULT_L2, DEFAULT_PREC_INIT, DEFAULT_SEED, DEFAULT_PRIOR_STRENGTH,
                BelowChance.parse(DEFAULT_BELOW_CHANCE_TEXT), Optimizer.parse(DEFAULT_OPTIMIZER_TEXT));
    }

    public FitOptions {
        if (!(classBalanceB > 0 && classBalanceB < 1)) {
            throw new IllegalArgumentException("the class balance P(B) must be strictly between 0 and 1, got " + classBalanceB);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, got " + epochs);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + lr);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("the l2 pull must be 0 or more, got " + l2);
        }
        if (!(precInit > 0 && precInit < 1)) {
            throw new IllegalArgumentException("the initial LF accuracy must be strictly between 0 and 1, got " + precInit);
        }
        if (!(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            throw new IllegalArgumentException("the prior strength must be 0 or more pseudo-labels, got " + priorStrength);
        }
        if (belowChance == null) {
            belowChance = BelowChance.KEEP;
        }
        if (optimizer == null) {
            optimizer = Optimizer.ADAM;
        }
    }

    public FitOptions withClassBalance(double v) {
        return new FitOptions(v, epochs, lr, l2, precInit, seed, priorStrength, belowChance, optimizer);
    }

    public FitOptions withLr(double v) {
        return new FitOptions(classBalanceB, epochs, v, l2, precInit, seed, priorStrength, belowChance, optimizer);
    }

    public FitOptions withPrecInit(double v) {
        return new FitOptions(classBalanceB, epochs, lr, l2, v, seed, priorStrength, belowChance, optimizer);
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
