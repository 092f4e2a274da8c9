package dev.pairlab.generate;

/** The test judge for tests in other packages. */
public final class JudgeLfTestAccess {

    private JudgeLfTestAccess() {
    }

    public static String longerJudge(String model, String prompt) {
        return JudgeLfTest.longerJudge(model, prompt);
    }
}
