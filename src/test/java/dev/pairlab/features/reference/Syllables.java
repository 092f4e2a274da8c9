package dev.pairlab.features.reference;

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
        int n = w.length();
        if (n == 0) {
            return 0;
        }
        if (!Character.isLetter(w.charAt(0)) && !Character.isLetter(w.charAt(n - 1))) {
            return 1;
        }
        if (n <= 3) {
            return 1;
        }
        int end = n;
        if (w.endsWith("es") || w.endsWith("ed")) {
            char before = w.charAt(n - 3);
            boolean sounded = w.endsWith("ed") ? (before == 't' || before == 'd')
                    : (before == 's' || before == 'x' || before == 'z' || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("ges") || w.endsWith("ces"));
            if (!sounded) {
                end = n - 2;
            }
        } else if (w.endsWith("e") && !(w.endsWith("le") && n > 2 && !isVowel(w, n - 3)) && !w.endsWith("ee")) {
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

    private static boolean isVowel(String w, int i) {
        char c = w.charAt(i);
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && i > 0)
                || c == 'á' || c == 'é' || c == 'í' || c == 'ó' || c == 'ú' || c == 'ä' || c == 'ö' || c == 'ü';
    }
}
