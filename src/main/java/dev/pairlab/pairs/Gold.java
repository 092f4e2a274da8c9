package dev.pairlab.pairs;

/**
 * The human (gold) preference of a pair. Codes follow Snorkel's label-matrix convention:
 * 0 = answer A preferred, 1 = answer B preferred, -1 = no label.
 */
public enum Gold {
    A(0), B(1), NONE(-1);

    private final int code;

    Gold(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean known() {
        return this != NONE;
    }

    /** The same preference seen after answers A and B trade places. */
    public Gold swapped() {
        return switch (this) {
            case A -> B;
            case B -> A;
            case NONE -> NONE;
        };
    }

    public static Gold fromCode(int code) {
        return switch (code) {
            case 0 -> A;
            case 1 -> B;
            case -1 -> NONE;
            default -> throw new IllegalArgumentException("not a gold code: " + code);
        };
    }
}
