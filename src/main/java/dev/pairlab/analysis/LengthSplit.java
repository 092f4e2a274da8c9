package dev.pairlab.analysis;

import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;

/**
 * Length-controlled accuracy: answer length is the strongest and most misleading signal in preference
 * data, so an accuracy is reported separately on the pairs where the longer answer is preferred and
 * on those where the shorter one is, with their mean (each group weighted equally) beside the
 * length-only baseline ("the longer answer wins", right on the first group and wrong on the second).
 * Pairs of equal length and predictions that abstain are left out.
 *
 * <p>{@link #breakdown} goes further, for one LF (or rule) at a time: its accuracy, each with a 95 %
 * Wilson interval and the number of pairs, on all pairs, on length-matched pairs (see
 * {@link #lengthMatched}), where the longer answer is preferred, where it loses, and in bins of the
 * length ratio longer/shorter — each beside "the longer answer wins" on the same pairs. An LF that is
 * right only where length is right is a length detector, whatever its name.
 */
public record LengthSplit(int longerPreferred, double accuracyLongerPreferred, int shorterPreferred, double accuracyShorterPreferred,
                          double balancedAccuracy, double overallAccuracy, double longerWinsBaseline) {

    /**
     * @param predicted 0 = A, 1 = B, −1 = no prediction
     * @param gold      0 = A, 1 = B, −1 unknown
     */
    public static LengthSplit of(byte[] predicted, byte[] gold, float[] lengthA, float[] lengthB) {
        int nl = 0;
        int rl = 0;
        int ns = 0;
        int rs = 0;
        int groupL = 0;
        int groupS = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] < 0 || lengthA[i] == lengthB[i]) {
                continue;
            }
            byte longer = lengthB[i] > lengthA[i] ? Votes.B : Votes.A;
            boolean longerPreferred = gold[i] == longer;
            if (longerPreferred) {
                groupL++;
            } else {
                groupS++;
            }
            if (predicted[i] == Votes.ABSTAIN) {
                continue;
            }
            boolean right = predicted[i] == gold[i];
            if (longerPreferred) {
                nl++;
                rl += right ? 1 : 0;
            } else {
                ns++;
                rs += right ? 1 : 0;
            }
        }
        double al = nl == 0 ? Double.NaN : (double) rl / nl;
        double as = ns == 0 ? Double.NaN : (double) rs / ns;
        double mean = Double.isNaN(al) || Double.isNaN(as) ? Double.NaN : (al + as) / 2;
        double overall = nl + ns == 0 ? Double.NaN : (double) (rl + rs) / (nl + ns);
        double baseline = groupL + groupS == 0 ? Double.NaN : (double) groupL / (groupL + groupS);
        return new LengthSplit(groupL, al, groupS, as, mean, overall, baseline);
    }

    /** One LF's (or model's) votes on the given rows of row-aligned columns. */
    public static LengthSplit ofRows(byte[] votes, byte[] gold, float[] lengthA, float[] lengthB, int[] rows) {
        byte[] p = new byte[rows.length];
        byte[] g = new byte[rows.length];
        float[] a = new float[rows.length];
        float[] b = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            p[k] = votes[rows[k]];
            g[k] = gold[rows[k]];
            a[k] = lengthA[rows[k]];
            b[k] = lengthB[rows[k]];
        }
        return of(p, g, a, b);
    }

    /** LF j of a labeled project on the given rows, by the answers' character lengths. */
    public static LengthSplit ofLf(dev.pairlab.lf.ProjectLabeling.Labeled l, int j, int[] rows) {
        return ofRows(l.matrix().column(j), l.labels().gold(), l.features().a("length"), l.features().b("length"), rows);
    }

    /** Length-matched: |Δ chars| ≤ max({@value #MATCHED_CHARS}, {@value #MATCHED_SHARE} × the longer answer's length). */
    public static final int MATCHED_CHARS = 50;
    public static final double MATCHED_SHARE = 0.10;
    /** Upper edges of the length-ratio bins (longer / shorter): [1, 1.25), [1.25, 1.5), [1.5, 2), ≥ 2. */
    private static final double[] RATIO_EDGES = {1.25, 1.5, 2};
    private static final String[] RATIO_LABELS = {"1-1.25x", "1.25-1.5x", "1.5-2x", ">=2x"};

    /**
     * Whether two answers count as of about the same length: within 10 % of the longer one, or within
     * 50 characters so that short answers (where 10 % is a few characters) are not all "different".
     * Pairs of equal length are matched.
     */
    public static boolean lengthMatched(double lengthA, double lengthB) {
        double longer = Math.max(lengthA, lengthB);
        return Math.abs(lengthA - lengthB) <= Math.max(MATCHED_CHARS, MATCHED_SHARE * longer);
    }

    /** The index of the length-ratio bin (longer / shorter; an empty answer against a non-empty one is ≥ 2). */
    public static int ratioBin(double lengthA, double lengthB) {
        double longer = Math.max(lengthA, lengthB);
        double shorter = Math.min(lengthA, lengthB);
        double ratio = longer == shorter ? 1 : shorter <= 0 ? Double.POSITIVE_INFINITY : longer / shorter;
        int bin = 0;
        while (bin < RATIO_EDGES.length && ratio >= RATIO_EDGES[bin]) {
            bin++;
        }
        return bin;
    }

    /** {@code correct} of {@code voted} right, with its 95 % Wilson interval. */
    public record Count(long correct, long voted) {
        public double accuracy() {
            return voted == 0 ? Double.NaN : (double) correct / voted;
        }

        public Intervals.Interval interval() {
            return Intervals.wilson(correct, voted);
        }

        /** The 95 % interval contains 0.5: these pairs cannot tell it from a coin (false when it never voted). */
        public boolean indistinguishableFromChance() {
            return voted > 0 && interval().contains(0.5);
        }
    }

    /**
     * One group of pairs with visible gold.
     *
     * @param key        stable name for JSON: all, length_matched, longer_preferred, longer_loses, ratio_1_1.25, ...
     * @param pairs      pairs in the group
     * @param votes      the LF's votes there (abstentions left out) and how many were right
     * @param longerWins the baseline "the longer answer wins" on the group's pairs of unequal length
     */
    public record Group(String key, String label, int pairs, Count votes, Count longerWins) {
        public double coverage() {
            return pairs == 0 ? Double.NaN : (double) votes.voted() / pairs;
        }
    }

    /** An LF's accuracy by length; {@code ratioBins} in the order [1, 1.25), [1.25, 1.5), [1.5, 2), ≥ 2. */
    public record Breakdown(Group all, Group lengthMatched, Group longerPreferred, Group longerLoses, List<Group> ratioBins) {

        /** Mean of the accuracies where the longer answer is preferred and where it loses. */
        public double balancedAccuracy() {
            double l = longerPreferred.votes().accuracy();
            double s = longerLoses.votes().accuracy();
            return Double.isNaN(l) || Double.isNaN(s) ? Double.NaN : (l + s) / 2;
        }

        /**
         * In words, for a rule's suggestion: whether its accuracy on all pairs is distinguishable from a
         * coin at 95 %, and whether that still holds on length-matched pairs.
         */
        public String verdict() {
            Count a = all.votes();
            Count m = lengthMatched.votes();
            if (a.voted() == 0) {
                return "never votes";
            }
            String overall = a.indistinguishableFromChance() ? "not distinguishable from chance"
                    : a.interval().below(0.5) ? "worse than chance" : "better than chance";
            String matched = m.voted() == 0 ? "no votes"
                    : m.indistinguishableFromChance() ? "not distinguishable from chance"
                    : m.interval().below(0.5) ? "worse than chance" : "better than chance";
            return overall.equals(matched) ? overall + " (also on length-matched pairs)" : overall + "; on length-matched pairs " + matched;
        }

        /** All groups, the four named ones first, then the ratio bins. */
        public List<Group> groups() {
            List<Group> g = new ArrayList<>(List.of(all, lengthMatched, longerPreferred, longerLoses));
            g.addAll(ratioBins);
            return g;
        }
    }

    /**
     * Accuracy of {@code votes} by length on {@code rows} (those with gold ≥ 0 count).
     *
     * @param votes 0 = A, 1 = B, −1 abstain; row-aligned with gold and the lengths
     */
    public static Breakdown breakdown(byte[] votes, byte[] gold, float[] lengthA, float[] lengthB, int[] rows) {
        int groups = 4 + RATIO_LABELS.length;
        int[] pairs = new int[groups];
        long[] voted = new long[groups];
        long[] right = new long[groups];
        long[] unequal = new long[groups];
        long[] longerWon = new long[groups];
        int[] member = new int[4];
        for (int r : rows) {
            byte g = gold[r];
            if (g < 0) {
                continue;
            }
            float a = lengthA[r];
            float b = lengthB[r];
            int n = 0;
            member[n++] = 0;
            if (lengthMatched(a, b)) {
                member[n++] = 1;
            }
            boolean equal = a == b;
            boolean longerPreferred = !equal && g == (b > a ? Votes.B : Votes.A);
            if (!equal) {
                member[n++] = longerPreferred ? 2 : 3;
            }
            member[n++] = 4 + ratioBin(a, b);
            byte v = votes[r];
            for (int k = 0; k < n; k++) {
                int m = member[k];
                pairs[m]++;
                if (v != Votes.ABSTAIN) {
                    voted[m]++;
                    right[m] += v == g ? 1 : 0;
                }
                if (!equal) {
                    unequal[m]++;
                    longerWon[m] += longerPreferred ? 1 : 0;
                }
            }
        }
        Group[] out = new Group[groups];
        String[] keys = {"all", "length_matched", "longer_preferred", "longer_loses"};
        String[] labels = {"all pairs", "length-matched", "longer preferred", "longer loses"};
        for (int m = 0; m < groups; m++) {
            boolean bin = m >= 4;
            String key = bin ? "ratio_" + RATIO_LABELS[m - 4].replace("x", "").replace(">=", "ge_").replace('-', '_') : keys[m];
            String label = bin ? "ratio " + RATIO_LABELS[m - 4] : labels[m];
            out[m] = new Group(key, label, pairs[m], new Count(right[m], voted[m]), new Count(longerWon[m], unequal[m]));
        }
        return new Breakdown(out[0], out[1], out[2], out[3], List.of(out).subList(4, groups));
    }

    /** {@link #breakdown} of LF j of a labeled project, by the answers' character lengths. */
    public static Breakdown breakdownOfLf(dev.pairlab.lf.ProjectLabeling.Labeled l, int j, int[] rows) {
        return breakdown(l.matrix().column(j), l.labels().gold(), l.features().a("length"), l.features().b("length"), rows);
    }
}
