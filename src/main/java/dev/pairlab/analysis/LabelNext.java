package dev.pairlab.analysis;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * "Label these next": ranks unlabeled pairs by how much a human label is likely to help.
 * <ul>
 * <li>conflict: the entropy (bits) of the LFs' votes on the pair, A against B, abstentions left out;
 * 1 for an even split, 0 when all voting LFs agree or none votes. Ties go to the pair with more votes
 * (a 3–3 split says more than a 1–1).</li>
 * <li>model: the label model's uncertainty 1 − 2|p(B) − ½|.</li>
 * <li>rm: the reward model's uncertainty 1 − 2|σ(r_B − r_A) − ½|, when a trained model exists.</li>
 * <li>combined: 0.4 conflict + 0.4 model + 0.2 rm; a part that is not available (no fitted label model,
 * no trained reward model) is left out and the other weights scaled up to sum to 1 (0.5 conflict +
 * 0.5 model without a reward model).</li>
 * </ul>
 * Equal scores are ordered by pair id, so a ranking is reproducible.
 */
public final class LabelNext {

    public static final double W_CONFLICT = 0.4;
    public static final double W_MODEL = 0.4;
    public static final double W_RM = 0.2;

    public enum By {
        CONFLICT, MODEL, RM, COMBINED;

        public static By parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown ranking '" + s + "' (conflict, model, rm, combined)");
            }
        }
    }

    /** A ranked pair: its row, id and the scores that ranked it (NaN where not available). */
    public record Ranked(int row, long id, double score, double conflict, double model, double rm, int votes) {
    }

    private LabelNext() {
    }

    /** Vote entropy in bits over the non-abstaining votes of one row. */
    public static double conflict(LabelMatrix m, int row) {
        int a = 0;
        int b = 0;
        for (int j = 0; j < m.m(); j++) {
            byte v = m.get(row, j);
            if (v == Votes.A) {
                a++;
            } else if (v == Votes.B) {
                b++;
            }
        }
        if (a == 0 || b == 0) {
            return 0;
        }
        double pa = (double) a / (a + b);
        return -(pa * log2(pa) + (1 - pa) * log2(1 - pa));
    }

    public static double uncertainty(double p) {
        return 1 - 2 * Math.abs(p - 0.5);
    }

    /**
     * The top {@code n} of {@code rows}.
     *
     * @param probB   the label model's p(B) per row of the matrix (null: no model)
     * @param rmProbB the reward model's σ(r_B − r_A) per row of the matrix (null: no trained model)
     */
    public static Ranked[] rank(LabelMatrix m, int[] rows, double[] probB, double[] rmProbB, By by, int n) {
        if (by == By.MODEL && probB == null) {
            throw new IllegalArgumentException("ranking by the label model needs a fitted label model");
        }
        if (by == By.RM && rmProbB == null) {
            throw new IllegalArgumentException("ranking by the reward model needs a trained reward model");
        }
        Ranked[] all = new Ranked[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(k -> {
            int r = rows[k];
            int votes = 0;
            for (int j = 0; j < m.m(); j++) {
                votes += m.get(r, j) == Votes.ABSTAIN ? 0 : 1;
            }
            double c = conflict(m, r);
            double mu = probB == null ? Double.NaN : uncertainty(probB[r]);
            double ru = rmProbB == null ? Double.NaN : uncertainty(rmProbB[r]);
            double score = switch (by) {
                case CONFLICT -> c;
                case MODEL -> mu;
                case RM -> ru;
                case COMBINED -> combined(c, mu, ru);
            };
            all[k] = new Ranked(r, m.ids()[r], score, c, mu, ru, votes);
        });
        Comparator<Ranked> order = Comparator.comparingDouble(Ranked::score).reversed();
        if (by == By.CONFLICT) {
            order = order.thenComparing(Comparator.comparingInt(Ranked::votes).reversed());
        }
        order = order.thenComparingLong(Ranked::id);
        Arrays.sort(all, order);
        return Arrays.copyOf(all, Math.min(n, all.length));
    }

    static double combined(double conflict, double model, double rm) {
        double sum = W_CONFLICT * conflict;
        double weights = W_CONFLICT;
        if (!Double.isNaN(model)) {
            sum += W_MODEL * model;
            weights += W_MODEL;
        }
        if (!Double.isNaN(rm)) {
            sum += W_RM * rm;
            weights += W_RM;
        }
        return sum / weights;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
