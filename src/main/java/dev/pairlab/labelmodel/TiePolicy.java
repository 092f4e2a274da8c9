package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
/** What a hard label is when P(B) is exactly 0.5 (all LFs abstained, or votes cancel out). */
public enum TiePolicy {
    /** No label. */
    ABSTAIN,
    /** A coin flip, seeded per row so it is reproducible (the paper's choice). */
    RANDOM,
    /** The class prior's favourite (A when the prior is even). */
    PRIOR;

    /** The default of every command and screen that makes hard labels. */
    public static final String DEFAULT = "random";

    /** The lower-case name users type and runs record. */
    public String key() {
        return Choices.lowerCase(this);
    }

    @Override
    public String toString() {
        return key();
    }

    public static TiePolicy parse(String s) {
        TiePolicy t = Choices.byKey(values(), TiePolicy::key, s);
        if (t == null) {
            throw new IllegalArgumentException("the hard label at P = 0.5 is random, abstain or prior, not '" + s + "'");
        }
        return t;
    }
}
