package dev.pairlab.features;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer's text with its analysis, computed once and shared by all features: word tokens as
 * spans into the text (no per-token {@code String}), the sentence count and the syllable total. A
 * word is a run of letters or digits, with inner apostrophes kept ("don't", "it’s"). Not thread-safe:
 * one thread works on one answer's {@code Text}.
 */
public final class Text {

    private final String text;
    private char[] chars;
    private int[] starts;
    private int[] ends;
    private int wordCount = -1;
    private int sentences = -1;
    private long syllables = -1;
    private List<String> words;

    public Text(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The text's characters, copied once on first use and shared by the features that scan them. */
    char[] chars() {
        if (chars == null) {
            chars = text.toCharArray();
        }
        return chars;
    }

    /** The word tokens as strings (made from the spans on first use). */
    public List<String> words() {
        if (words == null) {
            spans();
            List<String> out = new ArrayList<>(wordCount);
            for (int w = 0; w < wordCount; w++) {
                out.add(text.substring(starts[w], ends[w]));
            }
            words = out;
        }
        return words;
    }

    public int wordCount() {
        spans();
        return wordCount;
    }

    /** Where word {@code w} starts in {@link #text()}. */
    int wordStart(int w) {
        return starts[w];
    }

    /** Where word {@code w} ends (exclusive). */
    int wordEnd(int w) {
        return ends[w];
    }

    /** {@link SentenceCountFeature#count}, computed once. */
    public int sentences() {
        if (sentences < 0) {
            sentences = SentenceCountFeature.count(chars());
        }
        return sentences;
    }

    /** The sum of {@link Syllables#count} over the words, computed once. */
    public long syllables() {
        if (syllables < 0) {
            spans();
            char[] buffer = new char[16];
            long sum = 0;
            for (int w = 0; w < wordCount; w++) {
                if (buffer.length < ends[w] - starts[w]) {
                    buffer = new char[ends[w] - starts[w]];
                }
                sum += Syllables.count(chars(), starts[w], ends[w], buffer);
            }
            syllables = sum;
        }
        return syllables;
    }

    /** The text's word tokens in lower case. */
    public static List<String> lower(String s) {
        List<String> words = tokenize(s);
        words.replaceAll(w -> w.toLowerCase(java.util.Locale.ROOT));
        return words;
    }

    static List<String> tokenize(String s) {
        Text t = new Text(s);
        return new ArrayList<>(t.words());
    }

    private void spans() {
        if (wordCount >= 0) {
            return;
        }
        char[] s = chars();
        int n = s.length;
        int[] st = new int[Math.max(4, n / 6)];
        int[] en = new int[st.length];
        int count = 0;
        int i = 0;
        while (i < n) {
            while (i < n && !Chars.letterOrDigit(s[i])) {
                i++;
            }
            int start = i;
            while (i < n) {
                char c = s[i];
                if (Chars.letterOrDigit(c)) {
                    i++;
                } else if ((c == '\'' || c == '’') && i + 1 < n && Chars.letter(s[i + 1]) && i > start) {
                    i++;
                } else {
                    break;
                }
            }
            if (i > start) {
                if (count == st.length) {
                    st = java.util.Arrays.copyOf(st, count * 2);
                    en = java.util.Arrays.copyOf(en, count * 2);
                }
                st[count] = start;
                en[count] = i;
                count++;
            }
        }
        starts = st;
        ends = en;
        wordCount = count;
    }
}
