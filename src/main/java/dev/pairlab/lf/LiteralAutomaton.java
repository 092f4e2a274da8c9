package dev.pairlab.lf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton (Aho and Corasick 1975, "Efficient string matching") over a set of
 * literals compared under {@link #FOLD}: one pass over a text reports every occurrence of every
 * literal, however many there are. Two forms: a dense table over character classes when it is small
 * (every step two array reads), else a table for ASCII characters with failure links for the others.
 * A long text is walked as two halves at once. Immutable and thread-safe once built.
 */
final class LiteralAutomaton {

    /**
     * The case fold {@code java.util.regex} applies per character in case-insensitive Unicode mode
     * ({@code Character.toLowerCase(Character.toUpperCase(c))}, as its SliceU and SingleU nodes do).
     * Two characters that match there, or that are equal, have the same fold, so an occurrence under
     * the fold is a superset of the regex's matches of a literal in either case mode. Idempotent on
     * every char (checked by a test), and no supplementary character folds into the BMP.
     */
    static final char[] FOLD = new char[65536];

    static {
        for (int c = 0; c < FOLD.length; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    /** Receives occurrences in the order of their end position. */
    @FunctionalInterface
    interface Hits {
        void hit(int literal, int end);
    }

    private static final int ASCII = 128;
    /** Texts at least this long are walked as two halves at once. */
    private static final int INTERLEAVE = 64;

    private final int[] lengths;
    private final int maxLength;
    /** Full transition table for ASCII characters: {@code asciiNext[state * 128 + c]}. */
    private final int[] asciiNext;
    /** Non-ASCII children per state: keys sorted, or null. */
    private final char[][] wideKeys;
    private final int[][] wideNext;
    private final int[] fail;
    /** Literals ending at each state, including through failure links; null when none. */
    private final int[][] out;
    private final boolean anyWide;

    /*
     * The dense form, used when it is small (DENSE_MAX entries): characters map to classes (one per folded char
     * that occurs in a literal, 0 for every other char: from any state such a char leads back to the root), each
     * state has a row of {@code 1 << shift} next states, and states are numbered so that those with literals
     * ending there come last (from {@code firstOut} on): a step is two array reads, and whether it found
     * something is a comparison. Classes come from 256-entry tables, one per block of 256 chars that has a char
     * whose fold occurs in a literal (null for the other blocks: their chars are class 0), so an automaton holds
     * no table over all 65,536 chars.
     */
    private final char[] classOf;
    private final char[][] classPages;
    private final int shift;
    private final int[] dense;
    private final int firstOut;
    private final int[][] denseOut;
    private static final int DENSE_MAX = 1 << 20;

    /** An automaton over the literals (each non-empty; its index is the literal's id in {@link Hits}). */
    LiteralAutomaton(List<String> literals) {
        lengths = new int[literals.size()];
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        children.add(new HashMap<>());
        ends.add(new ArrayList<>());
        boolean wide = false;
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            lengths[id] = lit.length();
            int state = 0;
            for (int i = 0; i < lit.length(); i++) {
                char c = FOLD[lit.charAt(i)];
                wide |= c >= ASCII;
                Integer next = children.get(state).get(c);
                if (next == null) {
                    next = children.size();
                    children.add(new HashMap<>());
                    ends.add(new ArrayList<>());
                    children.get(state).put(c, next);
                }
                state = next;
            }
            ends.get(state).add(id);
        }
        int n = children.size();
        anyWide = wide;
        maxLength = java.util.Arrays.stream(lengths).max().orElse(1);
        fail = new int[n];
        asciiNext = new int[n * ASCII];
        wideKeys = new char[n][];
        wideNext = new int[n][];
        out = new int[n][];
        // Breadth-first: a state's failure link is set before its children's.
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (Map.Entry<Character, Integer> e : children.get(0).entrySet()) {
            fail[e.getValue()] = 0;
            queue.add(e.getValue());
        }
        for (int c = 0; c < ASCII; c++) {
            Integer child = children.get(0).get((char) c);
            asciiNext[c] = child == null ? 0 : child;
        }
        setWide(0, children.get(0));
        out[0] = toArray(ends.get(0));
        while (!queue.isEmpty()) {
            int state = queue.poll();
            Map<Character, Integer> kids = children.get(state);
            for (Map.Entry<Character, Integer> e : kids.entrySet()) {
                char c = e.getKey();
                int child = e.getValue();
                int f = fail[state];
                while (f != 0 && !children.get(f).containsKey(c)) {
                    f = fail[f];
                }
                Integer target = children.get(f).get(c);
                fail[child] = target != null && target != child ? target : 0;
                queue.add(child);
            }
            for (int c = 0; c < ASCII; c++) {
                Integer child = kids.get((char) c);
                asciiNext[state * ASCII + c] = child != null ? child : asciiNext[fail[state] * ASCII + c];
            }
            setWide(state, kids);
            List<Integer> mine = new ArrayList<>(ends.get(state));
            int[] inherited = out[fail[state]];
            if (inherited != null) {
                for (int id : inherited) {
                    mine.add(id);
                }
            }
            out[state] = toArray(mine);
        }
        // The dense form.
        java.util.TreeSet<Character> alphabet = new java.util.TreeSet<>();
        for (Map<Character, Integer> kids : children) {
            alphabet.addAll(kids.keySet());
        }
        int classes = alphabet.size() + 1;
        int s = 0;
        while ((1 << s) < classes) {
            s++;
        }
        if ((long) n << s > DENSE_MAX) {
            classOf = null;
            classPages = null;
            shift = 0;
            dense = null;
            firstOut = 0;
            denseOut = null;
            return;
        }
        shift = s;
        char[] byClass = new char[classes];
        int k = 1;
        for (char c : alphabet) {
            byClass[k++] = c;
        }
        char[] sorted = java.util.Arrays.copyOfRange(byClass, 1, classes);
        char[][] pages = new char[256][];
        for (int c = 0; c < 65536; c++) {
            int at = java.util.Arrays.binarySearch(sorted, FOLD[c]);
            if (at >= 0) {
                if (pages[c >>> 8] == null) {
                    pages[c >>> 8] = new char[256];
                }
                pages[c >>> 8][c & 255] = (char) (at + 1);
            }
        }
        classOf = pages[0] != null ? pages[0] : new char[256];
        classPages = pages;
        // Renumber: states without literals ending there first (the root stays 0), then the others.
        int[] renumbered = new int[n];
        int next = 0;
        for (int st = 0; st < n; st++) {
            if (out[st] == null) {
                renumbered[st] = next++;
            }
        }
        firstOut = next;
        for (int st = 0; st < n; st++) {
            if (out[st] != null) {
                renumbered[st] = next++;
            }
        }
        dense = new int[n << s];
        denseOut = new int[n][];
        for (int st = 0; st < n; st++) {
            int row = renumbered[st] << s;
            for (int c = 1; c < classes; c++) {
                char ch = byClass[c];
                int to = ch < ASCII ? asciiNext[st * ASCII + ch] : wideStep(st, ch);
                dense[row + c] = renumbered[to];
            }
            denseOut[renumbered[st]] = out[st];
        }
    }

    private void setWide(int state, Map<Character, Integer> kids) {
        List<Character> keys = kids.keySet().stream().filter(c -> c >= ASCII).sorted().toList();
        if (!keys.isEmpty()) {
            wideKeys[state] = new char[keys.size()];
            wideNext[state] = new int[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                wideKeys[state][i] = keys.get(i);
                wideNext[state][i] = kids.get(keys.get(i));
            }
        }
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.isEmpty() ? null : ids.stream().mapToInt(Integer::intValue).toArray();
    }

    int length(int literal) {
        return lengths[literal];
    }

    /** Reports every occurrence of every literal in {@code text}, by end position (exclusive). */
    void scan(CharSequence text, Hits hits) {
        char[] chars = text.toString().toCharArray();
        scan(chars, chars.length, hits);
    }

    /**
     * As above, on the first {@code n} characters of {@code chars}. One automaton step is a load whose
     * address depends on the previous step's, so a single walk waits on memory at every character; a text
     * of some length is walked as two halves at once (the second from {@code maxLength - 1} characters
     * before the middle, so that an occurrence across the middle is seen whole), which keeps two such
     * chains in flight. The second half's hits are held and reported after the first's: still in the
     * order of their end position.
     */
    void scan(char[] chars, int n, Hits hits) {
        if (dense == null) {
            scanSparse(chars, n, hits);
            return;
        }
        int mid = n >>> 1;
        int from = mid - (maxLength - 1);
        final char[] cls = classOf;
        final int[] next = dense;
        final int sh = shift;
        final int found = firstOut;
        if (from <= 0 || n < INTERLEAVE) {
            int state = 0;
            for (int i = 0; i < n; i++) {
                state = next[(state << sh) + classOf(cls, chars[i])];
                if (state >= found) {
                    for (int id : denseOut[state]) {
                        hits.hit(id, i + 1);
                    }
                }
            }
            return;
        }
        int first = 0;
        int second = 0;
        Held held = null;
        for (int k = 0; k < mid; k++) {
            first = next[(first << sh) + classOf(cls, chars[k])];
            second = next[(second << sh) + classOf(cls, chars[from + k])];
            if (first >= found) {
                for (int id : denseOut[first]) {
                    hits.hit(id, k + 1);
                }
            }
            if (second >= found && from + k >= mid) {
                held = Held.add(held, denseOut[second], from + k + 1);
            }
        }
        if (held != null) {
            held.replay(hits);
        }
        int state = second;
        for (int i = from + mid; i < n; i++) {
            state = next[(state << sh) + classOf(cls, chars[i])];
            if (state >= found) {
                for (int id : denseOut[state]) {
                    hits.hit(id, i + 1);
                }
            }
        }
    }

    /** A char's class in the dense form: 0 unless its fold occurs in a literal. */
    private char classOf(char[] low, char c) {
        if (c < 256) {
            return low[c];
        }
        char[] page = classPages[c >>> 8];
        return page == null ? 0 : page[c & 255];
    }

    /** {@link #scan(char[], int, Hits)} on the sparse form (an automaton too big for the dense one). */
    private void scanSparse(char[] chars, int n, Hits hits) {
        int mid = n >>> 1;
        int from = mid - (maxLength - 1);
        if (from <= 0 || n < INTERLEAVE) {
            walk(chars, 0, n, 0, 0, hits);
            return;
        }
        final char[] fold = FOLD;
        final int[] next = asciiNext;
        final int[][] outs = out;
        int first = 0;
        int second = 0;
        Held held = null;
        for (int k = 0; k < mid; k++) {
            char c1 = fold[chars[k]];
            char c2 = fold[chars[from + k]];
            first = c1 < ASCII ? next[(first << 7) + c1] : wide(first, c1);
            second = c2 < ASCII ? next[(second << 7) + c2] : wide(second, c2);
            int[] ids = outs[first];
            if (ids != null) {
                for (int id : ids) {
                    hits.hit(id, k + 1);
                }
            }
            ids = outs[second];
            if (ids != null && from + k >= mid) {
                held = Held.add(held, ids, from + k + 1);
            }
        }
        if (held != null) {
            held.replay(hits);
        }
        walk(chars, from + mid, n, second, mid, hits);
    }

    /** Hits of a text's second half, held until the first half's are reported. */
    private static final class Held {
        private int[] hits = new int[16];
        private int count;

        /** Adds the literals ending at {@code end} to {@code held} (made when null), which it returns. */
        static Held add(Held held, int[] ids, int end) {
            Held h = held == null ? new Held() : held;
            for (int id : ids) {
                if (h.count + 2 > h.hits.length) {
                    h.hits = java.util.Arrays.copyOf(h.hits, h.hits.length * 2);
                }
                h.hits[h.count++] = id;
                h.hits[h.count++] = end;
            }
            return h;
        }

        void replay(Hits to) {
            for (int i = 0; i < count; i += 2) {
                to.hit(hits[i], hits[i + 1]);
            }
        }
    }

    /** Whether the dense form is used (tests). */
    boolean dense() {
        return dense != null;
    }

    /** Walks {@code chars[from, to)} from {@code state}, reporting the occurrences that end after {@code after}. */
    private void walk(char[] chars, int from, int to, int state, int after, Hits hits) {
        final char[] fold = FOLD;
        final int[] next = asciiNext;
        final int[][] outs = out;
        for (int i = from; i < to; i++) {
            char c = fold[chars[i]];
            state = c < ASCII ? next[(state << 7) + c] : wide(state, c);
            int[] ids = outs[state];
            if (ids != null && i >= after) {
                for (int id : ids) {
                    hits.hit(id, i + 1);
                }
            }
        }
    }

    /** A step on a character outside ASCII: back to the root when no literal has one. */
    private int wide(int state, char c) {
        return anyWide ? wideStep(state, c) : 0;
    }

    private int wideStep(int state, char c) {
        while (true) {
            char[] keys = wideKeys[state];
            if (keys != null) {
                int k = java.util.Arrays.binarySearch(keys, c);
                if (k >= 0) {
                    return wideNext[state][k];
                }
            }
            if (state == 0) {
                return 0;
            }
            state = fail[state];
        }
    }
}
