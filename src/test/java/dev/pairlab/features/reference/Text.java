package dev.pairlab.features.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer's text with its word tokens, computed once and shared by all features. A word is a run
 * of letters or digits, with inner apostrophes kept ("don't", "it’s").
 */
public final class Text {

    private final String text;
    private List<String> words;

    public Text(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public List<String> words() {
        if (words == null) {
            words = tokenize(text);
        }
        return words;
    }

    /** The text's word tokens in lower case. */
    public static List<String> lower(String s) {
        List<String> words = tokenize(s);
        words.replaceAll(w -> w.toLowerCase(java.util.Locale.ROOT));
        return words;
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n) {
                char c = s.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    i++;
                } else if ((c == '\'' || c == '’') && i + 1 < n && Character.isLetter(s.charAt(i + 1)) && i > start) {
                    i++;
                } else {
                    break;
                }
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
