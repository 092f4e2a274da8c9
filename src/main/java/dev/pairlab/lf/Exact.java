package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference code's regex and keyword LFs as its notebooks define them
 * (github.com/DFKI-NLP/weak-supervision-rlhf, code/*-pipeline.ipynb at bb421f3), for
 * {@code lf preset NAME --exact}. Its flaws are reproduced on purpose, so that figures match the
 * paper's: case-sensitive patterns without the word boundaries the cleaned-up set adds, keywords
 * matched against space-split, case-sensitive tokens, and HH's run-of-characters pattern broken by
 * escaping.
 */
final class Exact {

    /**
     * Python's {@code re} semantics in Java: {@code (?U)} makes {@code \w}, {@code \d} and {@code \b}
     * Unicode as in Python 3, {@code (?d)} makes only {@code \n} end a line for {@code .} (Java's
     * {@code .} would also stop at \r, U+0085, U+2028 and U+2029; Python's stops at \n alone).
     */
    private static final String PYTHON = "(?dU)";

    private static final String ACCORDING_TO = "According to.*";
    private static final String OVERVIEW = "(?:overview|summary) of";
    private static final String PROS_CONS = "\\b(?:pros and cons|advantages and disadvantages)\\b";
    private static final String FOR_EXAMPLE = "(?:(?:for example|such as) \\b\\w+\\b)";
    private static final String REPEATED_CHARS = "(.)\\1{3,}";
    private static final String UNDERSTAND_QUESTION = "(understand|comprehend|grasp)\\b.*\\b(your|the) (question|point|concern)";
    private static final String HEDGE = "\\b(?:I guess|maybe|perhaps)\\b.*";
    private static final String BEST_PRACTICE = "\\b(?:best|most effective) (?:practice|approach)\\b";
    private static final String NOT_SURE_ABOUT = "\\b(?:not sure|unclear) (?:about|regarding)\\b";
    private static final String DONT_KNOW = "(?:I'm not sure|I don't know) (?:about|if)";
    private static final String QUESTION_BACK = "\\b(how|what|why|where|when|who)\\b.{0,95}[\\?\\!]";
    private static final String COULD_BE = "(?:it could be|it's possible that) \\b\\w+\\b";

    /**
     * The reference code's HH bad list writes {@code '(.)\1{3,}'} without Python's r prefix, so
     * {@code \1} is the control character U+0001 and the pattern (any character, then three or more
     * U+0001) matches no real text. Reproduced as that pattern, not as the run of four characters it
     * was meant to be (which MT-Bench's good list has).
     */
    private static final String BROKEN_REPEATED_CHARS = "(.)\\x01{3,}";

    private static final List<String> MT_GOOD = List.of(ACCORDING_TO, OVERVIEW, PROS_CONS, FOR_EXAMPLE, REPEATED_CHARS);
    private static final List<String> MT_BAD = List.of(UNDERSTAND_QUESTION, HEDGE, BEST_PRACTICE, NOT_SURE_ABOUT, DONT_KNOW,
            QUESTION_BACK, COULD_BE);
    private static final List<String> UBP_GOOD = MT_GOOD.subList(0, 4);
    private static final List<String> UBP_BAD = List.of(BEST_PRACTICE, NOT_SURE_ABOUT, DONT_KNOW, QUESTION_BACK);
    private static final List<String> HH_GOOD = List.of(
            "\\b(?:long|extensive) (?:history|background)\\b",
            "\\b(?:various|several|many) (?:options|choices)\\b",
            ".*same.*again.*",
            "Can you clarify.*",
            "You’re welcome",
            ACCORDING_TO,
            "\\b(\\w+)\\s+\\1\\b",
            COULD_BE,
            "\\b(?:hard|tricky) to (?:say|determine|decide)\\b",
            FOR_EXAMPLE,
            PROS_CONS,
            "be (kind|compassionate|understanding)",
            OVERVIEW,
            UNDERSTAND_QUESTION);
    private static final List<String> HH_BAD = List.of(HEDGE, "I see.*", BROKEN_REPEATED_CHARS, BEST_PRACTICE, NOT_SURE_ABOUT,
            DONT_KNOW, QUESTION_BACK);

    private Exact() {
    }

    /** The regex LF: (#good patterns found) − (#bad patterns found), each searched once, case-sensitive. */
    static PatternRule regex(String preset) {
        List<String> good;
        List<String> bad;
        switch (preset) {
            case "hh" -> {
                good = HH_GOOD;
                bad = HH_BAD;
            }
            case "mt-bench", "ub" -> {
                good = MT_GOOD;
                bad = MT_BAD;
            }
            case "ubp" -> {
                good = UBP_GOOD;
                bad = UBP_BAD;
            }
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "'");
        }
        return new PatternRule(python(good), python(bad), true, true, false, PatternRule.Count.PRESENCE);
    }

    /**
     * A keyword LF as the reference code's {@code keyword_lookup}: the number of listed words that
     * equal a token of {@code answer.split(" ")} (each word counted once), and the answer with fewer
     * wins. Space-split and case-sensitive on purpose: "Kill", "kill." and "kill\n" are not "kill".
     * A token holds no space, so the listed phrases with a space ("blow job") can never match there
     * and are left out here; a word is matched only between spaces or the text's ends.
     */
    static PatternRule keywords(String list) {
        List<String> patterns = new ArrayList<>();
        for (String word : referenceList(list)) {
            if (!word.contains(" ")) {
                patterns.add("(?<![^ ])" + Pattern.quote(word) + "(?![^ ])");
            }
        }
        return new PatternRule(List.of(), patterns, true, true, false, PatternRule.Count.PRESENCE);
    }

    private static List<String> python(List<String> patterns) {
        return patterns.stream().map(p -> PYTHON + p).toList();
    }

    /** The reference code's word list of that name, from resources/presets/reference-keywords.json. */
    static List<String> referenceList(String name) {
        try (InputStream in = Exact.class.getResourceAsStream("/presets/reference-keywords.json")) {
            if (in == null) {
                throw new IllegalStateException("presets/reference-keywords.json is missing from the build");
            }
            JsonNode words = Json.MAPPER.readTree(in).get(name);
            List<String> out = new ArrayList<>();
            words.forEach(w -> out.add(w.textValue()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
