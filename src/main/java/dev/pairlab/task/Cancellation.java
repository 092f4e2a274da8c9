package dev.pairlab.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cancellation token shared between whoever starts long work and the work itself. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token that is never cancelled, for callers that do not offer cancel. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Long work calls this at safe points; it throws so the caller's transaction rolls back. */
    public void throwIfCancelled() throws CancelledException {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
