package dev.pairlab.reward;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Intervals for the experiment's accuracies, over both sources of chance: which seeds (training
 * subsets) were drawn and which test pairs. Each of {@link #RESAMPLES} resamples draws seeds with
 * replacement and, within each, test pairs with replacement; every variant is scored on the same
 * draws, so the difference between two variants is paired (Efron and Tibshirani 1993, ch. 6 and 16).
 * Reported: the point estimate over all seeds and pairs and the 2.5 and 97.5 percentiles.
 */
public final class PairedBootstrap {

    public static final int RESAMPLES = 2000;

    /**
     * One seed's test pairs: {@code longer[i]} 1 if pair i's preferred answer is the longer one, 0 if
     * the shorter, −1 if both are equally long; {@code correct.get(variant)[i]} whether that variant's
     * reward model ranked pair i right.
     */
    public record Seed(byte[] longer, Map<String, boolean[]> correct) {
    }

    /** A point estimate with its 95 % interval. */
    public record Estimate(double value, double low, double high) {
        public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }

    /** Plain and length-balanced accuracy of a variant, and both minus the baseline's on the same draws. */
    public record VariantEstimates(Estimate accuracy, Estimate balanced, Estimate accuracyGain, Estimate balancedGain) {
    }

    /** Per variant, and the test split's "longer wins" baseline. */
    public record Result(Map<String, VariantEstimates> variants, Estimate longerWins) {
    }

    private PairedBootstrap() {
    }

    /** Accuracy, length-balanced accuracy and "longer wins" of one draw of pair indices of one seed, summed into acc. */
    private static void score(Seed s, int[] idx, List<String> variants, double[][] acc, double[] longerWins) {
        int nl = 0;
        int ns = 0;
        for (int i : idx) {
            if (s.longer()[i] == 1) {
                nl++;
            } else if (s.longer()[i] == 0) {
                ns++;
            }
        }
        longerWins[0] += nl + ns == 0 ? Double.NaN : (double) nl / (nl + ns);
        for (int v = 0; v < variants.size(); v++) {
            boolean[] c = s.correct().get(variants.get(v));
            int right = 0;
            int rl = 0;
            int rs = 0;
            for (int i : idx) {
                if (c[i]) {
                    right++;
                    if (s.longer()[i] == 1) {
                        rl++;
                    } else if (s.longer()[i] == 0) {
                        rs++;
                    }
                }
            }
            acc[v][0] += (double) right / idx.length;
            double al = nl == 0 ? Double.NaN : (double) rl / nl;
            double as = ns == 0 ? Double.NaN : (double) rs / ns;
            acc[v][1] += (al + as) / 2;
        }
    }

    /**
     * Estimates over the seeds (all with the same variants); {@code baseline} names the variant the gains
     * are measured against (null: no gains).
     */
    public static Result estimate(List<Seed> seeds, List<String> variants, String baseline, long rngSeed) {
        if (seeds.isEmpty()) {
            return new Result(Map.of(), Estimate.NONE);
        }
        int v = variants.size();
        int b = baseline == null ? -1 : variants.indexOf(baseline);
        // Point estimates: every seed, every pair.
        double[][] point = new double[v][2];
        double[] pointLonger = new double[1];
        for (Seed s : seeds) {
            int[] all = new int[s.longer().length];
            Arrays.setAll(all, i -> i);
            score(s, all, variants, point, pointLonger);
        }
        int k = seeds.size();
        double[][][] draws = new double[RESAMPLES][v][2];
        double[] longerDraws = new double[RESAMPLES];
        SplittableRandom rnd = new SplittableRandom(rngSeed);
        for (int r = 0; r < RESAMPLES; r++) {
            double[] lw = new double[1];
            for (int t = 0; t < k; t++) {
                Seed s = seeds.get(k == 1 ? 0 : rnd.nextInt(k));
                int n = s.longer().length;
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = rnd.nextInt(n);
                }
                score(s, idx, variants, draws[r], lw);
            }
            longerDraws[r] = lw[0] / k;
            for (int x = 0; x < v; x++) {
                draws[r][x][0] /= k;
                draws[r][x][1] /= k;
            }
        }
        Map<String, VariantEstimates> out = new LinkedHashMap<>();
        for (int x = 0; x < v; x++) {
            final int vx = x;
            Estimate acc = of(point[x][0] / k, r -> draws[r][vx][0]);
            Estimate bal = of(point[x][1] / k, r -> draws[r][vx][1]);
            Estimate gainAcc = Estimate.NONE;
            Estimate gainBal = Estimate.NONE;
            if (b >= 0 && b != x) {
                gainAcc = of((point[x][0] - point[b][0]) / k, r -> draws[r][vx][0] - draws[r][b][0]);
                gainBal = of((point[x][1] - point[b][1]) / k, r -> draws[r][vx][1] - draws[r][b][1]);
            }
            out.put(variants.get(x), new VariantEstimates(acc, bal, gainAcc, gainBal));
        }
        return new Result(out, of(pointLonger[0] / k, r -> longerDraws[r]));
    }

    private static Estimate of(double value, java.util.function.IntToDoubleFunction draw) {
        double[] d = new double[RESAMPLES];
        int n = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            double x = draw.applyAsDouble(r);
            if (!Double.isNaN(x)) {
                d[n++] = x;
            }
        }
        if (n == 0 || Double.isNaN(value)) {
            return new Estimate(value, Double.NaN, Double.NaN);
        }
        Arrays.sort(d, 0, n);
        return new Estimate(value, d[(int) Math.floor(0.025 * (n - 1))], d[(int) Math.ceil(0.975 * (n - 1))]);
    }
}
