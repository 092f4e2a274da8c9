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
 * Snorkel's conditionally independent label model (Ratner et al., "Training Complex Models with
 * Multi-Task Weak Supervision", AAAI 2019; snorkel.labeling.model.LabelModel), for two classes.
 *
 * <p>Parameters μ[j·2 + a][y] = P(LF j votes a | true label y). From the LF votes alone, with the
 * one-hot vote matrix L (n × 2m) and overlap matrix O = LᵀL / n, it minimizes
 * ‖(O − μPμᵀ)∘mask‖² + ‖μP·1 − diag(O)‖² + l2²‖μ − μ₀‖², where P = diag(class balance), the
 * mask drops each LF's own block, and μ₀ starts every LF at accuracy {@code precInit}
 * (μ₀[j·2+y][y] = P(LF j votes y) · precInit / P(y)). Adam runs the gradient steps (gradients
 * derived by hand) and, as Snorkel's optimizer does, also applies l2 as weight decay; after the last
 * epoch μ is clamped into [ε, 1 − ε] and, when the classes are equally likely, the two classes are
 * swapped if that makes the LFs more accurate on the whole (label-switching symmetry; Snorkel's
 * _break_col_permutation_symmetry). Prediction is the log-odds vote with the prior:
 * P(y | votes) ∝ P(y) Πⱼ μ[j·2+vote_j][y], over the LFs that voted, μ clipped to [0.01, 0.99].
 */
public final class SnorkelStyleModel implements LabelModel {

    public static final String TYPE = "snorkel";

    private int m;
    private double[][] mu;     // [2m][2]
    private double[] p;        // class balance [P(A), P(B)]
    private double[] coverage; // each LF's coverage on the rows it was fitted on
    private double lastLoss = Double.NaN;

