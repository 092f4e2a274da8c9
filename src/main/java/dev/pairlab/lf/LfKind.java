package dev.pairlab.lf;

import dev.pairlab.task.Choices;

/** The kinds of labeling function a user can add, by the key stored with each LF and typed on the command line. */
public enum LfKind {
    FEATURE(FeatureRule.KIND), PATTERN(PatternRule.KIND), CODE(CodeRule.KIND), LLM(JudgeRule.KIND), EXEMPLAR(ExemplarRule.KIND);

    public static final String DESC = "feature, pattern, code, llm or exemplar";

    private final String key;

    LfKind(String key) {
        this.key = key;
    }

    /** The stored kind ({@code "feature"}, {@code "llm"}, …). */
    public String key() {
        return key;
    }

    public static LfKind parse(String s) throws LfException {
        LfKind k = Choices.byKey(values(), LfKind::key, s);
        if (k != null) {
            return k;
        }
        throw new LfException("the kind must be " + DESC + ", not '" + s + "'");
    }
}
