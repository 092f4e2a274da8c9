package dev.pairlab.store;

/** The database failed in a way the user did not cause (a bug, a broken disk). */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
