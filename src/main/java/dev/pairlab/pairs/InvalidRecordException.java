package dev.pairlab.pairs;

/** Thrown by a format while it parses one record; the reader turns it into a {@link RecordError}. */
public class InvalidRecordException extends Exception {

    private final String field;

    public InvalidRecordException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
