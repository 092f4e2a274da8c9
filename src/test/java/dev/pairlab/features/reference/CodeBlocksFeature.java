package dev.pairlab.features.reference;

import java.util.regex.Pattern;

/** Fenced code blocks (``` … ```); an unclosed fence counts as a block. */
public final class CodeBlocksFeature implements Feature {
    private static final Pattern FENCE = Pattern.compile("```");
    @Override public String name() { return "code_blocks"; }
    @Override public String description() { return "count of fenced code blocks"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return (CountFeatures.count(FENCE, t.text()) + 1) / 2;
    }
}
