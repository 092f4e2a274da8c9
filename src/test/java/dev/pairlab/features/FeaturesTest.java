package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature on texts whose values were counted by hand. */
class FeaturesTest {

    private static double f(String feature, String text) {
        return Features.byName(feature).compute(new Text(text));
    }

    @Test
    void allElevenFeaturesAreInstalledWithDescriptions() {
        assertEquals(List.of("length", "word_count", "sentence_count", "reading_ease", "lexical_diversity", "vader_compound",
                "numbers", "list_items", "code_blocks", "question_marks", "urls"), Features.all().stream().map(Feature::name).toList());
        for (Feature x : Features.all()) {
            assertEquals(false, x.description().isBlank());
            assertEquals(false, x.unit().isBlank());
        }
    }

    @Test
    void lengthCountsCodePoints() {
        assertEquals(5, f("length", "héllo"));
        assertEquals(3, f("length", "a😀b"));
    }

    @Test
    void wordsAndSentences() {
        assertEquals(8, f("word_count", "Don't panic: it's 3.5 km away, really."));
        assertEquals(3, f("sentence_count", "One sentence. Two sentences! Is this three?"));
        assertEquals(1, f("sentence_count", "Pi is 3.14 and e is 2.72"));
        assertEquals(3, f("sentence_count", "A list:\n- first item\n- second item"));
        assertEquals(0, f("sentence_count", "  ... !!"));
    }

    @Test
    void syllablesByRule() {
        assertEquals(1, Syllables.count("the"));
        assertEquals(1, Syllables.count("make"));
        assertEquals(2, Syllables.count("table"));
        assertEquals(3, Syllables.count("beautiful"));
        assertEquals(1, Syllables.count("jumped"));
        assertEquals(2, Syllables.count("wanted"));
        assertEquals(2, Syllables.count("boxes"));
        assertEquals(1, Syllables.count("cakes"));
        assertEquals(4, Syllables.count("education"));
    }

    @Test
    void fleschReadingEaseFollowsTheFormula() {
        // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables: 206.835 - 1.015*6 - 84.6*1.
        assertEquals(206.835 - 1.015 * 6 - 84.6, f("reading_ease", "The cat sat on the mat."), 1e-9);
        // "Education is beautiful." 3 words (4 + 1 + 3 = 8 syllables), 1 sentence.
        assertEquals(206.835 - 1.015 * 3 - 84.6 * 8 / 3, f("reading_ease", "Education is beautiful."), 1e-9);
        assertEquals(0, f("reading_ease", "!!!"));
    }

    @Test
    void lexicalDiversityFoldsCaseAndRegularEndings() {
        // the, cat, (Cats→cat), sat → types {the, cat, sat} over 4 tokens.
        assertEquals(0.75, f("lexical_diversity", "the cat Cats sat"), 1e-9);
        assertEquals(0.5, f("lexical_diversity", "asking asked"), 1e-9);
        assertEquals("study", LexicalDiversityFeature.lemma("studies"));
        assertEquals("box", LexicalDiversityFeature.lemma("boxes"));
        assertEquals("class", LexicalDiversityFeature.lemma("class"));
        assertEquals(0, f("lexical_diversity", ""));
    }

    @Test
    void countsOfNumbersListsCodeQuestionsUrls() {
        assertEquals(6, NumbersFeature.count("In 2023, 15 of 20 people (75%) agreed; abc123 and 4th do not count, 3.5 counts"));
        assertEquals(0, NumbersFeature.count("x1 1x _1 1_"));
        assertEquals(3, f("list_items", "Steps:\n1. mix\n2) bake\n - serve\nnot-a-list\n-also not"));
        assertEquals(2, f("code_blocks", "```py\nx=1\n```\ntext\n```\ny\n```"));
        assertEquals(1, f("code_blocks", "```\nunclosed"));
        assertEquals(2, f("question_marks", "Why? Really？"));
        assertEquals(2, f("urls", "See https://example.org/a?b=1, and www.test.com. Not: example.org"));
        assertEquals(0, f("urls", "no links here"));
    }

    @Test
    void theCharacterTableAnswersAsTheJdkForEveryChar() {
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            assertEquals(Character.isLetterOrDigit(ch), Chars.letterOrDigit(ch), "isLetterOrDigit U+" + Integer.toHexString(c));
            assertEquals(Character.isLetter(ch), Chars.letter(ch), "isLetter U+" + Integer.toHexString(c));
            assertEquals(Character.isWhitespace(ch), Chars.whitespace(ch), "isWhitespace U+" + Integer.toHexString(c));
            assertEquals(Character.isLowerCase(ch), Chars.lowerCase(ch), "isLowerCase U+" + Integer.toHexString(c));
            assertEquals(Character.isUpperCase(ch), Chars.upperCase(ch), "isUpperCase U+" + Integer.toHexString(c));
            if (c < 0x130) {
                assertEquals(Character.toLowerCase(ch), Chars.lowerBelow0130(ch), "toLowerCase U+" + Integer.toHexString(c));
            }
        }
    }
}
