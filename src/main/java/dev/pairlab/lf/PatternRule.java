package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The patterns compiled; a bad regex is reported with its list, index and position. */
    public Compiled compile() throws LfException {
        return new Compiled(compileAll(good, "good"), compileAll(bad, "bad"), count);
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

    /** A pattern rule ready to vote. Thread-safe: matchers are made per call. */
    public static final class Compiled {
        private final List<Pattern> good;
        private final List<Pattern> bad;
        private final Count count;

        Compiled(List<Pattern> good, List<Pattern> bad, Count count) {
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
            int sa = score(a);
            int sb = score(b);
            return sa == sb ? Votes.ABSTAIN : sb > sa ? Votes.B : Votes.A;
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
