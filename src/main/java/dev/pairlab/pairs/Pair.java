package dev.pairlab.pairs;

import java.util.Objects;

/**
 * One preference pair: a context (prompt or whole prior conversation) and two answers.
 *
 * @param id        the project's id; 0 before the pair is stored
 * @param gold      the human preference, if any
 * @param split     where the pair belongs; null before the importer places it
 * @param source    the file the pair came from (its name)
 * @param sourceRow the line (JSONL, CSV) or element number (JSON array) it came from, 1-based
 * @param extras    the record's other fields, as a JSON object text ("{}" when none)
 */
public record Pair(long id, String context, String answerA, String answerB, Gold gold, Split split,
                   String source, long sourceRow, String extras) {

    public Pair {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(answerA, "answerA");
        Objects.requireNonNull(answerB, "answerB");
        Objects.requireNonNull(gold, "gold");
        extras = extras == null || extras.isEmpty() ? "{}" : extras;
    }

    /** A parsed pair not yet stored. */
    public static Pair parsed(String context, String answerA, String answerB, Gold gold, long sourceRow, String extras) {
        return new Pair(0, context, answerA, answerB, gold, null, "", sourceRow, extras);
    }

    public Pair withSplit(Split newSplit) {
        return new Pair(id, context, answerA, answerB, gold, newSplit, source, sourceRow, extras);
    }

    public Pair withSource(String newSource) {
        return new Pair(id, context, answerA, answerB, gold, split, newSource, sourceRow, extras);
    }

    public Pair withId(long newId) {
        return new Pair(newId, context, answerA, answerB, gold, split, source, sourceRow, extras);
    }

    /** The preferred answer; only meaningful when the gold label is known. */
    public String chosen() {
        return gold == Gold.B ? answerB : answerA;
    }

    public String rejected() {
        return gold == Gold.B ? answerA : answerB;
    }
}
