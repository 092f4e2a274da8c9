package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pairlab.TestData;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the {@code numbers} feature counts, beside the paper's Python definition
 * {@code len(re.findall(r'\b\d+\b', text))} on a {@code str}, where {@code \d} is any Unicode decimal digit
 * (category Nd) and {@code \b} sits between a word character ({@code str.isalnum()} or {@code _}) and
 * anything else.
 */
class NumbersSemanticsTest {

    /**
     * Python's count, re-implemented here so that the test needs no Python: maximal runs of Nd code points
     * with no word character (a letter, any number character N*, or {@code _}) right before or after.
     * Checked against /usr/bin/python3 (3.11.2, Unicode 14) on the strings below and on the shared data.
     */
    static int pythonCount(String s) {
        int count = 0;
        int i = 0;
        int previous = -1;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                int j = i;
                int last = cp;
                while (j < s.length() && Character.getType(s.codePointAt(j)) == Character.DECIMAL_DIGIT_NUMBER) {
                    last = s.codePointAt(j);
                    j += Character.charCount(last);
                }
                boolean before = previous >= 0 && pythonWord(previous);
                boolean after = j < s.length() && pythonWord(s.codePointAt(j));
                if (!before && !after) {
                    count++;
                }
                previous = last;
                i = j;
            } else {
                previous = cp;
                i += Character.charCount(cp);
            }
        }
        return count;
    }

    private static boolean pythonWord(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || cp == '_';
    }

    @Test
    void asciiDigitRunsBetweenNonWordCharacters() {
        // Python's counts for each string: /usr/bin/python3 -c "import re; print(len(re.findall(r'\b\d+\b', S)))".
        record Case(String text, int pairlab, int python) {
        }
        List<Case> cases = List.of(
                new Case("I have 3 apples and 42 pears", 2, 2),
                new Case("abc123 123abc a1b 12_3", 0, 0),      // digits inside words, or next to _, are not numbers
                new Case("3.14 and 1,000", 4, 4),              // a decimal or a thousands separator splits a number in two
                new Case("Ⅰ 2 ②", 1, 1),                       // Roman numeral and circled digit: word characters, not digits
                new Case("x\u03002", 1, 1),                    // a combining mark is no word character in either
                new Case("\u0663 and \u0664\u0665", 0, 2),     // Arabic-Indic digits: Python counts them, Pairlab not
                new Case("12\u0663", 0, 1),                    // ... and to Pairlab they are a word character next to "12"
                new Case("\u0967\u096b \u092b\u0930\u0935\u0930\u0940", 0, 1), // Devanagari "15 February"
                new Case("\uff11\uff12\uff13", 0, 1),          // full-width digits
                new Case(" \uD835\uDFCF ", 0, 1),              // MATHEMATICAL BOLD DIGIT ONE, outside the BMP
                new Case("5\u00b2 x", 1, 0),                   // superscript two: a word character to Python only
                new Case("\uD835\uDC001", 1, 0));             // MATHEMATICAL BOLD CAPITAL A: Pairlab sees two surrogates
        for (Case c : cases) {
            assertEquals(c.pairlab(), NumbersFeature.count(c.text()), "Pairlab on \"" + c.text() + "\"");
            assertEquals(c.python(), pythonCount(c.text()), "Python on \"" + c.text() + "\"");
        }
    }

    /**
     * Pairs of the shared data sets (HH 1 %, UB 2 %, MT-Bench train and eval: 3,700 pairs) where either
     * answer's count differs from Python's. Computed with /usr/bin/python3 3.11.2 on the answers as Pairlab
     * imports them (dumped as JSON with the feature's value): {@code len(re.findall(r'\b\d+\b', a)) != numbers(a)}
     * for A or B held for 2 pairs, both in UB 2 % (Devanagari "१५ … २०१९" and Extended Arabic-Indic "۴۶").
     */
    @Test
    void twoPairsOfTheSharedDataCountDifferentlyFromPython() throws Exception {
        int pairs = 0;
        int differ = 0;
        int differInUb = 0;
        for (Path f : List.of(TestData.hh1(), TestData.ub2(), TestData.mtBenchTrain(), TestData.mtBenchEval())) {
            try (PairReader r = Formats.detect(f).open(f, ImportOptions.defaults())) {
                ParsedRecord rec;
                while ((rec = r.next()) != null) {
                    if (!rec.isOk()) {
                        continue;
                    }
                    pairs++;
                    String a = rec.pair().answerA();
                    String b = rec.pair().answerB();
                    if (NumbersFeature.count(a) != pythonCount(a) || NumbersFeature.count(b) != pythonCount(b)) {
                        differ++;
                        if (f.equals(TestData.ub2())) {
                            differInUb++;
                        }
                    }
                }
            }
        }
        assertEquals(3700, pairs);
        assertEquals(2, differ);
        assertEquals(2, differInUb);
    }
}
