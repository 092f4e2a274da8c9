package dev.pairlab.store;

/** A project cannot be used as asked: not a project, in use, too new, missing. Users can cause it. */
public class ProjectException extends dev.pairlab.task.UserException {

    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
