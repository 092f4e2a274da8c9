package dev.pairlab.features;

/** Fenced code blocks (``` … ```); an unclosed fence counts as a block. */
public final class CodeBlocksFeature implements Feature {
    @Override public String name() { return "code_blocks"; }
    @Override public String description() { return "count of fenced code blocks"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return (fences(t.text()) + 1) / 2;
    }

    /** Non-overlapping "```" from the left, as the regex's successive finds count them. */
    static int fences(String s) {
        int n = 0;
        int i = s.indexOf("```");
        while (i >= 0) {
            n++;
            i = s.indexOf("```", i + 3);
        }
        return n;
    }
}
