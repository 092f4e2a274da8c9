package dev.pairlab.labelmodel;

import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;

/**
 * How good and how well calibrated a label model's probabilities are on rows with gold labels:
 * accuracy and coverage of the hard labels, log loss, Brier score, expected calibration error
 * (Guo et al. 2017: 10 equal-width bins of confidence = max(P(A), P(B)), weighted gap between
 * confidence and accuracy) and the reliability table behind it.
 */
public final class Calibration {

    public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {
    }

    /**
     * @param coverage         share of rows given a hard label (ties may abstain)
     * @param accuracy         accuracy of the hard labels given
     * @param expectedAccuracy accuracy with every tie (P = 0.5) counted as half right: what random
     *                         tie-breaking gives on average, without the luck of one coin
     * @param tiesBroken       rows at P = 0.5 that were given a hard label anyway, by the tie policy (a
     *                         coin under --ties random): counted in coverage where Snorkel would abstain
     */
    public record Report(int rows, double coverage, double accuracy, double expectedAccuracy, double logLoss, double brier, double ece,
                         List<Bin> reliability, int tiesBroken) {

        /** Share of the rows whose hard label the tie policy gave. */
        public double tiesBrokenShare() {
            return rows == 0 ? Double.NaN : (double) tiesBroken / rows;
        }
    }

    /** One point of the confidence-threshold sweep. */
    public record ThresholdPoint(double threshold, int kept, double coverage, double accuracy) {
    }

    private Calibration() {
    }

    /** Over rows whose gold (0 = A, 1 = B) is known; rows with gold −1 are skipped. */
    public static Report evaluate(double[] probabilityB, byte[] hard, byte[] gold) {
        int n = 0;
        int labeled = 0;
        int right = 0;
        int tiesBroken = 0;
        double expectedRight = 0;
        double logLoss = 0;
        double brier = 0;
        int bins = 10;
        int[] count = new int[bins];
        double[] confSum = new double[bins];
        int[] binRight = new int[bins];
        for (int k = 0; k < gold.length; k++) {
            if (gold[k] < 0) {
                continue;
            }
            n++;
            double pb = probabilityB[k];
            double pTrue = gold[k] == Votes.B ? pb : 1 - pb;
            expectedRight += Math.abs(pb - 0.5) < 1e-12 ? 0.5 : pTrue > 0.5 ? 1 : 0;
            logLoss -= Math.log(Math.max(1e-15, pTrue));
            brier += (1 - pTrue) * (1 - pTrue);
            if (hard[k] != Votes.ABSTAIN) {
                labeled++;
                if (Math.abs(pb - 0.5) < 1e-12) {
                    tiesBroken++;
                }
                if (hard[k] == gold[k]) {
                    right++;
                }
            }
            double conf = Math.max(pb, 1 - pb);
            int bin = Math.min(bins - 1, (int) Math.floor(conf * bins));
            count[bin]++;
            confSum[bin] += conf;
            byte predicted = hard[k] != Votes.ABSTAIN ? hard[k] : pb > 0.5 ? Votes.B : Votes.A;
            if (predicted == gold[k]) {
                binRight[bin]++;
            }
        }
        List<Bin> table = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double meanConf = count[b] == 0 ? Double.NaN : confSum[b] / count[b];
            double acc = count[b] == 0 ? Double.NaN : (double) binRight[b] / count[b];
            table.add(new Bin(b / 10.0, (b + 1) / 10.0, count[b], meanConf, acc));
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(acc - meanConf);
            }
        }
        double d = Math.max(1, n);
        return new Report(n, labeled / d, labeled == 0 ? Double.NaN : (double) right / labeled, n == 0 ? Double.NaN : expectedRight / n,
                logLoss / d, brier / d, ece, table, tiesBroken);
    }

    /** Keep rows whose confidence is at least t: how many, and how accurate (against the given gold). */
    public static List<ThresholdPoint> sweep(double[] probabilityB, byte[] hard, byte[] gold, double[] thresholds) {
        List<ThresholdPoint> out = new ArrayList<>();
        for (double t : thresholds) {
            int kept = 0;
            int known = 0;
            int right = 0;
            for (int k = 0; k < probabilityB.length; k++) {
                if (!WeakExport.keeps(probabilityB[k], hard[k], t)) { // the export's keep rule
                    continue;
                }
                kept++;
                if (gold[k] >= 0) {
                    known++;
                    if (gold[k] == hard[k]) {
                        right++;
                    }
                }
            }
            out.add(new ThresholdPoint(t, kept, probabilityB.length == 0 ? 0 : (double) kept / probabilityB.length,
                    known == 0 ? Double.NaN : (double) right / known));
        }
        return out;
    }

    public static double[] defaultThresholds() {
        return new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    }
}
