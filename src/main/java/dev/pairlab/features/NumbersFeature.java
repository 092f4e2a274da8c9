package dev.pairlab.features;

import java.util.regex.Pattern;

/** Integers: matches of {@code \b\d+\b}, as the paper's amount_of_numbers LF counts them. */
public final class NumbersFeature implements Feature {
    private static final Pattern INTEGER = Pattern.compile("\\b\\d+\\b");
    @Override public String name() { return "numbers"; }
    @Override public String description() { return "count of integers (\\b\\d+\\b)"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return CountFeatures.count(INTEGER, t.text());
    }
}
