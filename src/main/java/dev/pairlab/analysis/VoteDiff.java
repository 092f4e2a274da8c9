package dev.pairlab.analysis;

import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of an LF, pair by pair: the pairs whose vote changed, split into
 * fixed, broken and unknown (no visible gold). Votes are ranked wrong &lt; abstain &lt; right; a change
 * up that order is fixed (wrong → right, wrong → abstain, abstain → right), a change down it broken.
 */
public record VoteDiff(int changed, long[] fixed, long[] broken, long[] unknown) {

    /**
     * @param before the old version's votes, row-aligned with {@code ids}
     * @param after  the new version's votes
     * @param gold   0 = A, 1 = B, −1 unknown
     * @param rows   rows to compare
     */
    public static VoteDiff of(byte[] before, byte[] after, byte[] gold, long[] ids, int[] rows) {
        List<Long> fixed = new ArrayList<>();
        List<Long> broken = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        int changed = 0;
        for (int r : rows) {
            if (before[r] == after[r]) {
                continue;
            }
            changed++;
            if (gold[r] < 0) {
                unknown.add(ids[r]);
                continue;
            }
            int oldScore = score(before[r], gold[r]);
            int newScore = score(after[r], gold[r]);
            if (newScore > oldScore) {
                fixed.add(ids[r]);
            } else {
                broken.add(ids[r]);
            }
        }
        return new VoteDiff(changed, toArray(fixed), toArray(broken), toArray(unknown));
    }

    /** Right vote 1, abstention 0, wrong vote −1. */
    private static int score(byte vote, byte gold) {
        return vote == Votes.ABSTAIN ? 0 : vote == gold ? 1 : -1;
    }

    private static long[] toArray(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    /** "3 fixed, 1 broken, 2 without gold" */
    public String summary() {
        return changed == 0 ? "no vote changed"
                : fixed.length + " fixed, " + broken.length + " broken" + (unknown.length > 0 ? ", " + unknown.length + " without gold" : "");
    }
}
