package dev.pairlab.reward;

/**
 * One training or evaluation example: a context and two answers, and the probability that A is
 * preferred (1 or 0 for a hard label, the label model's probability for a soft one).
 */
public record TrainPair(long id, String context, String a, String b, double pA, boolean weak) {

    public TrainPair {
        if (!(pA >= 0 && pA <= 1)) {
            throw new IllegalArgumentException("P(A preferred) must be in [0, 1], got " + pA);
        }
    }

    /** Whether A is the preferred answer (for accuracy: the label's majority side). */
    public boolean aPreferred() {
        return pA >= 0.5;
    }
}
