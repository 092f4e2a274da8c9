package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Json;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Length-debiasing of the weak part of an export. Label models built on length-sensitive LFs choose
 * the longer answer far more often than people do, and a reward model trained on that learns length
 * (issue 20). Balancing makes the share of weak pairs whose chosen answer is the longer one equal a
 * target — by default the share among the export's gold pairs — either by dropping the fewest weak
 * pairs of the over-represented side (chosen at random with the export's seed) or by a per-row weight.
 * Pairs whose answers are of equal length (in characters) are neither side: they are kept with weight 1
 * and left out of every share. Gold rows are never touched.
 *
 * @param method how to balance
 * @param target the share to reach, or NaN for the labeled split's share
 */
public record LengthBalance(Method method, double target) {

    public enum Method {
        SUBSAMPLE, WEIGHTS;

        public String key() {
            return Choices.lowerCase(this);
        }

        @Override
        public String toString() {
            return key();
        }

        public static Method parse(String s) {
            Method m = Choices.byKey(values(), Method::key, s);
            if (m == null) {
                throw new IllegalArgumentException("the length balance method must be subsample or weights, got '" + s + "'");
            }
            return m;
        }
    }

    /** "labeled" or a share such as "0.5", and "subsample" or "weights"; a share outside [0, 1] is refused. */
    public static LengthBalance parse(String target, String method) {
        LengthBalance b = new LengthBalance(Method.parse(method), parseTarget(target));
        if (!b.valid()) {
            throw new IllegalArgumentException(targetProblem(Double.toString(b.target())));
        }
        return b;
    }

    /** "labeled" (NaN: the gold pairs' share) or a number; not checked for range (see {@link #valid()}). */
    public static double parseTarget(String target) {
        String t = target.strip().toLowerCase(Locale.ROOT);
        if (t.equals("labeled")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(targetProblem("'" + target + "'"));
        }
    }

    /** The target is the labeled share or a share in [0, 1]. */
    public boolean valid() {
        return method != null && (Double.isNaN(target) || (target >= 0 && target <= 1));
    }

    static String targetProblem(String got) {
        return "the length balance target must be 'labeled' (the gold pairs' share) or a share between 0 and 1, got " + got;
    }

    public boolean fromLabeled() {
        return Double.isNaN(target);
    }

    /** "labeled" or the share as given. */
    public String targetName() {
        return fromLabeled() ? "labeled" : Double.toString(target);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("method", method.key());
        if (fromLabeled()) {
            o.put("target", "labeled");
        } else {
            o.put("target", target);
        }
        return o;
    }

    /** Null when the node is missing (an export without balancing, or a manifest older than it). */
    static LengthBalance fromJson(JsonNode o) {
        if (o == null || o.isMissingNode() || o.isNull()) {
            return null;
        }
        return parse(o.path("target").asText(), o.path("method").asText());
    }

    /** Which side a pair's chosen answer is on. */
    public static final byte LONGER = 1;
    public static final byte SHORTER = -1;
    public static final byte EQUAL = 0;

    /** {@link #LONGER}, {@link #SHORTER} or {@link #EQUAL} for the chosen answer (0 = A, 1 = B) of a pair with these lengths. */
    public static byte side(int chosen, double lengthA, double lengthB) {
        if (lengthA == lengthB) {
            return EQUAL;
        }
        boolean bLonger = lengthB > lengthA;
        return (chosen == 1) == bLonger ? LONGER : SHORTER;
    }

    /** Share of {@link #LONGER} among the pairs of unequal length; NaN when there are none. */
    public static double longerShare(long longer, long shorter) {
        return longer + shorter == 0 ? Double.NaN : (double) longer / (longer + shorter);
    }

    /**
     * What balancing did.
     *
     * @param targetShare    the share aimed at (resolved: the labeled share when the target is "labeled")
     * @param labeledShare   the export's gold pairs' share (NaN when none is of unequal length)
     * @param equalLength    weak pairs whose answers are of equal length: neither side, always kept
     * @param shareAfter     after dropping, or weighted (Σ weights of longer-chosen / Σ weights of both sides)
     * @param dropped        weak pairs dropped (subsampling only)
     * @param weightLonger   weight of every weak longer-chosen pair (1 unless weighting)
     * @param weightShorter  weight of every weak shorter-chosen pair (1 unless weighting)
     */
    public record Outcome(LengthBalance balance, double targetShare, double labeledShare, long longerBefore, long shorterBefore,
                          long equalLength, double shareBefore, long longerAfter, long shorterAfter, double shareAfter, long dropped,
                          double weightLonger, double weightShorter) {

        public boolean weighted() {
            return balance != null && balance.method() == Method.WEIGHTS;
        }

        /** As the manifest records it. */
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("method", balance == null ? "none" : balance.method().key());
            if (balance == null) {
                o.putNull("target");
            } else if (balance.fromLabeled()) {
                o.put("target", "labeled");
            } else {
                o.put("target", balance.target());
            }
            num(o, "target_share", targetShare);
            num(o, "labeled_share", labeledShare);
            num(o, "weak_share_before", shareBefore);
            num(o, "weak_share_after", shareAfter);
            o.put("weak_longer_chosen_before", longerBefore);
            o.put("weak_shorter_chosen_before", shorterBefore);
            o.put("weak_longer_chosen_after", longerAfter);
            o.put("weak_shorter_chosen_after", shorterAfter);
            o.put("weak_equal_length", equalLength);
            o.put("dropped", dropped);
            o.put("weights_present", weighted());
            if (weighted()) {
                ObjectNode w = o.putObject("weights");
                w.put("field", "weight");
                w.put("weak_longer_chosen", weightLonger);
                w.put("weak_shorter_chosen", weightShorter);
                w.put("other_rows", 1.0);
            }
            o.put("note", "share = weak pairs whose chosen answer is the longer one (characters) / weak pairs of unequal length;"
                    + " pairs of equal length count as neither and are kept; gold rows are not balanced"
                    + (weighted() ? "; the share after is weighted by the per-row field 'weight'" : ""));
            return o;
        }

        private static void num(ObjectNode o, String key, double v) {
            if (Double.isNaN(v)) {
                o.putNull(key);
            } else {
                o.put(key, v);
            }
        }
    }

    /** The outcome and, per weak pair, whether it stays and its weight. */
    public record Plan(Outcome outcome, boolean[] keep, double[] weight) {
    }

    /** No balancing: every pair kept with weight 1, the shares measured. */
    public static Plan none(byte[] sides, double labeledShare) {
        long[] c = counts(sides);
        double share = longerShare(c[0], c[1]);
        boolean[] keep = new boolean[sides.length];
        Arrays.fill(keep, true);
        double[] w = new double[sides.length];
        Arrays.fill(w, 1.0);
        return new Plan(new Outcome(null, Double.NaN, labeledShare, c[0], c[1], c[2], share, c[0], c[1], share, 0, 1, 1), keep, w);
    }

    /**
     * Balances weak pairs of the given sides.
     *
     * @param labeledShare the gold pairs' share, used when the target is "labeled"
     * @param seed         the export's seed: which pairs a subsample drops
     */
    public Plan plan(byte[] sides, double labeledShare, long seed) throws BadInputException {
        double t = fromLabeled() ? labeledShare : target;
        if (Double.isNaN(t)) {
            throw new BadInputException("cannot balance the weak part by length to the gold pairs' share: no gold pair in the export has answers of unequal length to take the share from");
        }
        long[] c = counts(sides);
        long longer = c[0];
        long shorter = c[1];
        double before = longerShare(longer, shorter);
        boolean[] keep = new boolean[sides.length];
        Arrays.fill(keep, true);
        double[] w = new double[sides.length];
        Arrays.fill(w, 1.0);
        if ((longer == 0 && t > 0) || (shorter == 0 && t < 1)) {
            throw new BadInputException(String.format(Locale.ROOT, "length balance: cannot reach a longer-share of %.3f: the weak part has %d"
                    + " pairs choosing the longer answer and %d choosing the shorter", t, longer, shorter));
        }
        if (method == Method.WEIGHTS) {
            // Σw over both sides stays their count: w_L·L = t·(L+S), w_S·S = (1 − t)·(L+S).
            double n = longer + shorter;
            double wl = longer == 0 ? 0 : t * n / longer;
            double ws = shorter == 0 ? 0 : (1 - t) * n / shorter;
            double sumL = 0;
            double sumS = 0;
            for (int i = 0; i < sides.length; i++) {
                if (sides[i] == LONGER) {
                    w[i] = wl;
                    sumL += wl;
                } else if (sides[i] == SHORTER) {
                    w[i] = ws;
                    sumS += ws;
                }
            }
            double after = sumL + sumS == 0 ? Double.NaN : sumL / (sumL + sumS);
            return new Plan(new Outcome(this, t, labeledShare, longer, shorter, c[2], before, longer, shorter, after, 0, wl, ws), keep, w);
        }
        // Keep all of the under-represented side and the number of the other that brings the share
        // nearest to t: L' = round(t·S / (1 − t)) or S' = round((1 − t)·L / t); then |L' − t·(L' + S')| < 1.
        long keepLonger = longer;
        long keepShorter = shorter;
        if (before > t) {
            keepLonger = t >= 1 ? longer : Math.min(longer, Math.round(t * shorter / (1 - t)));
        } else if (before < t) {
            keepShorter = t <= 0 ? shorter : Math.min(shorter, Math.round((1 - t) * longer / t));
        }
        dropAtRandom(sides, keep, LONGER, longer - keepLonger, seed);
        dropAtRandom(sides, keep, SHORTER, shorter - keepShorter, seed);
        long dropped = longer - keepLonger + shorter - keepShorter;
        return new Plan(new Outcome(this, t, labeledShare, longer, shorter, c[2], before, keepLonger, keepShorter,
                longerShare(keepLonger, keepShorter), dropped, 1, 1), keep, w);
    }

    /** Drops {@code n} pairs of one side, a seeded random choice (a partial Fisher–Yates shuffle of that side's indices). */
    private static void dropAtRandom(byte[] sides, boolean[] keep, byte side, long n, long seed) {
        if (n <= 0) {
            return;
        }
        int[] idx = java.util.stream.IntStream.range(0, sides.length).filter(i -> sides[i] == side).toArray();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x4c454e475448L); // "LENGTH": apart from the shuffle's stream
        for (int k = 0; k < n; k++) {
            int j = k + rnd.nextInt(idx.length - k);
            int tmp = idx[k];
            idx[k] = idx[j];
            idx[j] = tmp;
            keep[idx[k]] = false;
        }
    }

    /** {longer, shorter, equal}. */
    private static long[] counts(byte[] sides) {
        long[] c = new long[3];
        for (byte s : sides) {
            c[s == LONGER ? 0 : s == SHORTER ? 1 : 2]++;
        }
        return c;
    }
}
