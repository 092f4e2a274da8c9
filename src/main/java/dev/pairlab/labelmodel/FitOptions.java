package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * How to fit a label model: one record drives the CLI options, the GUI form and the saved run. It owns the
 * defaults (the paper's values, method.md) as text for picocli's {@code defaultValue} and the forms, the
 * descriptions both show, and the checks ({@link #validate()}).
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
                         BelowChance belowChance, Optimizer optimizer) implements Parameters {

    /**
     * The Snorkel-style model's optimizer, as Snorkel's LabelModel offers them: {@code sgd} (its default: momentum
     * 0.9, l2 as weight decay) or {@code adam} (β 0.9/0.999, ε 1e-8, l2 as weight decay; the paper's choice).
     */
    public enum Optimizer {
        SGD, ADAM;

        public static Optimizer parse(String s) {
            Optimizer o = Choices.byKey(values(), Optimizer::key, s);
            if (o == null) {
                throw new IllegalArgumentException("the optimizer is sgd or adam, not '" + s + "'");
            }
            return o;
        }

        public String key() {
            return Choices.lowerCase(this);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** What to do with LFs that are measurably worse than a coin on the labeled rows. */
    public enum BelowChance {
        KEEP, DROP, INVERT;

        public static BelowChance parse(String s) {
            BelowChance b = Choices.byKey(values(), BelowChance::key, s);
            if (b == null) {
                throw new IllegalArgumentException("below-chance LFs: keep, drop or invert, not '" + s + "'");
            }
            return b;
        }

        public String key() {
            return Choices.lowerCase(this);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    // The defaults, once, as text: picocli's defaultValue must be a constant string; paper(), an old run's missing
    // fields and the screen's form read the same text.
    public static final String DEFAULT_CLASS_BALANCE = "0.5";
    public static final String DEFAULT_EPOCHS = "100";
    public static final String DEFAULT_LR = "0.01";
    public static final String DEFAULT_L2 = "0.6";
    public static final String DEFAULT_PREC_INIT = "0.7";
    public static final String DEFAULT_SEED = "123";
    public static final String DEFAULT_PRIOR_STRENGTH = "50";
    public static final String DEFAULT_BELOW_CHANCE = "keep";
    public static final String DEFAULT_OPTIMIZER = "adam";

    // Descriptions, as picocli shows them (%n a line break, %% a percent sign, ${DEFAULT-VALUE} the default); the screens
    // show them as tooltips.
    public static final String DESC_CLASS_BALANCE = "Prior P(B preferred)";
    public static final String DESC_EPOCHS = "Epochs / EM iterations";
    public static final String DESC_LR = "Learning rate of the Snorkel-style model";
    public static final String DESC_L2 = "Pull toward the initial accuracy (paper: 0.5 HH, 0.6 others; default ${DEFAULT-VALUE}).";
    public static final String DESC_PREC_INIT = "Initial LF accuracy";
    public static final String DESC_SEED = "Seed";
    public static final String DESC_PRIOR_STRENGTH = "Gold-using types: how many gold labels weigh as much as%nthe unsupervised estimate"
            + " (default ${DEFAULT-VALUE}: 10 labels move an accuracy 17 %% of the way, 500 labels 91 %%).";
    public static final String DESC_BELOW_CHANCE = "LFs whose accuracy on the labeled split is below 0.5%n(95 %% interval): keep (the"
            + " gold-using types never let them flip a label), drop or invert (default ${DEFAULT-VALUE}).";
    public static final String DESC_OPTIMIZER = "Snorkel-style model: adam (the paper's) or sgd (Snorkel's own%ndefault, momentum 0.9;"
            + " with --l2 0 it reproduces LabelModel().fit() on the same matrix) (default ${DEFAULT-VALUE}).";

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, Double.parseDouble(DEFAULT_PRIOR_STRENGTH), BelowChance.KEEP, Optimizer.ADAM);
    }

    public FitOptions(double classBalanceB, int epochs, double lr, double l2, double precInit, long seed, double priorStrength,
                      BelowChance belowChance) {
        this(classBalanceB, epochs, lr, l2, precInit, seed, priorStrength, belowChance, Optimizer.ADAM);
    }

    /** The defaults: the paper's settings, and what the CLI, the label-model screen and an old saved run start from. */
    public static FitOptions paper() {
        return new FitOptions(Double.parseDouble(DEFAULT_CLASS_BALANCE), Integer.parseInt(DEFAULT_EPOCHS), Double.parseDouble(DEFAULT_LR),
                Double.parseDouble(DEFAULT_L2), Double.parseDouble(DEFAULT_PREC_INIT), Long.parseLong(DEFAULT_SEED),
                Double.parseDouble(DEFAULT_PRIOR_STRENGTH), BelowChance.parse(DEFAULT_BELOW_CHANCE), Optimizer.parse(DEFAULT_OPTIMIZER));
    }

    public FitOptions {
        if (belowChance == null) {
            belowChance = BelowChance.KEEP;
        }
        if (optimizer == null) {
            optimizer = Optimizer.ADAM;
        }
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (!(classBalanceB > 0 && classBalanceB < 1)) {
            problems.add(Problem.of("classBalanceB", "the class balance P(B) must be strictly between 0 and 1, got " + classBalanceB));
        }
        if (epochs < 1) {
            problems.add(Problem.of("epochs", "the number of epochs must be at least 1, got " + epochs));
        }
        if (!(lr > 0)) {
            problems.add(Problem.of("lr", "the learning rate must be positive, got " + lr));
        }
        if (!(l2 >= 0)) {
            problems.add(Problem.of("l2", "the l2 pull must be 0 or more, got " + l2));
        }
        if (!(precInit > 0 && precInit < 1)) {
            problems.add(Problem.of("precInit", "the initial LF accuracy must be strictly between 0 and 1, got " + precInit));
        }
        if (!(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            problems.add(Problem.of("priorStrength", "the prior strength must be 0 or more pseudo-labels, got " + priorStrength));
        }
        return problems;
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
