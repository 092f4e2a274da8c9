package dev.pairlab.features;

/** Word tokens (runs of letters or digits, inner apostrophes kept). */
public final class WordCountFeature implements Feature {
    @Override public String name() { return "word_count"; }
    @Override public String description() { return "number of words"; }
    @Override public String unit() { return "words"; }
    @Override public double compute(Text t) {
        return t.wordCount();
    }
}
