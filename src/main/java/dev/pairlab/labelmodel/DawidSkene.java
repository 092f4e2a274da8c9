package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.stream.IntStream;

/**
 * Dawid and Skene (1979), "Maximum likelihood estimation of observer error-rates using the EM
 * algorithm": each LF has a 2×2 confusion matrix π[y][a] = P(votes a | true y), abstentions are
 * ignored. EM starts from the majority-vote posteriors; the M-step adds one pseudo-count to each
 * confusion cell (Laplace smoothing) so an LF that never voted one way keeps a finite likelihood.
 * The class prior is held at the given balance, as for the Snorkel-style model.
 *
 * <p>Semi-supervised ({@link #TYPE_SEMI}, decision 0014): rows with a known gold label keep it as their
 * posterior in every E-step (P(B) = 1 or 0: they are clamped), so the confusion matrices are counted from
 * the gold where there is gold and estimated by EM on the unlabeled rows; with only labeled rows this is
 * the smoothed supervised estimate. The unlabeled rows are down-weighted so that together they count as
 * much as the labeled ones (EM-λ, see {@code fit}). Unless the user asked to invert such LFs, an LF's accuracy for a class
 * is held at 0.5 or more, so an LF that is worse than a coin is ignored rather than turned around.
 */
public final class DawidSkene implements LabelModel {

    public static final String TYPE = "dawid-skene";
    public static final String TYPE_SEMI = "dawid-skene-semi";

    private final boolean semi;
    private int m;
    private double[][][] pi; // [m][y][a]
    private double[] prior;

    /** The unsupervised model of Dawid and Skene. */
    public DawidSkene() {
        this(false);
    }

    private DawidSkene(boolean semi) {
        this.semi = semi;
    }

    /** EM with the labeled rows' posteriors clamped to their gold. */
    public static DawidSkene semiSupervised() {
        return new DawidSkene(true);
    }

    @Override
    public String type() {
        return semi ? TYPE_SEMI : TYPE;
    }

    @Override
    public boolean usesGold() {
        return semi;
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
        byte[] known = semi && gold != null ? gold : null;
        double[] t = new MajorityVote().probabilityB(matrix, rows); // E-step start: P(B) per row
        clamp(t, rows, known);
        boolean floor = semi && options.belowChance() != FitOptions.BelowChance.INVERT;
        // EM-λ (Nigam, McCallum, Thrun and Mitchell 2000, "Text classification from labeled and unlabeled documents
        // using EM"): the unlabeled rows count λ each in the M-step, so that all of them together weigh as much as the
        // labeled rows. With λ = 1 a large pool outvotes the gold whenever the LFs are not independent (several LFs
        // that all read length agree with each other, and EM takes agreement for accuracy).
        double[] weight = new double[rows.length];
        java.util.Arrays.fill(weight, 1.0);
        if (known != null) {
            long labeled = IntStream.of(rows).filter(r -> known[r] >= 0).count();
            long unlabeled = rows.length - labeled;
            double lambda = unlabeled == 0 ? 1 : Math.min(1.0, (double) labeled / unlabeled);
            for (int k = 0; k < rows.length; k++) {
                weight[k] = known[rows[k]] >= 0 ? 1.0 : lambda;
            }
        }
        pi = new double[m][2][2];
        for (int iter = 0; iter < options.epochs(); iter++) {
            cancel.throwIfCancelled();
            // M-step.
            double[][][] counts = new double[m][2][2];
            for (int k = 0; k < rows.length; k++) {
                double pb = t[k];
                // The first M-step of the semi-supervised model counts the gold alone: EM starts from the supervised
                // estimate, not from majority vote, which would lead it to the fixed point where correlated LFs look right.
                double w = iter == 0 && known != null && known[rows[k]] < 0 ? 0 : weight[k];
                for (int j = 0; j < m; j++) {
                    byte v = matrix.get(rows[k], j);
                    if (v != Votes.ABSTAIN) {
                        counts[j][0][v] += w * (1 - pb);
                        counts[j][1][v] += w * pb;
                    }
                }
            }
            double change = 0;
            for (int j = 0; j < m; j++) {
                for (int y = 0; y < 2; y++) {
                    double total = counts[j][y][0] + counts[j][y][1] + 2;
                    double right = (counts[j][y][y] + 1) / total;
                    if (floor) {
                        right = Math.max(0.5, right);
                    }
                    for (int a = 0; a < 2; a++) {
                        double v = a == y ? right : 1 - right;
                        change = Math.max(change, Math.abs(v - pi[j][y][a]));
                        pi[j][y][a] = v;
                    }
                }
            }
            // E-step.
            t = probabilityB(matrix, rows);
            clamp(t, rows, known);
            progress.progress(iter + 1, options.epochs(), String.format("Dawid–Skene EM: iteration %d, largest change %.2e", iter + 1, change));
            if (change < 1e-7) {
                break;
            }
        }
    }

    /** Rows with a known label keep it as their posterior. */
    private static void clamp(double[] t, int[] rows, byte[] gold) {
        if (gold == null) {
            return;
        }
        for (int k = 0; k < rows.length; k++) {
            byte g = gold[rows[k]];
            if (g >= 0) {
                t[k] = g;
            }
        }
    }

    @Override
    public double[] probabilityB(LabelMatrix matrix, int[] rows) {
        double[] out = new double[rows.length];
        double la = Math.log(prior[0]);
        double lb = Math.log(prior[1]);
        for (int k = 0; k < rows.length; k++) {
            double sa = la;
            double sb = lb;
            for (int j = 0; j < m; j++) {
                byte v = matrix.get(rows[k], j);
                if (v != Votes.ABSTAIN) {
                    sa += Math.log(pi[j][0][v]);
                    sb += Math.log(pi[j][1][v]);
                }
            }
            out[k] = 1 / (1 + Math.exp(sa - sb));
        }
        return out;
    }

    @Override
    public double[] lfAccuracies() {
        double[] acc = new double[m];
        for (int j = 0; j < m; j++) {
            double right = pi[j][0][0] * prior[0] + pi[j][1][1] * prior[1];
            acc[j] = right; // rows of π sum to 1, so the weighted total is 1
        }
        return acc;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
        o.putArray("class_balance").add(prior[0]).add(prior[1]);
        ArrayNode c = o.putArray("confusion");
        for (double[][] lf : pi) {
            ArrayNode x = c.addArray();
            x.addArray().add(lf[0][0]).add(lf[0][1]);
            x.addArray().add(lf[1][0]).add(lf[1][1]);
        }
        return o;
    }

    static DawidSkene fromJson(ObjectNode o) {
        DawidSkene d = new DawidSkene(o.path("type").asText().equals(TYPE_SEMI));
        d.prior = new double[] {o.path("class_balance").get(0).asDouble(), o.path("class_balance").get(1).asDouble()};
        d.m = o.path("confusion").size();
        d.pi = new double[d.m][2][2];
        for (int j = 0; j < d.m; j++) {
            for (int y = 0; y < 2; y++) {
                for (int a = 0; a < 2; a++) {
                    d.pi[j][y][a] = o.path("confusion").get(j).get(y).get(a).asDouble();
                }
            }
        }
        return d;
    }
}
