package dev.pairlab.features;

/** VADER compound sentiment, as the paper's vader_polarity LF uses it. */
public final class VaderFeature implements Feature {
    @Override public String name() { return "vader_compound"; }
    @Override public String description() { return "VADER compound sentiment (−1 negative … +1 positive)"; }
    @Override public String unit() { return "score"; }
    @Override public double compute(Text t) {
        return Vader.compound(t);
    }
}
