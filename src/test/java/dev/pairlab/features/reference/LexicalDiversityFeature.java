package dev.pairlab.features.reference;

import java.util.HashSet;
import java.util.List;
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
        List<String> words = t.words();
        if (words.isEmpty()) {
            return 0;
        }
        Set<String> types = new HashSet<>();
        for (String w : words) {
            types.add(lemma(w));
        }
        return (double) types.size() / words.size();
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