    @Override
    public String type() {
        return TYPE;
    }

    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        m = matrix.m();
        int d = 2 * m;
        p = new double[] {1 - options.classBalanceB(), options.classBalanceB()};
        double[][] o = overlaps(matrix, rows);
        double[][] mu0 = new double[d][2];
        for (int j = 0; j < m; j++) {
            for (int y = 0; y < 2; y++) {
                int idx = 2 * j + y;
                mu0[idx][y] = Math.max(0, Math.min(1, o[idx][idx] * options.precInit() / p[y]));
            }
        }
        // Snorkel breaks the symmetry of the start by scaling μ₀ with one random number: numpy's first draw after
        // seeding it with the fit's seed, which NumpyLegacyRandom draws the same.
        double scale = new NumpyLegacyRandom(options.seed()).nextDouble();
        mu = new double[d][2];
        for (int r = 0; r < d; r++) {
            mu[r][0] = mu0[r][0] * scale;
            mu[r][1] = mu0[r][1] * scale;
        }
        double eps = Math.min(0.01, 1 / Math.pow(10, Math.ceil(Math.log10(Math.max(1, rows.length)))));
        Step optimizer = options.optimizer() == FitOptions.Optimizer.SGD ? new Sgd(d, options.lr()) : new Adam(d, options.lr());
        double l2sq = options.l2() * options.l2();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            cancel.throwIfCancelled();
            double[][] grad = new double[d][2];
            lastLoss = lossAndGradient(o, mu0, l2sq, grad);
            for (int r = 0; r < d; r++) {
                // Snorkel passes l2 to its optimizer as weight decay too (PyTorch: grad += decay · param).
                grad[r][0] += options.l2() * mu[r][0];
                grad[r][1] += options.l2() * mu[r][1];
            }
            optimizer.step(mu, grad);
            progress.progress(epoch + 1, options.epochs(), String.format("fitting label model: epoch %d, loss %.6f", epoch + 1, lastLoss));
        }
        for (int r = 0; r < d; r++) {
            mu[r][0] = Math.max(eps, Math.min(1 - eps, mu[r][0]));
            mu[r][1] = Math.max(eps, Math.min(1 - eps, mu[r][1]));
        }
        coverage = new double[m];
        for (int j = 0; j < m; j++) {
            coverage[j] = o[2 * j][2 * j] + o[2 * j + 1][2 * j + 1];
        }
        breakSymmetry();
    }

    /** O = LᵀL / n over the rows, in fixed-order chunks so the result does not depend on threading. */
    static double[][] overlaps(LabelMatrix matrix, int[] rows) {
        int m = matrix.m();
        int d = 2 * m;
        int chunk = 65536;
        int chunks = (rows.length + chunk - 1) / chunk;
        long[][][] partial = new long[Math.max(1, chunks)][d][d];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long[][] acc = partial[c];
            int[] active = new int[m];
            for (int k = c * chunk; k < Math.min(rows.length, (c + 1) * chunk); k++) {
                int na = 0;
                for (int j = 0; j < m; j++) {
                    byte v = matrix.get(rows[k], j);
                    if (v != Votes.ABSTAIN) {
                        active[na++] = 2 * j + v;
                    }
                }
                for (int x = 0; x < na; x++) {
                    for (int y = 0; y < na; y++) {
                        acc[active[x]][active[y]]++;
                    }
                }
            }
        });
        double[][] o = new double[d][d];
        double n = Math.max(1, rows.length);
        for (long[][] part : partial) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    o[r][c] += part[r][c];
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                o[r][c] /= n;
            }
        }
        return o;
    }

    /** The loss, with its gradient with respect to μ written into {@code grad}. */
    double lossAndGradient(double[][] o, double[][] mu0, double l2sq, double[][] grad) {
        int d = o.length;
        double loss = 0;
        // R = (O − μPμᵀ) on the mask (blocks of different LFs); ∂/∂μ of ‖R‖² = −4 R μ P (R symmetric).
        double[][] rMat = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if (r / 2 == c / 2) {
                    continue;
                }
                double model = mu[r][0] * p[0] * mu[c][0] + mu[r][1] * p[1] * mu[c][1];
                double res = o[r][c] - model;
                rMat[r][c] = res;
                loss += res * res;
            }
        }
        for (int r = 0; r < d; r++) {
            for (int y = 0; y < 2; y++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += rMat[r][c] * mu[c][y];
                }
                grad[r][y] += -4 * s * p[y];
            }
        }
        // ‖μP·1 − diag(O)‖²: each row's labeling propensity must match the data.
        for (int r = 0; r < d; r++) {
            double s = mu[r][0] * p[0] + mu[r][1] * p[1] - o[r][r];
            loss += s * s;
            grad[r][0] += 2 * s * p[0];
            grad[r][1] += 2 * s * p[1];
        }
        // l2 pull toward the initial parameters (Snorkel: ‖l2·I (μ − μ₀)‖²).
        for (int r = 0; r < d; r++) {
            for (int y = 0; y < 2; y++) {
                double diff = mu[r][y] - mu0[r][y];
                loss += l2sq * diff * diff;
                grad[r][y] += 2 * l2sq * diff;
            }
        }
        return loss;
    }

    /** Swap the classes if the swapped parameters make the LFs more accurate on the whole (equal priors only). */
    private void breakSymmetry() {
        if (Math.round(p[0] * 1000) != Math.round(p[1] * 1000)) {
            return;
        }
        double keep = 0;
        double swap = 0;
        for (int j = 0; j < m; j++) {
            keep += mu[2 * j][0] * p[0] + mu[2 * j + 1][1] * p[1];
            swap += mu[2 * j][1] * p[1] + mu[2 * j + 1][0] * p[0];
        }
        if (swap > keep) {
            for (double[] row : mu) {
                double t = row[0];
                row[0] = row[1];
                row[1] = t;
            }
        }
    }

    @Override
    public double[] probabilityB(LabelMatrix matrix, int[] rows) {
        if (matrix.m() != m) {
            throw new IllegalArgumentException("the model was fitted on " + m + " LFs, the matrix has " + matrix.m());
        }
        double[][] logMu = new double[2 * m][2];
        for (int r = 0; r < 2 * m; r++) {
            for (int y = 0; y < 2; y++) {
                logMu[r][y] = Math.log(Math.max(0.01, Math.min(0.99, mu[r][y])));
            }
        }
        double logPa = Math.log(p[0]);
        double logPb = Math.log(p[1]);
        double[] out = new double[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(k -> {
            double sa = logPa;
            double sb = logPb;
            for (int j = 0; j < m; j++) {
                byte v = matrix.get(rows[k], j);
                if (v != Votes.ABSTAIN) {
                    sa += logMu[2 * j + v][0];
                    sb += logMu[2 * j + v][1];
                }
            }
            out[k] = 1 / (1 + Math.exp(sa - sb));
        });
        return out;
    }

    /**
     * P(vote correct | LF votes) as Snorkel's get_weights computes it: Σ_y P(votes y | y) P(y), the
     * conditional probabilities clipped to [0.01, 0.99], divided by the LF's coverage on the fit rows.
     */
    @Override
    public double[] lfAccuracies() {
        double[] acc = new double[m];
        for (int j = 0; j < m; j++) {
            double right = clip(mu[2 * j][0]) * p[0] + clip(mu[2 * j + 1][1]) * p[1];
            double cov = coverage == null ? (mu[2 * j][0] + mu[2 * j + 1][0]) * p[0] + (mu[2 * j][1] + mu[2 * j + 1][1]) * p[1] : coverage[j];
            acc[j] = cov == 0 ? Double.NaN : Math.max(1e-6, Math.min(1.0, right / cov));
        }
        return acc;
    }

    private static double clip(double v) {
        return Math.max(0.01, Math.min(0.99, v));
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", TYPE);
        o.putArray("class_balance").add(p[0]).add(p[1]);
        ArrayNode cov = o.putArray("coverage");
        for (double c : coverage) {
            cov.add(c);
        }
        ArrayNode rowsNode = o.putArray("mu");
        for (double[] row : mu) {
            rowsNode.addArray().add(row[0]).add(row[1]);
        }
        return o;
    }

    static SnorkelStyleModel fromJson(ObjectNode o) {
        SnorkelStyleModel model = new SnorkelStyleModel();
        model.p = new double[] {o.path("class_balance").get(0).asDouble(), o.path("class_balance").get(1).asDouble()};
        int d = o.path("mu").size();
        model.m = d / 2;
        model.coverage = new double[model.m];
        for (int j = 0; j < model.m; j++) {
            model.coverage[j] = o.path("coverage").path(j).asDouble(Double.NaN);
        }
        model.mu = new double[d][2];
        for (int r = 0; r < d; r++) {
            model.mu[r][0] = o.path("mu").get(r).get(0).asDouble();
            model.mu[r][1] = o.path("mu").get(r).get(1).asDouble();
        }
        return model;
    }

    /** Adam (Kingma and Ba 2015) with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8. */
    /** One optimizer step on μ given its gradient (weight decay already added). */
    interface Step {
        void step(double[][] params, double[][] grad);
    }

    /** PyTorch's SGD with momentum 0.9 and no dampening, as Snorkel's default optimizer config has it. */
    static final class Sgd implements Step {
        private final double lr;
        private final double[][] buf;
        private boolean first = true;

        Sgd(int d, double lr) {
            this.lr = lr;
            this.buf = new double[d][2];
        }

        @Override
        public void step(double[][] params, double[][] grad) {
            for (int r = 0; r < params.length; r++) {
                for (int y = 0; y < 2; y++) {
                    buf[r][y] = first ? grad[r][y] : 0.9 * buf[r][y] + grad[r][y];
                    params[r][y] -= lr * buf[r][y];
                }
            }
            first = false;
        }
    }

    static final class Adam implements Step {
        private final double lr;
        private final double[][] m1;
        private final double[][] m2;
        private int t;

        Adam(int d, double lr) {
            this.lr = lr;
            this.m1 = new double[d][2];
            this.m2 = new double[d][2];
        }

        @Override
        public void step(double[][] params, double[][] grad) {
            t++;
            double b1 = 0.9;
            double b2 = 0.999;
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int r = 0; r < params.length; r++) {
                for (int y = 0; y < 2; y++) {
                    double g = grad[r][y];
                    m1[r][y] = b1 * m1[r][y] + (1 - b1) * g;
                    m2[r][y] = b2 * m2[r][y] + (1 - b2) * g * g;
                    params[r][y] -= lr * (m1[r][y] / c1) / (Math.sqrt(m2[r][y] / c2) + 1e-8);
                }
            }
        }
    }
}
