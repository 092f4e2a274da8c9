package dev.pairlab.features;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Type-token ratio: distinct normalized word tokens / all word tokens. Normalization stands in for
 * the paper's lemmatization: lower case, curly apostrophes made straight, a possessive "'s" dropped,
 * and regular plural and verb endings folded by {@link #lemma} ("answers"→"answer",
 * "studies"→"study", "asked"→"ask", "asking"→"ask"). An answer without words scores 0.
 */
public final class LexicalDiversityFeature implements Feature {
    @Override public String name() { return "lexical_diversity"; }
    @Override public String description() { return "type-token ratio of normalized words (lower = more repetitive)"; }
    @Override public String unit() { return "ratio"; }
    @Override public double compute(Text t) {
        int words = t.wordCount();
        if (words == 0) {
            return 0;
        }
        Set<String> types = new HashSet<>(words * 2);
        char[] buffer = new char[16];
        char[] s = t.chars();
        for (int w = 0; w < words; w++) {
            int start = t.wordStart(w);
            int end = t.wordEnd(w);
            if (buffer.length < end - start) {
                buffer = new char[end - start];
            }
            types.add(lemma(s, start, end, buffer));
        }
        return (double) types.size() / words;
    }

    /**
     * {@link #lemma(String)} of {@code s[start, end)}, lower-cased into {@code buffer} when every char
     * is below U+0130 or a curly apostrophe (there lower-casing is one char to one char, as in
     * {@link Syllables}), so only the lemma itself becomes a string; other words go the string way.
     */
    static String lemma(char[] s, int start, int end, char[] w) {
        int n = end - start;
        for (int i = 0; i < n; i++) {
            char c = s[start + i];
            if (c == '’') {
                w[i] = '\'';
            } else if (c < '\u0130') {
                w[i] = Chars.lowerBelow0130(c);
            } else {
                return lemma(new String(s, start, end - start));
            }
        }
        if (endsWith(w, n, "'s")) {
            n -= 2;
        }
        if (n > 4 && endsWith(w, n, "ies")) {
            w[n - 3] = 'y';
            return new String(w, 0, n - 2);
        }
        if (n > 4 && (endsWith(w, n, "sses") || endsWith(w, n, "ches") || endsWith(w, n, "shes") || endsWith(w, n, "xes"))) {
            return new String(w, 0, n - 2);
        }
        if (n > 3 && endsWith(w, n, "s") && !endsWith(w, n, "ss") && !endsWith(w, n, "us") && !endsWith(w, n, "is")) {
            return new String(w, 0, n - 1);
        }
        if (n > 5 && endsWith(w, n, "ing")) {
            return new String(w, 0, n - 3);
        }
        if (n > 4 && endsWith(w, n, "ed")) {
            return new String(w, 0, n - 2);
        }
        return new String(w, 0, n);
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String lemma(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        int n = w.length();
        if (n > 4 && w.endsWith("ies")) {
            return w.substring(0, n - 3) + "y";
        }
        if (n > 4 && (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes"))) {
            return w.substring(0, n - 2);
        }
        if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, n - 1);
        }
        if (n > 5 && w.endsWith("ing")) {
            return w.substring(0, n - 3);
        }
        if (n > 4 && w.endsWith("ed")) {
            return w.substring(0, n - 2);
        }
        return w;
    }
}
