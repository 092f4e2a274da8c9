package dev.pairlab.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Which parts of two answers differ: a longest-common-subsequence alignment of their word and
 * white-space tokens (the classic dynamic program; Hunt and McIlroy 1976), returned as runs of text
 * that the other answer shares or does not. Long texts (beyond {@link #MAX_TOKENS} tokens) are not
 * aligned: every run is then marked as shared.
 */
public final class TextDiff {

    public static final int MAX_TOKENS = 2500;

    /** A run of one text: shared with the other text, or only in this one. */
    public record Run(String text, boolean shared) {
    }

    /** The runs of {@code a} and of {@code b}. */
    public record Result(List<Run> a, List<Run> b) {
    }

    private TextDiff() {
    }

    public static Result diff(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        if (ta.size() > MAX_TOKENS || tb.size() > MAX_TOKENS) {
            return new Result(List.of(new Run(a, true)), List.of(new Run(b, true)));
        }
        int n = ta.size();
        int m = tb.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = ta.get(i).equals(tb.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        boolean[] sharedA = new boolean[n];
        boolean[] sharedB = new boolean[m];
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (ta.get(i).equals(tb.get(j))) {
                sharedA[i++] = true;
                sharedB[j++] = true;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return new Result(runs(ta, sharedA), runs(tb, sharedB));
    }

    private static List<Run> runs(List<String> tokens, boolean[] shared) {
        List<Run> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        Boolean current = null;
        for (int k = 0; k < tokens.size(); k++) {
            String t = tokens.get(k);
            // White space takes the state of the run it is in, so runs do not break at every space.
            boolean s = t.isBlank() && current != null ? current : shared[k];
            if (current != null && s != current) {
                out.add(new Run(sb.toString(), current));
                sb.setLength(0);
            }
            current = s;
            sb.append(t);
        }
        if (current != null) {
            out.add(new Run(sb.toString(), current));
        }
        return out;
    }

    /** Words and the white space between them, so that joining the tokens gives the text back. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int start = i;
            boolean ws = Character.isWhitespace(s.charAt(i));
            while (i < s.length() && Character.isWhitespace(s.charAt(i)) == ws) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }
}
