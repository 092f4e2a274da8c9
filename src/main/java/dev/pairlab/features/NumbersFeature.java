package dev.pairlab.features;

/**
 * Integers, as the paper's amount_of_numbers LF counts them, stated exactly: the number of maximal runs of
 * the ASCII digits 0–9 that have no word character right before or after them, where a word character is
 * a UTF-16 {@code char} for which {@link Character#isLetterOrDigit(char)} holds (a letter, or a decimal
 * digit of any script: category Nd) or {@code _}. So "3.14" and "1,000" are two numbers each, "abc123",
 * "123abc" and "12_3" none; other scripts' digits (Arabic-Indic ٣, Devanagari १५, full-width １) are never
 * counted, and next to ASCII digits they are word characters ("12٣": none); superscripts, Roman numerals
 * and circled digits (categories No, Nl) are not word characters ("5²": one). A character outside the BMP
 * is seen as its two surrogates, which are not word characters ("𝐀1": one, where Java's own regex
 * {@code \b\d+\b}, which reads code points, finds none).
 *
 * <p>The paper's Python {@code len(re.findall(r'\b\d+\b', text))} differs on other scripts' digits, which
 * its {@code \d} (Unicode Nd) counts, and on numeric characters beside digits (its word characters are
 * {@code str.isalnum()}, which includes ² and Ⅰ, or {@code _}): on the shared data (HH 1 %, UB 2 %,
 * MT-Bench train and eval, 3,700 pairs) two pairs count differently, both in UB 2 % (Devanagari and
 * Extended Arabic-Indic digits), and both change the ub preset's amount_of_numbers vote
 * ({@code NumbersSemanticsTest}). A scanner rather than a regex: 5× faster.
 */
public final class NumbersFeature implements Feature {
    @Override public String name() { return "numbers"; }
    @Override public String description() { return "count of integers (\\b\\d+\\b)"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        return count(t.chars());
    }

    static int count(String s) {
        return count(s.toCharArray());
    }

    /** On an array: no per-character coder and bounds checks of {@code String.charAt} (the text's copy is shared). */
    static int count(char[] s) {
        int n = s.length;
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if (c >= '0' && c <= '9') {
                int j = i;
                while (j < n && s[j] >= '0' && s[j] <= '9') {
                    j++;
                }
                if ((i == 0 || !isWord(s[i - 1])) && (j == n || !isWord(s[j]))) {
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
