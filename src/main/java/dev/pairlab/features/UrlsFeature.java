package dev.pairlab.features;

import java.util.regex.Pattern;

/** URLs: http(s)://… or www.… */
public final class UrlsFeature implements Feature {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+");
    @Override public String name() { return "urls"; }
    @Override public String description() { return "count of URLs"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return CountFeatures.count(URL, t.text());
    }
}
