package dev.pairlab.pairs;

import java.nio.file.Path;

/**
 * Input a user gave us is wrong. The message always names the file, and where it can, the line
 * and field: {@code data.jsonl:17: field 'label': expected 0 or 1, got "yes"}.
 */
public class BadInputException extends dev.pairlab.task.UserException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public static BadInputException at(Path file, long line, String what) {
        return new BadInputException(where(file, line) + ": " + what);
    }

    static String where(Path file, long line) {
        String name = file == null ? "<input>" : file.toString();
        return line > 0 ? name + ":" + line : name;
    }
}
