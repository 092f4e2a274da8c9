package dev.pairlab.analysis;

/**
 * Confidence intervals for the accuracies Pairlab reports, so a number from 20 labeled pairs does not
 * read like one from 2,000.
 */
public final class Intervals {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    private Intervals() {
    }

    /** An interval [low, high]; both NaN when there is no data. */
    public record Interval(double low, double high) {
        public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

        /** True if the whole interval is below {@code v} (e.g. worse than a coin at 0.5). */
        public boolean below(double v) {
            return high < v;
        }

        public boolean contains(double v) {
            return low <= v && v <= high;
        }
    }

    /**
     * Wilson's score interval for a proportion k / n (Wilson 1927, "Probable inference, the law of
     * succession, and statistical inference"): unlike the normal approximation it stays inside [0, 1]
     * and is honest for small n and for proportions near 0 or 1.
     */
    public static Interval wilson(long k, long n) {
        if (n <= 0) {
            return Interval.NONE;
        }
        double z = Z95;
        double p = (double) k / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z2n);
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
