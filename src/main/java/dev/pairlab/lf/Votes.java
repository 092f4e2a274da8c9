package dev.pairlab.lf;

/** Label-matrix codes (Snorkel's convention). */
public final class Votes {

    public static final byte ABSTAIN = -1;
    public static final byte A = 0;
    public static final byte B = 1;

    private Votes() {
    }

    public static String name(byte v) {
        return v == A ? "A" : v == B ? "B" : "abstain";
    }
}
