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
 * Dawid and Skene (1979), "Maximum likelihood estimation of observer error-rates using the EM
 * algorithm": each LF has a 2×2 confusion matrix π[y][a] = P(votes a | true y), abstentions are
 * ignored. EM starts from the majority-vote posteriors; the M-step adds one pseudo-count to each
 * confusion cell (Laplace smoothing) so an LF that never voted one way keeps a finite likelihood.
 * The class prior is held at the given balance, as for the Snorkel-style model.
 */
public final class DawidSkene implements LabelModel {

    public static final String TYPE = "dawid-skene";

    private int m;
    private double[][][] pi; // [m][y][a]
    private double[] prior;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        m = matrix.m();
        prior = new double[] {1 - options.classBalanceB(), options.classBalanceB()};
        double[] t = new MajorityVote().probabilityB(matrix, rows); // E-step start: P(B) per row
        pi = new double[m][2][2];
        for (int iter = 0; iter < options.epochs(); iter++) {
            cancel.throwIfCancelled();
            // M-step.
            double[][][] counts = new double[m][2][2];
            for (int k = 0; k < rows.length; k++) {
                double pb = t[k];
                for (int j = 0; j < m; j++) {
                    byte v = matrix.get(rows[k], j);
                    if (v != Votes.ABSTAIN) {
                        counts[j][0][v] += 1 - pb;
                        counts[j][1][v] += pb;
                    }
                }
            }
            double change = 0;
            for (int j = 0; j < m; j++) {
                for (int y = 0; y < 2; y++) {
                    double total = counts[j][y][0] + counts[j][y][1] + 2;
                    for (int a = 0; a < 2; a++) {
                        double v = (counts[j][y][a] + 1) / total;
                        change = Math.max(change, Math.abs(v - pi[j][y][a]));
                        pi[j][y][a] = v;
                    }
                }
            }
            // E-step.
            t = probabilityB(matrix, rows);
            progress.progress(iter + 1, options.epochs(), String.format("Dawid–Skene EM: iteration %d, largest change %.2e", iter + 1, change));
            if (change < 1e-7) {
                break;
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
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", TYPE);
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
        DawidSkene d = new DawidSkene();
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
