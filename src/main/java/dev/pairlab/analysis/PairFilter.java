package dev.pairlab.analysis;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The pair browser's filters over the label matrix's rows: split, gold label, one LF's vote (or its
 * wrong votes), "LFs disagree", and a set of ids (a text search). Works on arrays, so it takes
 * milliseconds on a million pairs.
 *
 * @param split   a split, or null for any
 * @param gold    -1 unlabeled, 0 A, 1 B, or null for any (pool gold is hidden: unlabeled)
 * @param lf      an LF's column, or -1
 * @param vote    what that LF must do: ANY, VOTES_A, VOTES_B, ABSTAINS, VOTES, WRONG
 * @param disagree only pairs with both an A and a B vote
 * @param only    only these ids (ascending), or null
 */
public record PairFilter(Split split, Integer gold, int lf, Vote vote, boolean disagree, long[] only) {

    public enum Vote { ANY, VOTES_A, VOTES_B, ABSTAINS, VOTES, WRONG }

    public static PairFilter none() {
        return new PairFilter(null, null, -1, Vote.ANY, false, null);
    }

    /** The ids passing the filter, ascending. Without a matrix (none applied yet) LF conditions pass nothing but ANY. */
    public long[] apply(long[] ids, LabelMatrix matrix, Pairs.Labels labels) {
        if (matrix == null || labels == null || !Arrays.equals(matrix.ids(), ids)) {
            if (split == null && gold == null && lf < 0 && !disagree) {
                return only == null ? ids : intersect(ids, only);
            }
            return new long[0];
        }
        int m = matrix.m();
        return IntStream.range(0, ids.length).filter(r -> {
            if (split != null && labels.split()[r] != split.ordinal()) {
                return false;
            }
            if (gold != null && labels.gold()[r] != gold) {
                return false;
            }
            if (lf >= 0 && lf < m && vote != Vote.ANY) {
                byte v = matrix.get(r, lf);
                boolean ok = switch (vote) {
                    case VOTES_A -> v == Votes.A;
                    case VOTES_B -> v == Votes.B;
                    case ABSTAINS -> v == Votes.ABSTAIN;
                    case VOTES -> v != Votes.ABSTAIN;
                    case WRONG -> v != Votes.ABSTAIN && labels.gold()[r] >= 0 && v != labels.gold()[r];
                    case ANY -> true;
                };
                if (!ok) {
                    return false;
                }
            }
            if (disagree) {
                boolean a = false;
                boolean b = false;
                for (int j = 0; j < m; j++) {
                    byte v = matrix.get(r, j);
                    a |= v == Votes.A;
                    b |= v == Votes.B;
                }
                if (!(a && b)) {
                    return false;
                }
            }
            return only == null || Arrays.binarySearch(only, ids[r]) >= 0;
        }).mapToLong(r -> ids[r]).toArray();
    }

    private static long[] intersect(long[] ids, long[] only) {
        return Arrays.stream(ids).filter(id -> Arrays.binarySearch(only, id) >= 0).toArray();
    }
}
