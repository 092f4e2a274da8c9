package dev.pairlab.analysis;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's "data analysis" step for one feature over labeled rows: how the feature differs
 * between preferred and rejected answers, and how a rule "prefer the higher value, abstain when
 * |Δ| < t" performs as t grows. The suggested rule maximizes coverage × (2·accuracy − 1), the share
 * of pairs it labels correctly minus the share it labels wrongly: a rule that is right 90% of the time
 * on 1% of pairs adds less than one right 65% of the time on 60%.
 */
public final class FeatureAnalysis {

    /** One point of the threshold curve for "prefer higher" (for "prefer lower" accuracy is 1 − it). */
    public record Point(double threshold, double coverage, double accuracy) {
    }

    /**
     * @param preferredHigher share of labeled pairs (with unequal values) where the preferred answer has the higher value
     * @param preferredQuantiles quartiles (min, 25%, median, 75%, max) of the feature over preferred answers
     * @param deltaHistogram counts of Δ = preferred − rejected in {@link #BINS} equal bins from {@code deltaMin} to {@code deltaMax}
     */
    public record Report(String feature, int pairs, double preferredMean, double rejectedMean, double preferredHigher,
                         double[] preferredQuantiles, double[] rejectedQuantiles, double deltaMin, double deltaMax,
                         int[] deltaHistogram, List<Point> curve, String suggestedPrefer, double suggestedThreshold,
                         double suggestedCoverage, double suggestedAccuracy) {
    }

    public static final int BINS = 20;

    private FeatureAnalysis() {
    }

    /** Analyses a feature over {@code rows} (only those with a visible gold label count). */
    public static Report analyse(FeatureTable table, String feature, int[] rows, byte[] gold) {
        float[] a = table.a(feature);
        float[] b = table.b(feature);
        int[] labeled = Arrays.stream(rows).filter(r -> gold[r] >= 0).toArray();
        int n = labeled.length;
        double[] pref = new double[n];
        double[] rej = new double[n];
        double[] delta = new double[n]; // B − A, with whether B is preferred
        boolean[] bPreferred = new boolean[n];
        for (int k = 0; k < n; k++) {
            int r = labeled[k];
            boolean bp = gold[r] == 1;
            pref[k] = bp ? b[r] : a[r];
            rej[k] = bp ? a[r] : b[r];
            delta[k] = (double) b[r] - a[r];
            bPreferred[k] = bp;
        }
        double prefMean = Arrays.stream(pref).average().orElse(Double.NaN);
        double rejMean = Arrays.stream(rej).average().orElse(Double.NaN);
        int higher = 0;
        int unequal = 0;
        double[] prefMinusRej = new double[n];
        for (int k = 0; k < n; k++) {
            prefMinusRej[k] = pref[k] - rej[k];
            if (pref[k] != rej[k]) {
                unequal++;
                if (pref[k] > rej[k]) {
                    higher++;
                }
            }
        }
        double min = Arrays.stream(prefMinusRej).min().orElse(0);
        double max = Arrays.stream(prefMinusRej).max().orElse(0);
        int[] hist = new int[BINS];
        double width = (max - min) / BINS;
        for (double d : prefMinusRej) {
            int bin = width == 0 ? 0 : (int) Math.min(BINS - 1, Math.floor((d - min) / width));
            hist[bin]++;
        }
        // Threshold grid: 0 and the deciles of |Δ| over pairs with Δ ≠ 0.
        double[] abs = Arrays.stream(delta).map(Math::abs).filter(x -> x > 0).sorted().toArray();
        double[] grid = new double[11];
        for (int q = 1; q <= 10; q++) {
            grid[q] = abs.length == 0 ? 0 : abs[Math.min(abs.length - 1, (int) Math.floor(q / 10.0 * (abs.length - 1)))];
        }
        List<Point> curve = new ArrayList<>();
        for (double t : Arrays.stream(grid).distinct().toArray()) {
            int voted = 0;
            int right = 0;
            for (int k = 0; k < n; k++) {
                double ad = Math.abs(delta[k]);
                if (delta[k] == 0 || ad < t) {
                    continue;
                }
                voted++;
                if ((delta[k] > 0) == bPreferred[k]) {
                    right++;
                }
            }
            curve.add(new Point(t, n == 0 ? 0 : (double) voted / n, voted == 0 ? Double.NaN : (double) right / voted));
        }
        String prefer = curve.isEmpty() || !(curve.get(0).accuracy() < 0.5) ? "higher" : "lower";
        Point best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Point p : curve) {
            if (Double.isNaN(p.accuracy())) {
                continue;
            }
            double acc = prefer.equals("higher") ? p.accuracy() : 1 - p.accuracy();
            double score = p.coverage() * (2 * acc - 1);
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        double bestAcc = best == null ? Double.NaN : prefer.equals("higher") ? best.accuracy() : 1 - best.accuracy();
        return new Report(feature, n, prefMean, rejMean, unequal == 0 ? Double.NaN : (double) higher / unequal,
                quartiles(pref), quartiles(rej), min, max, hist, curve, prefer, best == null ? 0 : best.threshold(),
                best == null ? 0 : best.coverage(), bestAcc);
    }

