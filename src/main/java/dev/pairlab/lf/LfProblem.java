package dev.pairlab.lf;

/**
 * Something went wrong while applying one LF: it threw on some pairs (those abstain), or it ran too
 * long and was stopped (its whole column abstains).
 *
 * @param pairId the first pair it failed on, or 0
 */
public record LfProblem(String lf, long pairId, String message) {
    @Override
    public String toString() {
        return lf + ": " + message;
    }
}
