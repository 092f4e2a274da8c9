package dev.pairlab.features;

/**
 * English syllable count by rule: groups of vowels (y counts as a vowel after the first letter),
 * less a silent final "e" or "es"/"ed" that adds no sound, plus one for a final consonant + "le".
 * Numbers count one syllable per digit group as a rough reading cost. At least one per word.
 */
final class Syllables {

    private Syllables() {
    }

    static int count(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        return count(w.toCharArray(), w.length());
    }

    /**
     * {@link #count(String)} of {@code s[start, end)} without making the word a string: below U+0130
     * lower-casing is one char to one char (String.toLowerCase's special cases are U+0130 and U+03A3,
     * and word spans hold no surrogates), so such words are lower-cased into {@code buffer}; others go
     * the string way.
     */
    static int count(char[] s, int start, int end, char[] buffer) {
        for (int i = start; i < end; i++) {
            char c = s[i];
            if (c >= '\u0130') {
                return count(new String(s, start, end - start));
            }
            buffer[i - start] = Chars.lowerBelow0130(c);
        }
        return count(buffer, end - start);
    }

    /** The rules on a lower-cased word {@code w[0, n)}. */
    private static int count(char[] w, int n) {
        if (n == 0) {
            return 0;
        }
        if (!Chars.letter(w[0]) && !Chars.letter(w[n - 1])) {
            return 1;
        }
        if (n <= 3) {
            return 1;
        }
        int end = n;
        boolean es = endsWith(w, n, "es");
        boolean ed = endsWith(w, n, "ed");
        if (es || ed) {
            char before = w[n - 3];
            boolean sounded = ed ? (before == 't' || before == 'd')
                    : (before == 's' || before == 'x' || before == 'z' || endsWith(w, n, "ches") || endsWith(w, n, "shes")
                    || endsWith(w, n, "ges") || endsWith(w, n, "ces"));
            if (!sounded) {
                end = n - 2;
            }
        } else if (w[n - 1] == 'e' && !(endsWith(w, n, "le") && n > 2 && !isVowel(w, n - 3)) && !endsWith(w, n, "ee")) {
            end = n - 1;
        }
        int groups = 0;
        boolean inVowel = false;
        for (int i = 0; i < end; i++) {
            boolean v = isVowel(w, i);
            if (v && !inVowel) {
                groups++;
            }
            inVowel = v;
        }
        return Math.max(1, groups);
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** a e i o u á é í ó ú ä ö ü (y is a vowel after the first letter: {@link #isVowel}). */
    private static final boolean[] VOWEL = new boolean[256];

    static {
        for (char c : "aeiouáéíóúäöü".toCharArray()) {
            VOWEL[c] = true;
        }
    }

    private static boolean isVowel(char[] w, int i) {
        char c = w[i];
        return c < 256 && (VOWEL[c] || (c == 'y' && i > 0));
    }
}
