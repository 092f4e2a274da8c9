package dev.pairlab.features;

/** Lines that start a list item: "- ", "* ", "• ", "+ ", "1. " or "1) ". */
public final class ListItemsFeature implements Feature {
    @Override public String name() { return "list_items"; }
    @Override public String description() { return "count of list items (bulleted or numbered lines)"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return count(t.text());
    }

    /**
     * Matches of {@code (?m)^[ \t]*(?:[-*•+]|\d{1,3}[.)])[ \t]+\S} without the regex. No part can
     * backtrack into a different match ([ \t] runs are followed by chars outside them, \d is ASCII),
     * so a line matches iff the scan below succeeds; a match ends at or before the next line start,
     * so every line start is tried, as successive finds try them. Line starts are those of (?m)^:
     * the input's start and after \n, \r (not inside \r\n), U+0085, U+2028, U+2029, never at the end.
     */
    static int count(String s) {
        int n = s.length();
        int count = 0;
        int i = 0;
        while (i < n) {
            if (itemAt(s, i, n)) {
                count++;
            }
            // to the next line start
            while (i < n) {
                char c = s.charAt(i++);
                if (c == '\r') {
                    if (i < n && s.charAt(i) == '\n') {
                        i++;
                    }
                    break;
                }
                if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    break;
                }
            }
        }
        return count;
    }

    private static boolean itemAt(String s, int i, int n) {
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i == n) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '-' || c == '*' || c == '•' || c == '+') {
            i++;
        } else {
            int digits = 0;
            while (i < n && digits < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3 || i == n || (s.charAt(i) != '.' && s.charAt(i) != ')')) {
                return false;
            }
            i++;
        }
        int spaces = i;
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i == spaces || i == n) {
            return false;
        }
        c = s.charAt(i);
        return !(c == '\n' || c == '\u000B' || c == '\f' || c == '\r');
    }
}
