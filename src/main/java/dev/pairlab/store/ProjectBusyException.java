package dev.pairlab.store;

/**
 * SQLite reported the project's database busy or locked (SQLITE_BUSY, SQLITE_LOCKED) beyond its wait:
 * another process is writing it by a path the "in use" lock did not see (a hard link, another tool).
 * Unchecked because any read or write can meet it; users cause it, so front ends show it as they
 * show {@link ProjectInUseException}.
 */
public final class ProjectBusyException extends RuntimeException {

    public ProjectBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
