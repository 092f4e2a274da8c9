package dev.pairlab.features;

/**
 * Sentences: stretches of text holding at least one word, ended by '.', '!' or '?' followed by
 * white space or the end, or by a line break. Decimal points ("3.5") and abbreviations without a
 * following space do not end a sentence.
 */
public final class SentenceCountFeature implements Feature {
    @Override public String name() { return "sentence_count"; }
    @Override public String description() { return "number of sentences"; }
    @Override public String unit() { return "sentences"; }
    @Override public double compute(Text t) {
        return t.sentences();
    }

    static int count(String s) {
        return count(s.toCharArray());
    }

    static int count(char[] s) {
        int sentences = 0;
        boolean hasWord = false;
        int n = s.length;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (Chars.letterOrDigit(c)) {
                hasWord = true;
            } else if (c == '\n' || ((c == '.' || c == '!' || c == '?') && (i + 1 == n || Chars.whitespace(s[i + 1])))) {
                if (hasWord) {
                    sentences++;
                    hasWord = false;
                }
            }
        }
        return hasWord ? sentences + 1 : sentences;
    }
}
