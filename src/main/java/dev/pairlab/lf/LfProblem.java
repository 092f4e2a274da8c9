package dev.pairlab.lf;

/**
 * Something to report about one LF after applying it: it threw on some pairs (those abstain), was
 * stopped (its whole column abstains), is a code LF not trusted on this machine (its whole column
 * abstains), or printed something (shown as its diagnostics; its votes stand).
 *
 * @param pairId the first pair it failed on, or 0
 */
public record LfProblem(String lf, long pairId, String message, Kind kind) {

    public enum Kind {
        /** Threw, was stopped or could not run. */
        FAILED,
        /** A code LF that is not trusted here: it did not run. */
        UNTRUSTED,
        /** Not a failure: what the LF printed while it ran. */
        OUTPUT
    }

    public LfProblem(String lf, long pairId, String message) {
        this(lf, pairId, message, Kind.FAILED);
    }

    /** True for what keeps the LF's votes from being its own (failures and untrusted LFs), not for printed output. */
    public boolean failure() {
        return kind != Kind.OUTPUT;
    }

    @Override
    public String toString() {
        return lf + ": " + message;
    }
}
