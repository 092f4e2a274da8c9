package dev.pairlab.labelmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Thins a weakly labeled set so that it does not teach "longer wins" more often than the gold does:
 * the share of pairs whose chosen answer is the longer one is brought to a target by dropping the
 * fewest pairs of the over-represented side, picked by a seeded shuffle (stratified subsampling).
 */
public final class LengthBalance {

    private LengthBalance() {
    }

    /**
     * @param keep   which pairs are in the set now (not changed)
     * @param longer per pair: 1 if its chosen answer is the longer one, 0 if the shorter, −1 if both are
     *               equally long (those count as neither side and are always kept)
     * @param target the wanted share of "longer chosen" among the kept pairs of unequal length, in [0, 1]
     * @return the pairs to keep: a subset of {@code keep} whose share is within one pair of the target
     */
    public static boolean[] subsample(boolean[] keep, int[] longer, double target, long seed) {
        if (!(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("the share of longer chosen answers must be between 0 and 1, got " + target);
        }
        List<Integer> l = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] && longer[i] == 1) {
                l.add(i);
            } else if (keep[i] && longer[i] == 0) {
                s.add(i);
            }
        }
        boolean[] out = keep.clone();
        int nl = l.size();
        int ns = s.size();
        if (nl + ns == 0) {
            return out;
        }
        // Keep all of the under-represented side; of the other, as many as the target allows.
        List<Integer> drop;
        int dropCount;
        if ((double) nl / (nl + ns) > target) {
            int wantL = target >= 1 ? nl : (int) Math.round(target * ns / (1 - target));
            dropCount = Math.max(0, nl - wantL);
            drop = l;
        } else {
            int wantS = target <= 0 ? ns : (int) Math.round((1 - target) * nl / target);
            dropCount = Math.max(0, ns - wantS);
            drop = s;
        }
        Collections.shuffle(drop, new Random(seed));
        for (int i = 0; i < dropCount; i++) {
            out[drop.get(i)] = false;
        }
        return out;
    }

    /** The share of "longer chosen" among kept pairs of unequal length (NaN if none). */
    public static double share(boolean[] keep, int[] longer) {
        int nl = 0;
        int n = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] && longer[i] >= 0) {
                n++;
                nl += longer[i];
            }
        }
        return n == 0 ? Double.NaN : (double) nl / n;
    }
}
