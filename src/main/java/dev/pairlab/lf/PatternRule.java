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
            return tally(good, text) - tally(bad, text);
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

    static byte vote(int sa, int sb) {
        return sa == sb ? Votes.ABSTAIN : sb > sa ? Votes.B : Votes.A;
    }

    /**
     * A pattern rule ready to vote, scoring as {@link Plain} does with less work: one Aho–Corasick pass
     * over the answer finds the necessary literals of all patterns ({@link RegexLiterals}); a pattern
     * whose literals are absent cannot match and is not run; a keyword pattern (one literal between
     * zero-width assertions, as keyword lists and whole-word phrases compile to) is checked by its regex
     * only where its literal occurs; other patterns run as in the plain definition, a presence check
     * stopping at the first match. Thread-safe: each thread has its own matchers and scratch arrays.
     */
    public static final class Compiled {
        private static final int ALWAYS = 0;
        private static final int CONDITIONAL = 1;
        private static final int KEYWORD = 2;

        private final Pattern[] patterns;
        /** +1 for a good pattern, -1 for a bad one. */
        private final int[] sign;
        private final int[] strategy;
        /** CONDITIONAL: per pattern, its conditions as literal ids (each condition: one of them occurs). */
        private final int[][][] conditions;
        /** KEYWORD: per literal id, the keyword patterns it is the literal of. */
        private final int[][] keywordsOf;
        private final LiteralAutomaton automaton;
        private final boolean presence;
        private final ThreadLocal<Scratch> scratch;

        Compiled(List<Pattern> good, List<Pattern> bad, Count count) {
            int n = good.size() + bad.size();
            patterns = new Pattern[n];
            sign = new int[n];
            strategy = new int[n];
            conditions = new int[n][][];
            presence = count == Count.PRESENCE;
            Map<String, Integer> ids = new HashMap<>();
            List<String> literals = new ArrayList<>();
            List<List<Integer>> keywords = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                patterns[k] = k < good.size() ? good.get(k) : bad.get(k - good.size());
                sign[k] = k < good.size() ? 1 : -1;
                RegexLiterals.Analysis a = RegexLiterals.analyze(patterns[k].pattern());
                if (a.keyword() != null) {
                    strategy[k] = KEYWORD;
                    int id = literalId(a.keyword(), ids, literals, keywords);
                    keywords.get(id).add(k);
                } else if (!a.conditions().isEmpty()) {
                    strategy[k] = CONDITIONAL;
                    conditions[k] = new int[a.conditions().size()][];
                    for (int c = 0; c < conditions[k].length; c++) {
                        List<String> alternatives = a.conditions().get(c);
                        conditions[k][c] = new int[alternatives.size()];
                        for (int i = 0; i < alternatives.size(); i++) {
                            conditions[k][c][i] = literalId(alternatives.get(i), ids, literals, keywords);
                        }
                    }
                } else {
                    strategy[k] = ALWAYS;
                }
            }
            automaton = literals.isEmpty() ? null : new LiteralAutomaton(literals);
            keywordsOf = new int[literals.size()][];
            for (int id = 0; id < literals.size(); id++) {
                keywordsOf[id] = keywords.get(id).isEmpty() ? null : keywords.get(id).stream().mapToInt(Integer::intValue).toArray();
            }
            int literalCount = literals.size();
            scratch = ThreadLocal.withInitial(() -> new Scratch(n, literalCount));
        }

        private static int literalId(String literal, Map<String, Integer> ids, List<String> literals, List<List<Integer>> keywords) {
            StringBuilder folded = new StringBuilder(literal.length());
            for (int i = 0; i < literal.length(); i++) {
                folded.append(LiteralAutomaton.FOLD[literal.charAt(i)]);
            }
            return ids.computeIfAbsent(folded.toString(), f -> {
                literals.add(f);
                keywords.add(new ArrayList<>());
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
            int stamp;
            String text;

            Scratch(int patterns, int literals) {
                matchers = new Matcher[patterns];
                seen = new int[literals];
                hits = new int[patterns];
                hitStamp = new int[patterns];
                lastEnd = new int[patterns];
            }

            Matcher matcher(int k) {
                Matcher m = matchers[k];
                if (m == null) {
                    m = patterns[k].matcher(text);
                    if (strategy[k] == KEYWORD) {
                        // Checked at a candidate start: lookarounds see the whole answer, and ^ or $ mean
                        // what they mean to a search over it.
                        m.useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    matchers[k] = m;
                    return m;
                }
                return m.reset(text);
            }

            int hitsOf(int k) {
                return hitStamp[k] == stamp ? hits[k] : 0;
            }

            @Override
            public void hit(int literal, int end) {
                seen[literal] = stamp;
                int[] ks = keywordsOf[literal];
                if (ks == null) {
                    return;
                }
                int start = end - automaton.length(literal);
                for (int k : ks) {
                    if (hitStamp[k] != stamp) {
                        hitStamp[k] = stamp;
                        hits[k] = 0;
                        lastEnd[k] = 0;
                    } else if ((presence && hits[k] > 0) || start < lastEnd[k]) {
                        // Presence: found already (the first hit ends the check). Inside the last match: a search goes on
                        // from its end, so an overlapping occurrence is not a match.
                        continue;
                    }
                    Matcher m = matcher(k).region(start, text.length());
                    if (m.lookingAt()) {
                        hits[k]++;
                        lastEnd[k] = m.end();
                    }
                }
            }
        }

        public int score(String text) {
            Scratch st = scratch.get();
            st.text = text;
            if (++st.stamp == 0) {
                java.util.Arrays.fill(st.seen, 0);
                java.util.Arrays.fill(st.hitStamp, 0);
                st.stamp = 1;
            }
            if (automaton != null) {
                automaton.scan(text, st);
            }
            int score = 0;
            for (int k = 0; k < patterns.length; k++) {
                int n;
                if (strategy[k] == KEYWORD) {
                    n = st.hitsOf(k);
                } else if (strategy[k] == CONDITIONAL && !holds(conditions[k], st)) {
                    n = 0;
                } else {
                    Matcher m = st.matcher(k);
                    n = 0;
                    if (presence) {
                        n = m.find() ? 1 : 0;
                    } else {
                        while (m.find()) {
                            n++;
                        }
                    }
                }
                score += sign[k] * (presence ? Math.min(n, 1) : n);
            }
            st.text = null;
            return score;
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
