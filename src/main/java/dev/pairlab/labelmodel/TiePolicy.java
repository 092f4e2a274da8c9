package dev.pairlab.labelmodel;

import java.util.Locale;

/** What a hard label is when P(B) is exactly 0.5 (all LFs abstained, or votes cancel out). */
public enum TiePolicy {
    /** No label. */
    ABSTAIN,
    /** A coin flip, seeded per row so it is reproducible (the paper's choice). */
    RANDOM,
    /** The class prior's favourite (A when the prior is even). */
    PRIOR;

    public static TiePolicy parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
