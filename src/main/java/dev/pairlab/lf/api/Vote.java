package dev.pairlab.lf.api;

/** What a labeling function says about a pair: answer A is better, answer B is better, or nothing. */
public enum Vote {
    A, B, ABSTAIN;

    /** The label-matrix code: 0 = A, 1 = B, −1 = abstain (Snorkel's convention). */
    public byte code() {
        return switch (this) {
            case A -> 0;
            case B -> 1;
            case ABSTAIN -> -1;
        };
    }
}
