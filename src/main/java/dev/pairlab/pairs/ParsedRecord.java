package dev.pairlab.pairs;

/**
 * The outcome of reading one record: a pair, an error, or a record that the format drops on purpose
 * (for example a tie in MT-Bench human judgments).
 */
public record ParsedRecord(long line, Pair pair, RecordError error, String dropReason) {

    public static ParsedRecord ok(long line, Pair pair) {
        return new ParsedRecord(line, pair, null, null);
    }

    public static ParsedRecord error(RecordError error) {
        return new ParsedRecord(error.line(), null, error, null);
    }

    public static ParsedRecord dropped(long line, String reason) {
        return new ParsedRecord(line, null, null, reason);
    }

    public boolean isOk() {
        return pair != null;
    }
}
