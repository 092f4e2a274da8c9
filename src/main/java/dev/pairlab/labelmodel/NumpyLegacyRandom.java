package dev.pairlab.labelmodel;

/**
 * numpy's legacy generator ({@code np.random.seed(s); np.random.random()}): the Mersenne Twister MT19937
 * (Matsumoto and Nishimura 1998) seeded with {@code init_genrand(s)}, and a double made of 53 bits from
 * two draws. Snorkel's LabelModel scales its starting parameters by one such number after seeding numpy
 * with the fit's seed; drawing the same number is what lets Pairlab's fit start where Snorkel's does.
 */
final class NumpyLegacyRandom {

    private final int[] mt = new int[624];
    private int index = 624;

    NumpyLegacyRandom(long seed) {
        mt[0] = (int) (seed & 0xffffffffL);
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    private int next32() {
        if (index >= 624) {
            for (int k = 0; k < 624; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
                mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** A double in [0, 1), as numpy's {@code random_sample}. */
    double nextDouble() {
        long a = (next32() & 0xffffffffL) >>> 5;
        long b = (next32() & 0xffffffffL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
