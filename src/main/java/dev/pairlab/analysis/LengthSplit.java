package dev.pairlab.analysis;

import dev.pairlab.lf.Votes;

/**
 * Length-controlled accuracy: answer length is the strongest and most misleading signal in preference
 * data, so an accuracy is reported separately on the pairs where the longer answer is preferred and
 * on those where the shorter one is, with their mean (each group weighted equally) beside the
 * length-only baseline ("the longer answer wins", right on the first group and wrong on the second).
 * Pairs of equal length and predictions that abstain are left out.
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
}
