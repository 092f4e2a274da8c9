package dev.pairlab.features.reference;

import java.util.List;

/**
 * Flesch reading ease (Flesch 1948): 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words).
 * Higher is easier. Syllables are counted by {@link Syllables}'s rules, not a dictionary, so values
 * differ slightly from textstat's (the paper's); the paper's abstain band (5 to 50 points) is far
 * wider than those differences. An answer without words scores 0.
 */
public final class ReadingEaseFeature implements Feature {
    @Override public String name() { return "reading_ease"; }
    @Override public String description() { return "Flesch reading ease (higher = easier)"; }
    @Override public String unit() { return "points"; }
    @Override public double compute(Text t) {
        List<String> words = t.words();
        if (words.isEmpty()) {
            return 0;
        }
        int sentences = Math.max(1, SentenceCountFeature.count(t.text()));
        long syllables = 0;
        for (String w : words) {
            syllables += Syllables.count(w);
        }
        return 206.835 - 1.015 * ((double) words.size() / sentences) - 84.6 * ((double) syllables / words.size());
    }
}
