package dev.pairlab.ui.jobs;

/** A job the user asked for that cannot start now (e.g. a second training run); the message says why, in the user's words. */
public final class JobRefusedException extends Exception {

    public JobRefusedException(String message) {
        super(message);
    }
}
