package dev.pairlab.cli;

import dev.pairlab.task.Cancellation;

/**
 * Ctrl-C (or a TERM signal) cancels a long command's work instead of killing it mid-write: the work sees
 * the cancellation at its next check and stops cleanly (keeping what it finished). Close it when the work
 * is done.
 */
final class CtrlC implements AutoCloseable {

    private final Cancellation cancel = new Cancellation();
    private final Thread hook = new Thread(cancel::cancel, "pairlab-ctrl-c");

    CtrlC() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Cancellation cancellation() {
        return cancel;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the work saw the cancellation.
        }
    }
}
