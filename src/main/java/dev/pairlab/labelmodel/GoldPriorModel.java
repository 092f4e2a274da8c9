package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;

/**
 * Snorkel's estimate corrected by the gold labels (decision 0014). Each LF j has a class-conditional
 * accuracy α[j][y] = P(LF j votes y | true label y, it votes). The unsupervised Snorkel-style model,
 * fitted on all the rows given, supplies a prior guess a₀[j] for both classes; the labeled rows give
 * c[j][y] correct votes out of n[j][y] votes on pairs whose gold is y. The estimate is the mean of the
 * Beta posterior whose prior is Beta(κ·a₀, κ·(1 − a₀)):
 * <pre>α[j][y] = (κ·a₀[j] + c[j][y]) / (κ + n[j][y])</pre>
 * so gold labels move an accuracy a share n / (n + κ) of the way from Snorkel's guess to what they show
 * (κ = 50: 10 labels 17 %, 100 labels 67 %, 500 labels 91 %). Unless the user asked to invert LFs,
 * α is held at 0.5 or more, so an LF worse than a coin is ignored rather than turned around.
 * Prediction is the naive-Bayes vote P(y | votes) ∝ P(y) Πⱼ P(vote_j | y), over the LFs that voted.
 */
public final class GoldPriorModel implements LabelModel {

    public static final String TYPE = "snorkel-gold";

    private int m;
    private double[] prior;
    private double[][] alpha;   // [m][y]
    private double[] unsupervised;
    private long[][] votes;     // [m][y] labeled votes on pairs with gold y
    private long[][] correct;   // [m][y]
    private double strength;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean usesGold() {
        return true;
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        fit(matrix, rows, null, options, progress, cancel);
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, byte[] gold, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        m = matrix.m();
        prior = new double[] {1 - options.classBalanceB(), options.classBalanceB()};
        strength = options.priorStrength();
        SnorkelStyleModel snorkel = new SnorkelStyleModel();
        snorkel.fit(matrix, rows, options, progress, cancel);
        unsupervised = snorkel.lfAccuracies();
        votes = new long[m][2];
        correct = new long[m][2];
        if (gold != null) {
            for (int k = 0; k < rows.length; k++) {
                byte g = gold[rows[k]];
                if (g < 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    byte v = matrix.get(rows[k], j);
                    if (v != Votes.ABSTAIN) {
                        votes[j][g]++;
                        correct[j][g] += v == g ? 1 : 0;
                    }
                }
            }
        }
        boolean floor = options.belowChance() != FitOptions.BelowChance.INVERT;
        alpha = new double[m][2];
        for (int j = 0; j < m; j++) {
            double a0 = Double.isNaN(unsupervised[j]) ? 0.5 : unsupervised[j];
            for (int y = 0; y < 2; y++) {
                double a = estimate(a0, strength, correct[j][y], votes[j][y]);
                alpha[j][y] = clip(floor ? Math.max(0.5, a) : a);
            }
        }
    }

    /** The Beta posterior mean: prior mean a0 worth {@code strength} pseudo-votes, plus c right of n. */
    static double estimate(double a0, double strength, long c, long n) {
        if (strength + n == 0) {
            return a0;
        }
        return (strength * a0 + c) / (strength + n);
    }

    private static double clip(double v) {
        return Math.max(0.01, Math.min(0.99, v));
    }

    @Override
    public double[] probabilityB(LabelMatrix matrix, int[] rows) {
        double[] out = new double[rows.length];
        double base = Math.log(prior[1]) - Math.log(prior[0]);
        for (int k = 0; k < rows.length; k++) {
            double logOdds = base;
            for (int j = 0; j < m; j++) {
                byte v = matrix.get(rows[k], j);
                if (v == Votes.B) {
                    logOdds += Math.log(alpha[j][1]) - Math.log(1 - alpha[j][0]);
                } else if (v == Votes.A) {
                    logOdds += Math.log(1 - alpha[j][1]) - Math.log(alpha[j][0]);
                }
            }
            out[k] = 1 / (1 + Math.exp(-logOdds));
        }
        return out;
    }

    @Override
    public double[] lfAccuracies() {
        double[] acc = new double[m];
        for (int j = 0; j < m; j++) {
            acc[j] = alpha[j][0] * prior[0] + alpha[j][1] * prior[1];
        }
        return acc;
    }

    /** LF j's accuracy on pairs whose true label is y, as estimated. */
    public double accuracy(int j, int y) {
        return alpha[j][y];
    }

    /** LF j's accuracy as the unsupervised model estimated it (the prior's centre). */
    public double unsupervisedAccuracy(int j) {
        return unsupervised[j];
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", TYPE);
        o.putArray("class_balance").add(prior[0]).add(prior[1]);
        o.put("prior_strength", strength);
        ArrayNode lfs = o.putArray("lfs");
        for (int j = 0; j < m; j++) {
            ObjectNode x = lfs.addObject();
            x.put("unsupervised_accuracy", unsupervised[j]);
            x.putArray("accuracy").add(alpha[j][0]).add(alpha[j][1]);
            x.putArray("gold_votes").add(votes[j][0]).add(votes[j][1]);
            x.putArray("gold_correct").add(correct[j][0]).add(correct[j][1]);
        }
        return o;
    }

    static GoldPriorModel fromJson(ObjectNode o) {
        GoldPriorModel g = new GoldPriorModel();
        g.prior = new double[] {o.path("class_balance").get(0).asDouble(), o.path("class_balance").get(1).asDouble()};
        g.strength = o.path("prior_strength").asDouble();
        g.m = o.path("lfs").size();
        g.alpha = new double[g.m][2];
        g.unsupervised = new double[g.m];
        g.votes = new long[g.m][2];
        g.correct = new long[g.m][2];
        for (int j = 0; j < g.m; j++) {
            var x = o.path("lfs").get(j);
            g.unsupervised[j] = x.path("unsupervised_accuracy").asDouble();
            for (int y = 0; y < 2; y++) {
                g.alpha[j][y] = x.path("accuracy").get(y).asDouble();
                g.votes[j][y] = x.path("gold_votes").get(y).asLong();
                g.correct[j][y] = x.path("gold_correct").get(y).asLong();
            }
        }
        return g;
    }
}
