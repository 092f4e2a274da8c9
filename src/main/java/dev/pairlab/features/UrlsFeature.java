package dev.pairlab.features;

import java.util.regex.Pattern;

/** URLs: http(s)://… or www.… */
public final class UrlsFeature implements Feature {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+");
    @Override public String name() { return "urls"; }
    @Override public String description() { return "count of URLs"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        String s = t.text();
        // Most answers hold no URL: skip the regex unless one could start somewhere. A match needs
        // "://" or "www." in ASCII letters of any case ((?i) without UNICODE_CASE).
        if (s.indexOf("://") < 0 && !hasWww(s)) {
            return 0;
        }
        return CountFeatures.count(URL, s);
    }

    private static boolean hasWww(String s) {
        for (int i = s.indexOf('.', 3); i >= 0; i = s.indexOf('.', i + 1)) {
            if ((s.charAt(i - 1) | 0x20) == 'w' && (s.charAt(i - 2) | 0x20) == 'w' && (s.charAt(i - 3) | 0x20) == 'w') {
                return true;
            }
        }
        return false;
    }
}
