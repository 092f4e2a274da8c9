package dev.pairlab.labelmodel;

import dev.pairlab.lf.Votes;

/** Hard labels from probabilities: argmax, with a tie policy for P(B) = 0.5. */
public final class HardLabels {

    private HardLabels() {
    }

    /**
     * @param ids the rows' pair ids, which seed the coin of a random tie so the same pair always
     *            gets the same label for the same seed
     */
    public static byte[] of(double[] probabilityB, long[] ids, TiePolicy ties, double classBalanceB, long seed) {
        byte[] out = new byte[probabilityB.length];
        for (int k = 0; k < out.length; k++) {
            double p = probabilityB[k];
            if (Math.abs(p - 0.5) < 1e-12) {
                out[k] = switch (ties) {
                    case ABSTAIN -> Votes.ABSTAIN;
                    case PRIOR -> classBalanceB > 0.5 ? Votes.B : Votes.A;
                    case RANDOM -> coin(seed, ids[k]) ? Votes.B : Votes.A;
                };
            } else {
                out[k] = p > 0.5 ? Votes.B : Votes.A;
            }
        }
        return out;
    }

    static boolean coin(long seed, long id) {
        long z = seed * 0x9E3779B97F4A7C15L + id * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z & 1) == 1;
    }
}
