package dev.pairlab.pairs;

/**
 * What is wrong with one record of an input file.
 *
 * @param line  1-based line where the record starts
 * @param field the field at fault, or null when the record as a whole is broken
 */
public record RecordError(long line, String field, String message) {

    /** {@code file:line: field 'x': message}, the form every import error takes. */
    public String describe(String file) {
        String prefix = file + ":" + line + ": ";
        return field == null ? prefix + message : prefix + "field '" + field + "': " + message;
    }
}
