package dev.pairlab.features.reference;

import java.util.regex.Pattern;

/** URLs: http(s)://… or www.… */
public final class UrlsFeature implements Feature {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+");
    @Override public String name() { return "urls"; }
    @Override public String description() { return "count of URLs"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        String s = t.text();
        // Most answers hold no URL: skip the regex unless one could start here.
        if (!s.contains("://") && !s.regionMatches(true, 0, "www.", 0, 4) && s.toLowerCase(java.util.Locale.ROOT).indexOf("www.") < 0) {
            return 0;
        }
        return CountFeatures.count(URL, s);
    }
}
