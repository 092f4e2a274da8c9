package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Compound scores against the values the reference implementation (vaderSentiment) documents for its examples. */
class VaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "VADER is smart, handsome, and funny.|0.8316",
        "VADER is smart, handsome, and funny!|0.8439",
        "VADER is very smart, handsome, and funny.|0.8545",
        "VADER is VERY SMART, handsome, and FUNNY.|0.9227",
        "VADER is VERY SMART, handsome, and FUNNY!!!|0.9342",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!|0.9469",
        "VADER is not smart, handsome, nor funny.|-0.7424",
        "The book was good.|0.4404",
        "At least it isn't a horrible book.|0.431",
        "The book was only kind of good.|0.3832",
        "The plot was good, but the characters are uncompelling and the dialog is not great.|-0.7042",
        "Today SUX!|-0.5461",
        "Not bad at all|0.431",
        "A really bad, horrible book.|-0.8211",
    })
    void matchesTheReferenceExamples(String text, double expected) {
        assertEquals(expected, Vader.compound(text), 0.00051, text);
    }

    @Test
    void lexiconIsTheFullVaderLexiconAndNeutralTextScoresZero() {
        assertTrue(Vader.lexiconSize() > 7400, "lexicon entries: " + Vader.lexiconSize());
        assertEquals(0.0, Vader.compound("The table has four legs."));
        assertEquals(0.0, Vader.compound(""));
    }
}
