package dev.pairlab.features;

/**
 * Values computed from recently seen texts (one text, or a pair of texts), kept in a fixed number of
 * slots (two per hash bucket, the older replaced first) so that its memory does not grow with the data: a text seen again while it is still in its
 * slot gives its value without computing it. Preference data repeats answers (refusals, templates,
 * duplicated pairs: the importer counts them), and a computation that depends only on the text gives
 * the same value for the same text, so what is reused is exactly what would have been computed. A
 * slot is found by the texts' hashes and checked with {@code equals}, so a hash collision costs a
 * recomputation, never a wrong value. Not thread-safe: look up and store from one thread.
 */
public final class RecentTexts<V> {

    private final String[] firsts;
    private final String[] seconds;
    private final Object[] values;
    private final long[] used;
    private final int mask;
    private long clock;
    private long hits;
    private long lookups;

    /** {@code slots} is rounded up to a power of two. */
    public RecentTexts(int slots) {
        int n = Math.max(4, Integer.highestOneBit(Math.max(1, slots - 1)) << 1);
        firsts = new String[n];
        seconds = new String[n];
        values = new Object[n];
        used = new long[n];
        mask = n / 2 - 1;
    }

    /** The first of the bucket's two slots. */
    private int bucket(String first, String second) {
        int h = sample(first) * 0x9E3779B1 + (second == null ? 0 : sample(second));
        return ((h ^ h >>> 15) & mask) * 2;
    }

    /** Characters read by {@link #sample}: the first and last {@code SAMPLE / 2}, and as many spread between. */
    static final int SAMPLE = 64;

    /**
     * A hash of a text that reads at most {@link #SAMPLE} * 2 of its characters (its length, its ends and
     * characters spread evenly between), so finding a slot costs the same for a long answer as for a short
     * one. Equal texts have equal samples; texts that differ only where it does not look share a bucket,
     * which {@code equals} sorts out (a recomputation at worst, never a wrong value). {@code String.hashCode}
     * reads every character: on 200,000 distinct answers of ~1,000 characters that was a tenth of a cold
     * {@code lf stats}.
     */
    static int sample(String s) {
        int n = s.length();
        int h = n;
        if (n <= 2 * SAMPLE) {
            for (int i = 0; i < n; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h;
        }
        int half = SAMPLE / 2;
        for (int i = 0; i < half; i++) {
            h = 31 * h + s.charAt(i);
            h = 31 * h + s.charAt(n - 1 - i);
        }
        int step = (n - SAMPLE) / SAMPLE;
        for (int i = 0, at = half; i < SAMPLE; i++, at += step) {
            h = 31 * h + s.charAt(at);
        }
        return h;
    }

    private boolean holds(int s, String first, String second) {
        String f = firsts[s];
        return f != null && (f == first || f.equals(first)) && (second == null ? seconds[s] == null : second.equals(seconds[s]));
    }

    /** The value stored for these texts ({@code second} may be null for a single text), or null. */
    @SuppressWarnings("unchecked")
    public V get(String first, String second) {
        lookups++;
        int b = bucket(first, second);
        for (int s = b; s < b + 2; s++) {
            if (holds(s, first, second)) {
                hits++;
                used[s] = ++clock;
                return (V) values[s];
            }
        }
        return null;
    }

    /** Keeps a value for these texts, replacing whatever their slot held. */
    public void put(String first, String second, V value) {
        int b = bucket(first, second);
        int s = holds(b + 1, first, second) || used[b + 1] < used[b] ? b + 1 : b;
        used[s] = ++clock;
        firsts[s] = first;
        seconds[s] = second;
        values[s] = value;
    }

    /** Look-ups answered from a slot so far (benchmarks). */
    public long hits() {
        return hits;
    }

    public long lookups() {
        return lookups;
    }
}