    /** Coverage and accuracy of "prefer {@code prefer}, abstain if |Δ| < t" on the labeled rows. */
    public static Point at(FeatureTable table, String feature, int[] rows, byte[] gold, boolean preferHigher, double t) {
        float[] a = table.a(feature);
        float[] b = table.b(feature);
        int labeled = 0;
        int voted = 0;
        int right = 0;
        for (int r : rows) {
            if (gold[r] < 0) {
                continue;
            }
            labeled++;
            double d = (double) b[r] - a[r];
            if (d == 0 || Math.abs(d) < t) {
                continue;
            }
            voted++;
            boolean votesB = (d > 0) == preferHigher;
            if (votesB == (gold[r] == 1)) {
                right++;
            }
        }
        return new Point(t, labeled == 0 ? 0 : (double) voted / labeled, voted == 0 ? Double.NaN : (double) right / voted);
    }

    /**
     * The rule "prefer {@code preferHigher ? higher : lower}, abstain if Δ = 0 or |Δ| < t" (as
     * {@link #at} scores it) by length on the rows with gold: is it right beyond what answer length
     * explains? Lengths are the "length" feature (characters).
     */
    public static LengthSplit.Breakdown byLength(FeatureTable table, String feature, int[] rows, byte[] gold, boolean preferHigher, double t) {
        float[] a = table.a(feature);
        float[] b = table.b(feature);
        byte[] votes = new byte[gold.length];
        Arrays.fill(votes, Votes.ABSTAIN);
        for (int r : rows) {
            double d = (double) b[r] - a[r];
            if (d != 0 && Math.abs(d) >= t) {
                votes[r] = (d > 0) == preferHigher ? Votes.B : Votes.A;
            }
        }
        return LengthSplit.breakdown(votes, gold, table.a("length"), table.b("length"), rows);
    }

    /** {@link #byLength} of the report's suggested rule. */
    public static LengthSplit.Breakdown suggestedByLength(FeatureTable table, Report report, int[] rows, byte[] gold) {
        return byLength(table, report.feature(), rows, gold, report.suggestedPrefer().equals("higher"), report.suggestedThreshold());
    }

    /** Histograms of the feature over preferred and over rejected answers, on common bins spanning the 1st–99th percentile. */
    public record Histograms(double[] edges, int[] preferred, int[] rejected) {
    }

    public static Histograms histograms(FeatureTable table, String feature, int[] rows, byte[] gold, int bins) {
        float[] a = table.a(feature);
        float[] b = table.b(feature);
        double[] all = Arrays.stream(rows).filter(r -> gold[r] >= 0).flatMap(r -> java.util.stream.IntStream.of(r, -r - 1))
                .mapToDouble(x -> x >= 0 ? a[x] : b[-x - 1]).sorted().toArray();
        if (all.length == 0) {
            return new Histograms(new double[] {0, 1}, new int[1], new int[1]);
        }
        double lo = all[(int) Math.floor(0.01 * (all.length - 1))];
        double hi = all[(int) Math.ceil(0.99 * (all.length - 1))];
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        int[] pref = new int[bins];
        int[] rej = new int[bins];
        for (int r : rows) {
            if (gold[r] < 0) {
                continue;
            }
            double p = gold[r] == 1 ? b[r] : a[r];
            double q = gold[r] == 1 ? a[r] : b[r];
            pref[bin(p, lo, hi, bins)]++;
            rej[bin(q, lo, hi, bins)]++;
        }
        return new Histograms(edges, pref, rej);
    }

    private static int bin(double v, double lo, double hi, int bins) {
        return (int) Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins)));
    }

    private static double[] quartiles(double[] v) {
        if (v.length == 0) {
            return new double[5];
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double[] q = new double[5];
        for (int i = 0; i < 5; i++) {
            q[i] = s[(int) Math.round(i / 4.0 * (s.length - 1))];
        }
        return q;
    }
}
