package dev.pairlab.lf;

import dev.pairlab.lf.FeatureRule.Prefer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's labeling-function sets (Hauptvogel et al. 2024; thresholds and pattern lists as
 * ../shared/docs/method.md gives them): HH uses all nine, UltraFeedback (ub), its variant (ubp) and
 * MT-Bench the first six. The default sets are cleaned up: patterns are matched case-insensitively
 * with word boundaries, and the keyword lists of the HH set are Pairlab's own short lists, counted as
 * whole words. The exact sets ({@link #get(String, boolean)}) are the reference code's LFs as its
 * notebooks write them, flaws included (see {@link Exact}).
 */
public final class Presets {

    public static final List<String> NAMES = List.of("hh", "ub", "ubp", "mt-bench");

    private static final String ACCORDING_TO = "\\baccording to\\b";
    private static final String OVERVIEW = "\\b(overview|summary) of\\b";
    private static final String PROS_CONS = "\\b(pros and cons|advantages and disadvantages)\\b";
    private static final String FOR_EXAMPLE = "\\b(for example|such as),? \\w+";
    private static final String REPEATED_CHARS = "(.)\\1{3,}";
    private static final String UNDERSTAND_QUESTION = "\\b(understand|comprehend|grasp)\\b.{0,30}\\b(your|the) (question|point|concern)\\b";
    private static final String HEDGE = "\\b(I guess|maybe|perhaps)\\b";
    private static final String BEST_PRACTICE = "\\b(best|most effective) (practice|approach)\\b";
    private static final String NOT_SURE_ABOUT = "\\b(not sure|unclear) (about|regarding)\\b";
    private static final String DONT_KNOW = "\\b(I[’']m not sure|I don[’']t know)( about| if)?\\b";
    private static final String QUESTION_BACK = "\\b(how|what|why|where|when|who)\\b.{0,95}[?!]";
    private static final String COULD_BE = "\\b(it could be|it[’']s possible that) \\w+";

    private static final List<String> HH_GOOD = List.of(
            "\\b(long|extensive) (history|background)\\b",
            "\\b(various|several|many) (options|choices)\\b",
            "\\bsame\\b[^.?!\\n]{0,80}\\bagain\\b",
            "\\bcan you clarify\\b",
            "\\byou[’']re welcome\\b",
            ACCORDING_TO,
            "\\b(\\w+)\\s+\\1\\b",
            COULD_BE,
            "\\b(hard|tricky) to (say|determine|decide)\\b",
            FOR_EXAMPLE,
            PROS_CONS,
            "\\bbe (kind|compassionate|understanding)\\b",
            OVERVIEW,
            UNDERSTAND_QUESTION);
    private static final List<String> HH_BAD = List.of(HEDGE, "\\bI see\\b", BEST_PRACTICE, NOT_SURE_ABOUT, DONT_KNOW, QUESTION_BACK);

    private static final List<String> MT_GOOD = List.of(ACCORDING_TO, OVERVIEW, PROS_CONS, FOR_EXAMPLE, REPEATED_CHARS);
    private static final List<String> MT_BAD = List.of(UNDERSTAND_QUESTION, HEDGE, BEST_PRACTICE, NOT_SURE_ABOUT, DONT_KNOW,
            QUESTION_BACK, COULD_BE);

    private static final List<String> UBP_GOOD = MT_GOOD.subList(0, 4);
    private static final List<String> UBP_BAD = List.of(BEST_PRACTICE, NOT_SURE_ABOUT, DONT_KNOW, QUESTION_BACK);

    private static final List<String> OFFENSIVE = List.of("idiot", "stupid", "dumb", "moron", "loser", "jerk", "shut up",
            "ugly", "fool", "pathetic", "worthless", "damn", "crap", "hell", "sucks");
    private static final List<String> HARMFUL = List.of("kill", "murder", "weapon", "gun", "bomb", "explosive", "poison",
            "steal", "rob", "attack", "hurt", "drugs", "overdose", "suicide", "hack", "illegal");
    private static final List<String> BAD = List.of("bad", "terrible", "awful", "horrible", "worst", "disgusting", "evil",
            "nasty", "hate", "racist", "violent", "abuse");

    private Presets() {
    }

    /** The named LF set, cleaned up, in the paper's order. */
    public static Map<String, LfDefinition> get(String preset) {
        return get(preset, false);
    }

    /**
     * The named LF set in the paper's order: cleaned up, or (exact) as the reference code's notebooks
     * define it. The feature LFs and thresholds are the same in both.
     */
    public static Map<String, LfDefinition> get(String preset, boolean exact) {
        Map<String, LfDefinition> lfs = new LinkedHashMap<>();
        int numbersThreshold;
        List<String> good;
        List<String> bad;
        switch (preset) {
            case "hh" -> {
                numbersThreshold = 3;
                good = HH_GOOD;
                bad = HH_BAD;
            }
            case "mt-bench", "ub" -> {
                numbersThreshold = 1;
                good = MT_GOOD;
                bad = MT_BAD;
            }
            case "ubp" -> {
                numbersThreshold = 2;
                good = UBP_GOOD;
                bad = UBP_BAD;
            }
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "' (presets: " + String.join(", ", NAMES) + ")");
        }
        lfs.put("length", new FeatureRule("length", Prefer.HIGHER, 20, null));
        lfs.put("reading_ease", new FeatureRule("reading_ease", Prefer.LOWER, 5, 50.0));
        lfs.put("lexical_diversity", new FeatureRule("lexical_diversity", Prefer.LOWER, 0.1, null));
        lfs.put("vader_polarity", new FeatureRule("vader_compound", Prefer.HIGHER, 0.05, null));
        lfs.put("amount_of_numbers", new FeatureRule("numbers", Prefer.HIGHER, numbersThreshold, null));
        if (exact) {
            lfs.put("regex", Exact.regex(preset));
            if (preset.equals("hh")) {
                lfs.put("keyword_offensive", Exact.keywords("offensive"));
                lfs.put("keyword_harmful", Exact.keywords("harmful"));
                lfs.put("keyword_bad", Exact.keywords("bad"));
            }
            return lfs;
        }
        lfs.put("regex", new PatternRule(new ArrayList<>(good), new ArrayList<>(bad), true, false, false, PatternRule.Count.PRESENCE));
        if (preset.equals("hh")) {
            lfs.put("keyword_offensive", keywords(OFFENSIVE));
            lfs.put("keyword_harmful", keywords(HARMFUL));
            lfs.put("keyword_bad", keywords(BAD));
        }
        return lfs;
    }

    /** Saves the named preset's LFs into a project (new versions where an LF of that name differs). */
    public static void addTo(dev.pairlab.store.Project project, String preset) {
        addTo(project, preset, false);
    }

    /** As {@link #addTo(dev.pairlab.store.Project, String)}, the cleaned-up or the exact set. */
    public static void addTo(dev.pairlab.store.Project project, String preset, boolean exact) {
        for (Map.Entry<String, LfDefinition> e : get(preset, exact).entrySet()) {
            try {
                dev.pairlab.store.Lfs.save(project, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
            } catch (dev.pairlab.pairs.BadInputException bad) {
                throw new IllegalStateException("preset " + preset + " has an LF name a user could not give", bad);
            }
        }
    }

    private static PatternRule keywords(List<String> words) {
        return new PatternRule(List.of(), words, false, false, true, PatternRule.Count.OCCURRENCES);
    }
}
