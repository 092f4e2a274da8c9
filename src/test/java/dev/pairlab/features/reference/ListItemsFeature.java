package dev.pairlab.features.reference;

import java.util.regex.Pattern;

/** Lines that start a list item: "- ", "* ", "• ", "+ ", "1. " or "1) ". */
public final class ListItemsFeature implements Feature {
    private static final Pattern ITEM = Pattern.compile("(?m)^[ \\t]*(?:[-*•+]|\\d{1,3}[.)])[ \\t]+\\S");
    @Override public String name() { return "list_items"; }
    @Override public String description() { return "count of list items (bulleted or numbered lines)"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return CountFeatures.count(ITEM, t.text());
    }
}
