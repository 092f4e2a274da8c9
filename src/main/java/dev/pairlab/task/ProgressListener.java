package dev.pairlab.task;

/**
 * Receives progress from long work in the core. Implementations must be cheap and thread-safe:
 * the core calls them from worker threads, often many times a second.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param done    units finished so far
     * @param total   units in all, or -1 when unknown
     * @param message what is being done, in the user's words
     */
    void progress(long done, long total, String message);

    ProgressListener NONE = (done, total, message) -> { };
}
