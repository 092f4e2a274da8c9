package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scores each answer by its good and bad patterns and votes for the higher score; equal scores
 * abstain. PRESENCE counts each pattern once if it occurs (the paper's regex LF: #good − #bad
 * present); OCCURRENCES counts every occurrence (the paper's keyword LFs, with a bad list only: the
 * answer with fewer hits wins). Patterns are regular expressions or literal keywords; matching is
 * case-insensitive unless asked, and optionally whole-word.
 */
public record PatternRule(List<String> good, List<String> bad, boolean regex, boolean caseSensitive, boolean wholeWord,
                          Count count) implements LfDefinition {

    public static final String KIND = "pattern";

    public enum Count { PRESENCE, OCCURRENCES }

    public PatternRule {
        good = List.copyOf(good == null ? List.of() : good);
        bad = List.copyOf(bad == null ? List.of() : bad);
        count = count == null ? Count.PRESENCE : count;
        if (good.isEmpty() && bad.isEmpty()) {
            throw new IllegalArgumentException("a pattern rule needs at least one good or bad pattern");
        }
    }

    /**
     * Compiled rules, one per definition (a record: equal definitions, i.e. the same LF version, share one),
     * so that applying an LF chunk by chunk, or on every Spark partition, compiles its patterns once.
     */
    private static final Map<PatternRule, Compiled> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 512;

    /**
     * The patterns compiled, once per definition; a bad regex is reported with its list, index and
     * position. The result scores exactly as {@link #plain()} does.
     */
    public Compiled compile() throws LfException {
        Compiled done = COMPILED.get(this);
        if (done != null) {
            return done;
        }
        Compiled fresh = new Compiled(compileAll(good, "good"), compileAll(bad, "bad"), count);
        if (COMPILED.size() >= MAX_COMPILED) {
            COMPILED.clear();
        }
        COMPILED.put(this, fresh);
        return fresh;
    }

    /**
     * The definition of a pattern rule's score, in plain {@code java.util.regex}: each pattern searched
     * over the whole answer with its own matcher, counted once if found (presence) or once per match
     * (occurrences). {@link #compile()} gives the same scores faster; this is what tests and the
     * benchmark compare it with.
     */
    public Plain plain() throws LfException {
        return new Plain(compileAll(good, "good"), compileAll(bad, "bad"), count);
    }

    private List<Pattern> compileAll(List<String> patterns, String list) throws LfException {
        List<Pattern> out = new ArrayList<>();
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            String body = regex ? p : Pattern.quote(p);
            if (wholeWord) {
                body = "(?<![\\p{L}\\p{N}_])(?:" + body + ")(?![\\p{L}\\p{N}_])";
            }
            try {
                out.add(Pattern.compile(body, flags));
            } catch (PatternSyntaxException e) {
                throw new LfException(list + " pattern " + (i + 1) + " (" + p + "): " + e.getDescription()
                        + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : ""));
            }
        }
        return out;
    }

    /** The plain definition: one matcher per pattern and answer. Thread-safe. */
    public static final class Plain {
        private final List<Pattern> good;
        private final List<Pattern> bad;
        private final Count count;

        Plain(List<Pattern> good, List<Pattern> bad, Count count) {
            this.good = good;
            this.bad = bad;
            this.count = count;
        }

        public int score(String text) {
            try {
                return tally(good, text) - tally(bad, text);
            } catch (StringIndexOutOfBoundsException jdkBug) {
                String bmp = withoutSupplementary(text);
                return tally(good, bmp) - tally(bad, bmp);
            }
        }

        private int tally(List<Pattern> patterns, String text) {
            int n = 0;
            for (Pattern p : patterns) {
                Matcher m = p.matcher(text);
                if (count == Count.PRESENCE) {
                    if (m.find()) {
                        n++;
                    }
                } else {
                    while (m.find()) {
                        n++;
                    }
                }
            }
            return n;
        }

        public byte vote(String a, String b) {
            return PatternRule.vote(score(a), score(b));
        }
    }

    /**
     * The text with each character outside the BMP replaced by U+FFFD. java.util.regex (JDK 17) throws
     * StringIndexOutOfBoundsException from a case-insensitive back-reference that meets a supplementary character near
     * the end of a text ({@code (.)\\1{3,}} on four Deseret letters); such an answer is matched again on this copy instead
     * of failing the whole application. Only texts the JDK cannot match take this path.
     */
    static String withoutSupplementary(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isSupplementaryCodePoint(c) ? 0xFFFD : c));
        return b.toString();
    }

    static byte vote(int sa, int sb) {
        return sa == sb ? Votes.ABSTAIN : sb > sa ? Votes.B : Votes.A;
    }

    /**
     * A pattern rule ready to vote, scoring as {@link Plain} does with less work: one Aho–Corasick pass
     * over the answer finds the necessary literals of all patterns ({@link RegexLiterals}); a pattern
     * whose literals are absent cannot match and is not run; a keyword pattern (one literal between
     * zero-width assertions, as keyword lists and whole-word phrases compile to), or for a presence check
     * any pattern whose matches start with one of a few literals ({@code \\b(how|what)\\b...}), is tried
     * by its regex only where such a literal occurs, and a presence check stops at the first hit; other
     * patterns run as in the plain definition. Thread-safe: each thread has its own matchers and scratch arrays.
     */
    public static final class Compiled {
        /** Run as in the plain definition. */
        private static final int ALWAYS = 0;
        /** Run only when its necessary literals occur. */
        private static final int CONDITIONAL = 1;
        /** One literal between zero-width assertions: tried at that literal's occurrences, in order, while scanning. */
        private static final int KEYWORD = 2;
        /** Presence of a pattern whose matches start with one of a few literals: tried there, if its literals occur. */
        private static final int STARTS = 3;
        /** {@code (.)\\1{n,}}: run only when n + 1 characters in a row have the same case fold (or there are surrogates). */
        private static final int RUN = 4;

        /** A run-of-one-character pattern, optionally after inline flags: group 1 is the least number of repeats. */
        private static final Pattern RUN_PATTERN = Pattern.compile("(?:\\(\\?[idmsuU]*\\))?\\(\\.\\)\\\\1\\{(\\d{1,4}),\\d*\\}");

        private final Pattern[] patterns;
        /** +1 for a good pattern, -1 for a bad one. */
        private final int[] sign;
        private final int[] strategy;
        /** CONDITIONAL and STARTS: per pattern, its conditions as literal ids (each condition: one of them occurs). */
        private final int[][][] conditions;
        /** RUN: characters in a row. */
        private final int[] runLength;
        /**
         * RUN patterns counted without the regex: plain {@code (.)\\1{n,}} (no flags, inline or given), or any
         * upper bound for a presence check, on a text without surrogates.
         */
        private final boolean[] exactRun;
        /** KEYWORD and STARTS: per literal id, the patterns whose matches can start where it occurs. */
        private final int[][] candidatesOf;
        private final LiteralAutomaton automaton;
        private final boolean presence;
        private final ThreadLocal<Scratch> scratch;
        /** A thread keeps its copy buffer up to this many chars (2 MB); a longer answer gets a buffer of its own. */
        private static final int KEPT = 1 << 20;

        Compiled(List<Pattern> good, List<Pattern> bad, Count count) {
            int n = good.size() + bad.size();
            patterns = new Pattern[n];
            sign = new int[n];
            strategy = new int[n];
            conditions = new int[n][][];
            runLength = new int[n];
            exactRun = new boolean[n];
            presence = count == Count.PRESENCE;
            Map<String, Integer> ids = new HashMap<>();
            List<String> literals = new ArrayList<>();
            List<List<Integer>> candidates = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                patterns[k] = k < good.size() ? good.get(k) : bad.get(k - good.size());
                sign[k] = k < good.size() ? 1 : -1;
                RegexLiterals.Analysis a = RegexLiterals.analyze(patterns[k].pattern());
                Matcher run = RUN_PATTERN.matcher(patterns[k].pattern());
                List<String> starts = a.keyword() != null ? List.of(a.keyword()) : presence ? a.starts() : null;
                if (starts != null) {
                    strategy[k] = a.keyword() != null ? KEYWORD : STARTS;
                    for (String literal : starts) {
                        candidates.get(literalId(literal, ids, literals, candidates)).add(k);
                    }
                } else if (run.matches()) {
                    strategy[k] = RUN;
                    runLength[k] = Integer.parseInt(run.group(1)) + 1;
                    String p = patterns[k].pattern();
                    exactRun[k] = patterns[k].flags() == 0 && p.startsWith("(.)") && (presence || p.endsWith(",}"));
                    continue;
                } else {
                    strategy[k] = a.conditions().isEmpty() ? ALWAYS : CONDITIONAL;
                }
                conditions[k] = new int[a.conditions().size()][];
                for (int c = 0; c < conditions[k].length; c++) {
                    List<String> alternatives = a.conditions().get(c);
                    conditions[k][c] = new int[alternatives.size()];
                    for (int i = 0; i < alternatives.size(); i++) {
                        conditions[k][c][i] = literalId(alternatives.get(i), ids, literals, candidates);
                    }
                }
            }
            automaton = literals.isEmpty() ? null : new LiteralAutomaton(literals);
            candidatesOf = new int[literals.size()][];
            for (int id = 0; id < literals.size(); id++) {
                candidatesOf[id] = candidates.get(id).isEmpty() ? null : candidates.get(id).stream().mapToInt(Integer::intValue).toArray();
            }
            int literalCount = literals.size();
            scratch = ThreadLocal.withInitial(() -> new Scratch(n, literalCount));
        }

        private static int literalId(String literal, Map<String, Integer> ids, List<String> literals, List<List<Integer>> candidates) {
            StringBuilder folded = new StringBuilder(literal.length());
            for (int i = 0; i < literal.length(); i++) {
                folded.append(LiteralAutomaton.FOLD[literal.charAt(i)]);
            }
            return ids.computeIfAbsent(folded.toString(), f -> {
                literals.add(f);
                candidates.add(new ArrayList<>());
                return literals.size() - 1;
            });
        }

        /** One thread's matchers and per-answer marks (a mark is current when it equals the answer's stamp). */
        private final class Scratch implements LiteralAutomaton.Hits {
            final Matcher[] matchers;
            final int[] seen;
            final int[] hits;
            final int[] hitStamp;
            final int[] lastEnd;
            /** STARTS: candidate start positions found in this answer. */
            final int[][] starts;
            int stamp;
            String text;
            /** The answer's characters, copied once for the literal scan and the run check (kept up to {@link #KEPT} chars). */
            char[] chars = new char[4096];

            Scratch(int patterns, int literals) {
                matchers = new Matcher[patterns];
                seen = new int[literals];
                hits = new int[patterns];
                hitStamp = new int[patterns];
                lastEnd = new int[patterns];
                starts = new int[patterns][];
            }

            Matcher matcher(int k) {
                Matcher m = matchers[k];
                if (m == null) {
                    m = patterns[k].matcher(text);
                    if (strategy[k] == KEYWORD || strategy[k] == STARTS) {
                        // Tried at a candidate start: lookarounds see the whole answer, and ^ or $ mean what they
                        // mean to a search over it.
                        m.useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    matchers[k] = m;
                    return m;
                }
                return m.reset(text);
            }

            /** Whether the pattern matches at {@code start}, as a search over the whole answer would find there. */
            boolean matchesAt(int k, int start) {
                Matcher m = matcher(k).region(start, text.length());
                if (m.lookingAt()) {
                    lastEnd[k] = m.end();
                    return true;
                }
                return false;
            }

            int hitsOf(int k) {
                return hitStamp[k] == stamp ? hits[k] : 0;
            }

            @Override
            public void hit(int literal, int end) {
                seen[literal] = stamp;
                int[] ks = candidatesOf[literal];
                if (ks == null) {
                    return;
                }
                int start = end - automaton.length(literal);
                for (int k : ks) {
                    if (hitStamp[k] != stamp) {
                        hitStamp[k] = stamp;
                        hits[k] = 0;
                        lastEnd[k] = 0;
                    } else if (strategy[k] == KEYWORD && ((presence && hits[k] > 0) || start < lastEnd[k])) {
                        // Presence: found already (the first hit ends the check). Inside the last match: a search goes on
                        // from its end, so an overlapping occurrence is not a match.
                        continue;
                    }
                    if (strategy[k] == STARTS) {
                        // Tried once the scan has shown whether its other literals occur; hits counts the candidates here.
                        int[] list = starts[k];
                        if (list == null || list.length == hits[k]) {
                            starts[k] = list = java.util.Arrays.copyOf(list == null ? new int[8] : list, Math.max(8, hits[k] * 2));
                        }
                        list[hits[k]++] = start;
                    } else if (matchesAt(k, start)) {
                        hits[k]++;
                    }
                }
            }
        }

        public int score(String text) {
            try {
                return scoreAll(text);
            } catch (StringIndexOutOfBoundsException jdkBug) {
                return scoreAll(withoutSupplementary(text));
            }
        }

        private int scoreAll(String text) {
            Scratch st = scratch.get();
            st.text = text;
            int length = text.length();
            char[] chars = st.chars;
            if (chars.length < length) {
                chars = new char[Math.max(length, Math.min(KEPT, chars.length * 2))];
                if (chars.length <= KEPT) {
                    st.chars = chars;
                }
            }
            text.getChars(0, length, chars, 0);
            if (++st.stamp == 0) {
                java.util.Arrays.fill(st.seen, 0);
                java.util.Arrays.fill(st.hitStamp, 0);
                st.stamp = 1;
            }
            if (automaton != null) {
                automaton.scan(chars, length, st);
            }
            int score = 0;
            for (int k = 0; k < patterns.length; k++) {
                int n = switch (strategy[k]) {
                    case KEYWORD -> st.hitsOf(k);
                    case STARTS -> foundAtAStart(k, st);
                    case CONDITIONAL -> holds(conditions[k], st) ? search(k, st) : 0;
                    case RUN -> {
                        int runs = exactRun[k] ? runs(chars, length, runLength[k], presence) : -1;
                        yield runs >= 0 ? runs : mayHaveRun(chars, length, runLength[k]) ? search(k, st) : 0;
                    }
                    default -> search(k, st);
                };
                score += sign[k] * (presence ? Math.min(n, 1) : n);
            }
            st.text = null;
            return score;
        }

        private int foundAtAStart(int k, Scratch st) {
            int candidates = st.hitsOf(k);
            if (candidates == 0 || !holds(conditions[k], st)) {
                return 0;
            }
            int[] list = st.starts[k];
            for (int i = 0; i < candidates; i++) {
                if (st.matchesAt(k, list[i])) {
                    return 1;
                }
            }
            return 0;
        }

        /** The plain definition's search over the whole answer. */
        private int search(int k, Scratch st) {
            Matcher m = st.matcher(k);
            if (presence) {
                return m.find() ? 1 : 0;
            }
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        /**
         * Whether {@code (.)\\1{length-1,}} may match: in a text without surrogates a match is {@code length}
         * characters in a row that are equal, or (case-insensitive) of equal case fold, so both have that
         * many characters of equal fold in a row. A surrogate (a character outside the BMP, matched as one code
         * point) sends the text to the regex.
         */
        private static boolean mayHaveRun(char[] text, int n, int length) {
            int same = 0;
            char previous = 0;
            for (int i = 0; i < n; i++) {
                char c = text[i];
                if (Character.isSurrogate(c)) {
                    return true;
                }
                char f = LiteralAutomaton.FOLD[c];
                same = i > 0 && f == previous ? same + 1 : 1;
                if (same >= length) {
                    return true;
                }
                previous = f;
            }
            return false;
        }

        /**
         * What case-sensitive {@code (.)\\1{length-1,}} finds in a text without surrogates, without the regex: a match is
         * a character that {@code .} matches (not a line terminator: \\n, \\r, U+0085, U+2028, U+2029) and at least
         * {@code length - 1} copies of it right after it; the greedy repeat takes the whole run, and the search goes on
         * after it, so each maximal run of at least {@code length} equal characters is one match. Stops at the first with
         * {@code presence}. -1 when the text has a surrogate (the regex reads code points there).
         */
        static int runs(char[] text, int n, int length, boolean presence) {
            int count = 0;
            int same = 0;
            char previous = 0;
            for (int i = 0; i < n; i++) {
                char c = text[i];
                if (Character.isSurrogate(c)) {
                    return -1;
                }
                same = i > 0 && c == previous ? same + 1 : 1;
                if (same == length && c != '\n' && c != '\r' && c != '\u0085' && (c | 1) != '\u2029') {
                    if (presence) {
                        return 1;
                    }
                    count++;
                }
                previous = c;
            }
            return count;
        }

        private static boolean holds(int[][] conditions, Scratch st) {
            for (int[] anyOf : conditions) {
                boolean found = false;
                for (int id : anyOf) {
                    if (st.seen[id] == st.stamp) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        public byte vote(String a, String b) {
            return PatternRule.vote(score(a), score(b));
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsText() {
        return true;
    }

    @Override
    public String describe() {
        return (regex ? "regex" : "keywords") + ": " + good.size() + " good, " + bad.size() + " bad, count "
                + count.name().toLowerCase(Locale.ROOT) + (caseSensitive ? ", case-sensitive" : "") + (wholeWord ? ", whole words" : "");
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode g = o.putArray("good");
        good.forEach(g::add);
        ArrayNode b = o.putArray("bad");
        bad.forEach(b::add);
        o.put("regex", regex);
        o.put("case_sensitive", caseSensitive);
        o.put("whole_word", wholeWord);
        o.put("count", count.name().toLowerCase(Locale.ROOT));
        return o;
    }

    static PatternRule fromJson(JsonNode n) throws LfException {
        try {
            List<String> good = new ArrayList<>();
            n.path("good").forEach(x -> good.add(x.asText()));
            List<String> bad = new ArrayList<>();
            n.path("bad").forEach(x -> bad.add(x.asText()));
            return new PatternRule(good, bad, n.path("regex").asBoolean(true), n.path("case_sensitive").asBoolean(false),
                    n.path("whole_word").asBoolean(false), Count.valueOf(n.path("count").asText("presence").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new LfException("pattern rule: " + e.getMessage(), e);
        }
    }
}
