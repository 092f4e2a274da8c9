package dev.pairlab.task;

/**
 * The one kind of error a user causes and can fix: bad input, a project that cannot be used as asked,
 * a labeling function that does not compile, parameters out of range. Its message is in the user's
 * words and names no command-line flag or screen control; each front end maps it once (the CLI: one
 * line and exit 1; the app: shown where the user acted). Everything else is an internal error.
 */
public class UserException extends Exception {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
