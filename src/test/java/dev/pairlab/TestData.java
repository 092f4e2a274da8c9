package dev.pairlab;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data (PAIRLAB_DATA, default ../shared/data). Tests that need it fail loudly without it. */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        String env = System.getenv("PAIRLAB_DATA");
        Path base = env == null || env.isBlank() ? Path.of(System.getProperty("pairlab.projectDir", ".")).resolve("../shared/data") : Path.of(env);
        return base.toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            fail("test data missing: " + p + " (set PAIRLAB_DATA to the shared data folder)");
        }
        return p;
    }

    public static Path mtBenchTrain() {
        return file("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl");
    }

    public static Path mtBenchEval() {
        return file("dfki-weak-supervision-rlhf/MT-BENCH-evaluation-set.jsonl");
    }

    public static Path hh1() {
        return file("dfki-weak-supervision-rlhf/HH-RLHF-baseline-train-set-1%.jsonl");
    }

    public static Path ub2() {
        return file("dfki-weak-supervision-rlhf/UB-baseline-train-set-2%.jsonl");
    }

    public static Path harmlessTest() {
        return file("anthropic-hh-rlhf/harmless-base-test.jsonl.gz");
    }

    /** Pretrained models imported once per build into target/test-models (sets pairlab.models). */
    public static Path models() {
        Path dir = Path.of(System.getProperty("pairlab.projectDir", ".")).resolve("target/test-models").toAbsolutePath().normalize();
        System.setProperty("pairlab.models", dir.toString());
        return dir;
    }
}
