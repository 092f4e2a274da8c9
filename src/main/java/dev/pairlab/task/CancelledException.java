package dev.pairlab.task;

/** Thrown by long work that stopped because its {@link Cancellation} was cancelled. */
public final class CancelledException extends Exception {

    public CancelledException() {
        super("cancelled by the user");
    }
}
