package dev.pairlab.pairs;

import java.util.Locale;

/**
 * Where a pair belongs in the method's pipeline (method.md, step 2): TEST is the evaluation split,
 * TRAIN the small labeled subset, DEV optional labeled data for tuning, POOL the unlabeled pool whose
 * gold labels are kept but hidden.
 */
public enum Split {
    TRAIN, DEV, TEST, POOL;

    /** The lower-case name used in the project file, the CLI and exports. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Pool gold labels exist only to measure weak-label accuracy afterwards; nothing else reads them. */
    public boolean goldHidden() {
        return this == POOL;
    }

    public static Split parse(String text) {
        for (Split s : values()) {
            if (s.key().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "' (expected train, dev, test or pool)");
    }
}
