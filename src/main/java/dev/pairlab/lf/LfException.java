package dev.pairlab.lf;

/** A labeling function is wrong in a way its author can fix: bad definition, compile error, it threw or ran too long. */
public class LfException extends dev.pairlab.task.UserException {

    public LfException(String message) {
        super(message);
    }

    public LfException(String message, Throwable cause) {
        super(message, cause);
    }
}
