package dev.pairlab.pairs;

/**
 * Decides, from a seed and a record's line, whether a chosen/rejected record is stored as (A, B) =
 * (chosen, rejected) or the other way round, so that "A" is not always the preferred answer
 * (method.md, step 1). Per record rather than from one running random stream, so skipping a bad line
 * does not change the order of every line after it.
 */
public final class Swap {

    private Swap() {
    }

    public static boolean swapped(long seed, long line) {
        return (mix(seed * 0x9E3779B97F4A7C15L + line) & 1L) == 1L;
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a cheap, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A pair with answers (chosen, rejected) placed as the seed says, gold set to match. */
    static Pair place(String context, String chosen, String rejected, long seed, long line, String extras) {
        if (swapped(seed, line)) {
            return Pair.parsed(context, rejected, chosen, Gold.B, line, extras);
        }
        return Pair.parsed(context, chosen, rejected, Gold.A, line, extras);
    }
}
