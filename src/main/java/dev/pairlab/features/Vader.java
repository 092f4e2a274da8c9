package dev.pairlab.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VADER sentiment (Hutto and Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis
 * of Social Media Text", ICWSM 2014), following the rules of the reference implementation
 * vaderSentiment 3.3.2: lexicon valences adjusted by boosters/dampeners up to three words back,
 * negation (×−0.74), ALL-CAPS emphasis, "but" (×0.5 before, ×1.5 after), "least", idioms, and
 * exclamation/question-mark emphasis; the sum is normalized to [−1, 1] by x/√(x²+15). Emoji are
 * not translated to words (the reference does that with a second lexicon), so emoji score 0.
 * The word lexicon is VADER's own, read from the vader-sentiment-analyzer jar (MIT).
 */
public final class Vader {

    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
            "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
            "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
            "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh",
            "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont",
            "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = new HashMap<>();
    private static final Map<String, Double> SPECIAL_CASES = new HashMap<>();

    static {
        for (String w : new String[] {"absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
            "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
            "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
            "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
            "particularly", "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total",
            "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very"}) {
            BOOSTERS.put(w, B_INCR);
        }
        for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
            "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
            "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
            BOOSTERS.put(w, B_DECR);
        }
        SPECIAL_CASES.put("the shit", 3.0);
        SPECIAL_CASES.put("the bomb", 3.0);
        SPECIAL_CASES.put("bad ass", 1.5);
        SPECIAL_CASES.put("badass", 1.5);
        SPECIAL_CASES.put("bus stop", 0.0);
        SPECIAL_CASES.put("yeah right", -2.0);
        SPECIAL_CASES.put("kiss of death", -1.5);
        SPECIAL_CASES.put("to die for", 3.0);
        SPECIAL_CASES.put("beating heart", 3.1);
        SPECIAL_CASES.put("broken heart", -2.9);
    }

    private static final Map<String, Double> LEXICON = loadLexicon();

    /**
     * The words of the multi-word idioms and boosters. Tokens hold no U+0020 (they are split on white
     * space), so an n-gram made by joining tokens with " " is a key only if its first token is one of
     * these words: when no token near a sentiment word is, {@link #idiomsCheck} cannot change it.
     */
    private static final Set<String> IDIOM_WORDS = idiomWords();

    private static Set<String> idiomWords() {
        Set<String> out = new java.util.HashSet<>();
        for (Map<String, Double> m : List.of(SPECIAL_CASES, BOOSTERS)) {
            for (String key : m.keySet()) {
                if (key.indexOf(' ') >= 0) {
                    out.addAll(List.of(key.split(" ")));
                }
            }
        }
        return Set.copyOf(out);
    }

    private Vader() {
    }

    private static Map<String, Double> loadLexicon() {
        Map<String, Double> lexicon = new HashMap<>(16_384);
        try (InputStream in = Vader.class.getResourceAsStream("/vader_sentiment_lexicon.txt")) {
            if (in == null) {
                throw new IllegalStateException("the VADER lexicon (vader_sentiment_lexicon.txt) is not on the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                int tab2 = line.indexOf('\t', tab + 1);
                String token = line.substring(0, tab).toLowerCase(Locale.ROOT);
                lexicon.put(token, Double.parseDouble(line.substring(tab + 1, tab2 < 0 ? line.length() : tab2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lexicon;
    }

    static int lexiconSize() {
        return LEXICON.size();
    }

    /** VADER's compound score of a text, in [−1, 1]. */
    public static double compound(String text) {
        return compound(text, text.toCharArray());
    }

    /** As above, on the text's characters shared with the other features. */
    static double compound(Text t) {
        return compound(t.text(), t.chars());
    }

    private static double compound(String text, char[] chars) {
        // Token spans first; each token is then lower-cased (one string, made straight from the chars), tested
        // for ALL CAPS and looked up in the lexicon once; the rules below read these arrays instead of repeating
        // the work for every neighbour they inspect.
        int[] spans = spans(chars);
        int count = spans[0];
        if (count == 0) {
            return 0;
        }
        String[] lower = new String[count];
        boolean[] upper = new boolean[count];
        Double[] lex = new Double[count];
        int caps = 0;
        for (int i = 0; i < count; i++) {
            int from = spans[1 + 2 * i];
            int to = spans[2 + 2 * i];
            lower[i] = lower(chars, from, to);
            upper[i] = isUpper(chars, from, to);
            lex[i] = LEXICON.get(lower[i]);
            if (upper[i]) {
                caps++;
            }
        }
        boolean capDiff = caps > 0 && caps < count;
        double[] sentiments = new double[count];
        for (int i = 0; i < lower.length; i++) {
            if (BOOSTERS.containsKey(lower[i])) {
                continue;
            }
            if (i < lower.length - 1 && lower[i].equals("kind") && lower[i + 1].equals("of")) {
                continue;
            }
            sentiments[i] = valence(lower, upper, lex, i, capDiff);
        }
        butCheck(lower, sentiments);
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        if (sum == 0) {
            return 0;
        }
        double emphasis = punctuationEmphasis(text);
        sum += sum > 0 ? emphasis : -emphasis;
        double norm = sum / Math.sqrt(sum * sum + 15);
        return Math.max(-1, Math.min(1, norm));
    }

    private static double valence(String[] lower, boolean[] upper, Double[] lex, int i, boolean capDiff) {
        Double base = lex[i];
        if (base == null) {
            return 0;
        }
        double valence = base;
        if (lower[i].equals("no") && i != lower.length - 1 && lex[i + 1] != null) {
            valence = 0;
        }
        if ((i > 0 && lower[i - 1].equals("no")) || (i > 1 && lower[i - 2].equals("no"))
                || (i > 2 && lower[i - 3].equals("no") && (lower[i - 1].equals("or") || lower[i - 1].equals("nor")))) {
            valence = base * N_SCALAR;
        }
        if (upper[i] && capDiff) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int start = 0; start < 3; start++) {
            int j = i - (start + 1);
            if (i > start && lex[j] == null) {
                double s = scalar(upper[j], lower[j], valence, capDiff);
                if (start == 1 && s != 0) {
                    s *= 0.95;
                } else if (start == 2 && s != 0) {
                    s *= 0.9;
                }
                valence += s;
                valence = negationCheck(valence, lower, start, i);
                if (start == 2) {
                    valence = idiomsCheck(valence, lower, i);
                }
            }
        }
        return leastCheck(valence, lower, lex, i);
    }

    private static double scalar(boolean upper, String lower, double valence, boolean capDiff) {
        Double b = BOOSTERS.get(lower);
        if (b == null) {
            return 0;
        }
        double s = valence < 0 ? -b : b;
        if (upper && capDiff) {
            s += valence > 0 ? C_INCR : -C_INCR;
        }
        return s;
    }

    private static double negationCheck(double valence, String[] w, int start, int i) {
        if (start == 0) {
            return negated(w[i - 1]) ? valence * N_SCALAR : valence;
        }
        if (start == 1) {
            if (w[i - 2].equals("never") && (w[i - 1].equals("so") || w[i - 1].equals("this"))) {
                return valence * 1.25;
            }
            if (w[i - 2].equals("without") && w[i - 1].equals("doubt")) {
                return valence;
            }
            return negated(w[i - 2]) ? valence * N_SCALAR : valence;
        }
        if (w[i - 3].equals("never") && (w[i - 2].equals("so") || w[i - 2].equals("this") || w[i - 1].equals("so") || w[i - 1].equals("this"))) {
            return valence * 1.25;
        }
        if (w[i - 3].equals("without") && (w[i - 2].equals("doubt") || w[i - 1].equals("doubt"))) {
            return valence;
        }
        return negated(w[i - 3]) ? valence * N_SCALAR : valence;
    }

    private static boolean negated(String lowerWord) {
        return NEGATE.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double idiomsCheck(double valence, String[] w, int i) {
        boolean near = false;
        for (int j = i - 3; j <= Math.min(i + 2, w.length - 1) && !near; j++) {
            near = IDIOM_WORDS.contains(w[j]);
        }
        if (!near) {
            return valence;
        }
        String oneZero = w[i - 1] + " " + w[i];
        String twoOneZero = w[i - 2] + " " + w[i - 1] + " " + w[i];
        String twoOne = w[i - 2] + " " + w[i - 1];
        String threeTwoOne = w[i - 3] + " " + w[i - 2] + " " + w[i - 1];
        String threeTwo = w[i - 3] + " " + w[i - 2];
        for (String seq : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double v = SPECIAL_CASES.get(seq);
            if (v != null) {
                valence = v;
                break;
            }
        }
        if (w.length - 1 > i) {
            Double v = SPECIAL_CASES.get(w[i] + " " + w[i + 1]);
            if (v != null) {
                valence = v;
            }
        }
        if (w.length - 1 > i + 1) {
            Double v = SPECIAL_CASES.get(w[i] + " " + w[i + 1] + " " + w[i + 2]);
            if (v != null) {
                valence = v;
            }
        }
        for (String ngram : new String[] {threeTwoOne, threeTwo, twoOne}) {
            Double b = BOOSTERS.get(ngram);
            if (b != null) {
                valence += b;
            }
        }
        return valence;
    }

    private static double leastCheck(double valence, String[] w, Double[] lex, int i) {
        if (i > 1 && lex[i - 1] == null && w[i - 1].equals("least")) {
            if (!w[i - 2].equals("at") && !w[i - 2].equals("very")) {
                return valence * N_SCALAR;
            }
        } else if (i > 0 && lex[i - 1] == null && w[i - 1].equals("least")) {
            return valence * N_SCALAR;
        }
        return valence;
    }

    private static void butCheck(String[] w, double[] sentiments) {
        int but = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals("but")) {
                but = i;
                break;
            }
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < sentiments.length; i++) {
            if (i < but) {
                sentiments[i] *= 0.5;
            } else if (i > but) {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static double punctuationEmphasis(String text) {
        int ep = 0;
        int qm = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                ep++;
            } else if (c == '?') {
                qm++;
            }
        }
        double emphasis = Math.min(ep, 4) * 0.292;
        if (qm > 1) {
            emphasis += qm <= 3 ? qm * 0.18 : 0.96;
        }
        return emphasis;
    }

    /** White-space tokens with surrounding punctuation stripped, unless that leaves 2 characters or fewer. */
    static List<String> words(String text) {
        char[] s = text.toCharArray();
        int[] spans = spans(s);
        List<String> out = new ArrayList<>(spans[0]);
        for (int i = 0; i < spans[0]; i++) {
            out.add(new String(s, spans[1 + 2 * i], spans[2 + 2 * i] - spans[1 + 2 * i]));
        }
        return out;
    }

    /**
     * The tokens of {@link #words(String)} as spans: {@code [count, from0, to0, from1, to1, ...]} (the array may be
     * longer than needed).
     */
    private static int[] spans(char[] s) {
        int n = s.length;
        int[] out = new int[1 + 2 * Math.max(4, n / 5)];
        int count = 0;
        int i = 0;
        while (i < n) {
            while (i < n && Chars.whitespace(s[i])) {
                i++;
            }
            int start = i;
            while (i < n && !Chars.whitespace(s[i])) {
                i++;
            }
            if (i > start) {
                int a = start;
                int b = i;
                while (a < b && punctuation(s[a])) {
                    a++;
                }
                while (b > a && punctuation(s[b - 1])) {
                    b--;
                }
                if (2 * count + 3 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + 1);
                }
                out[1 + 2 * count] = b - a <= 2 ? start : a;
                out[2 + 2 * count] = b - a <= 2 ? i : b;
                count++;
            }
        }
        out[0] = count;
        return out;
    }

    /**
     * {@code new String(s, from, to - from).toLowerCase(Locale.ROOT)} without the intermediate string: below
     * U+0130 lower-casing is one char to one char (its special cases are U+0130 and U+03A3), so such a token is
     * lower-cased char by char, and one with nothing to lower is made as it is; others go the string way.
     */
    private static String lower(char[] s, int from, int to) {
        boolean changes = false;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (c >= '\u0130') {
                return new String(s, from, to - from).toLowerCase(Locale.ROOT);
            }
            changes |= Chars.lowerBelow0130(c) != c;
        }
        if (!changes) {
            return new String(s, from, to - from);
        }
        char[] w = new char[to - from];
        for (int i = from; i < to; i++) {
            w[i - from] = Chars.lowerBelow0130(s[i]);
        }
        return new String(w);
    }

    private static final boolean[] IS_PUNCTUATION = new boolean[128];

    static {
        for (char c : PUNCTUATION.toCharArray()) {
            IS_PUNCTUATION[c] = true;
        }
    }

    private static boolean punctuation(char c) {
        return c < 128 && IS_PUNCTUATION[c];
    }

    /** Python's str.isupper(): at least one cased character, and no lower-case one. */
    static boolean isUpper(String s) {
        return isUpper(s.toCharArray(), 0, s.length());
    }

    private static boolean isUpper(char[] s, int from, int to) {
        boolean cased = false;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (Chars.lowerCase(c)) {
                return false;
            }
            if (Chars.upperCase(c)) {
                cased = true;
            }
        }
        return cased;
    }
}
