package dev.pairlab.lf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton (Aho and Corasick 1975, "Efficient string matching") over a set of
 * literals compared under {@link #FOLD}: one pass over a text reports every occurrence of every
 * literal, however many there are. Transitions on ASCII characters are a full table (one array read
 * per character); other characters follow failure links. Immutable and thread-safe once built.
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

    private final int[] lengths;
    /** Full transition table for ASCII characters: {@code asciiNext[state * 128 + c]}. */
    private final int[] asciiNext;
    /** Non-ASCII children per state: keys sorted, or null. */
    private final char[][] wideKeys;
    private final int[][] wideNext;
    private final int[] fail;
    /** Literals ending at each state, including through failure links; null when none. */
    private final int[][] out;
    private final boolean anyWide;

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
        int state = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = FOLD[text.charAt(i)];
            if (c < ASCII) {
                state = asciiNext[state * ASCII + c];
            } else if (!anyWide) {
                state = 0;
                continue;
            } else {
                state = wideStep(state, c);
            }
            int[] ids = out[state];
            if (ids != null) {
                for (int id : ids) {
                    hits.hit(id, i + 1);
                }
            }
        }
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
