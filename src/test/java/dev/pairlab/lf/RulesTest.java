package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

    @Test
    void featureRuleAbstainBandAndDirection() {
        FeatureRule longer = new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null);
        assertEquals(Votes.ABSTAIN, longer.vote(100, 119));
        assertEquals(Votes.B, longer.vote(100, 120), "|Δ| = 20 is not below 20: votes");
        assertEquals(Votes.A, longer.vote(150, 100));
        FeatureRule easeLower = new FeatureRule("reading_ease", FeatureRule.Prefer.LOWER, 5, 50.0);
        assertEquals(Votes.A, easeLower.vote(40, 60));
        assertEquals(Votes.ABSTAIN, easeLower.vote(0, 60), "|Δ| > 50 abstains");
        assertEquals(Votes.ABSTAIN, easeLower.vote(40, 43));
        FeatureRule any = new FeatureRule("numbers", FeatureRule.Prefer.HIGHER, 0, null);
        assertEquals(Votes.ABSTAIN, any.vote(3, 3), "ties abstain even without a band");
        assertThrows(IllegalArgumentException.class, () -> new FeatureRule("x", FeatureRule.Prefer.HIGHER, 5, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureRule("x", FeatureRule.Prefer.HIGHER, -1, null));
    }

    @Test
    void patternRulePresenceAndOccurrences() throws Exception {
        PatternRule.Compiled presence = new PatternRule(List.of("\\bfor example\\b", "according to"), List.of("\\bmaybe\\b"),
                true, false, false, PatternRule.Count.PRESENCE).compile();
        assertEquals(2, presence.score("For example, x. For example, y. According to z."));
        assertEquals(-1, presence.score("Maybe. maybe."));
        assertEquals(Votes.A, presence.vote("for example", "maybe"));
        assertEquals(Votes.ABSTAIN, presence.vote("plain", "also plain"));
        PatternRule.Compiled fewer = new PatternRule(List.of(), List.of("kill", "hate"), false, false, true,
                PatternRule.Count.OCCURRENCES).compile();
        assertEquals(-3, fewer.score("I hate, HATE and kill. Skill and hateful don't count."));
        assertEquals(Votes.B, fewer.vote("hate hate", "hate"));
        PatternRule.Compiled cased = new PatternRule(List.of("Yes"), List.of(), false, true, false, PatternRule.Count.PRESENCE).compile();
        assertEquals(0, cased.score("yes"));
        assertEquals(1, cased.score("Yes"));
    }

    @Test
    void aBrokenRegexSaysWhichPatternAndWhere() {
        LfException e = assertThrows(LfException.class, () -> new PatternRule(List.of("ok", "(unclosed"), List.of(), true, false, false,
                PatternRule.Count.PRESENCE).compile());
        assertTrue(e.getMessage().startsWith("good pattern 2 ((unclosed): "), e.getMessage());
    }

    @Test
    void definitionsSurviveTheirJson() throws Exception {
        for (LfDefinition d : Presets.get("hh").values()) {
            assertEquals(d, LfDefinition.parse(d.kind(), d.toJson().toString()));
        }
        CodeRule code = new CodeRule("return A;");
        assertEquals(code, LfDefinition.parse("code", code.toJson().toString()));
        assertThrows(LfException.class, () -> LfDefinition.parse("magic", "{}"));
    }

    @Test
    void presetsHaveThePapersShape() {
        assertEquals(List.of("length", "reading_ease", "lexical_diversity", "vader_polarity", "amount_of_numbers", "regex",
                "keyword_offensive", "keyword_harmful", "keyword_bad"), List.copyOf(Presets.get("hh").keySet()));
        assertEquals(6, Presets.get("mt-bench").size());
        assertEquals(new FeatureRule("numbers", FeatureRule.Prefer.HIGHER, 3, null), Presets.get("hh").get("amount_of_numbers"));
        assertEquals(new FeatureRule("numbers", FeatureRule.Prefer.HIGHER, 2, null), Presets.get("ubp").get("amount_of_numbers"));
        assertEquals(new FeatureRule("reading_ease", FeatureRule.Prefer.LOWER, 5, 50.0), Presets.get("ub").get("reading_ease"));
        PatternRule ubp = (PatternRule) Presets.get("ubp").get("regex");
        assertEquals(4, ubp.good().size());
        assertEquals(4, ubp.bad().size());
    }
}
