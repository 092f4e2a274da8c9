package dev.pairlab.features;

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
        int words = t.wordCount();
        if (words == 0) {
            return 0;
        }
        int sentences = Math.max(1, t.sentences());
        long syllables = t.syllables();
        return 206.835 - 1.015 * ((double) words / sentences) - 84.6 * ((double) syllables / words);
    }
}
