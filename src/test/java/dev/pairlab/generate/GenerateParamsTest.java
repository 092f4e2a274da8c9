package dev.pairlab.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pairlab.encoder.EmbeddingJob;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generate, judge and embed parameter records: defaults, and problems under the field they are about. */
class GenerateParamsTest {

    private static GenerateParams with(Path prompts, String a, String keyA, String b, double temperature, int concurrency) {
        GenerateParams d = GenerateParams.defaults();
        return new GenerateParams(prompts, null, a, keyA, b, null, temperature, d.maxTokens(), null, concurrency, d.rps(), d.timeout(),
                d.retries(), d.limit(), d.seed());
    }

    @Test
    void aFullSetOfSettingsIsValidAndMakesTheSources() {
        GenerateParams p = with(Path.of("p.txt"), "http://127.0.0.1:8080/v1,llama", "MY_KEY", null, 0.7, 4);
        assertEquals(List.of(), p.validate());
        assertEquals("llama", p.a().model());
        assertEquals("MY_KEY", p.a().keyEnv());
        assertNull(p.b(), "no B: a second sample of A");
        assertEquals(512, p.maxTokens());
        assertEquals(123, p.seed());
    }

    @Test
    void eachProblemNamesItsField() {
        GenerateParams p = with(null, "nocomma", "sk-abcdefghijklmnopqrstuvwx", "http://x:1/v1,m", 3, 0);
        List<Problem> problems = p.validate();
        assertEquals(List.of("prompts", "sourceA", "concurrency"), problems.stream().map(Problem::field).toList(), problems.toString());
        assertEquals("give either a prompts file or a project to take the prompts from", problems.get(0).message());
        assertEquals("source A must be URL,MODEL, got 'nocomma'", problems.get(1).message());
        List<Problem> key = with(Path.of("p"), "http://127.0.0.1:1/v1,m", "sk-abcdefghijklmnopqrstuvwx", null, 0.7, 4).validate();
        assertEquals("keyA", key.get(0).field(), key.toString());
        List<Problem> temperature = with(Path.of("p"), "http://127.0.0.1:1/v1,m", null, null, 3, 4).validate();
        assertEquals(List.of(Problem.of("temperature", "temperature must be between 0 and 2")), temperature);
    }

    @Test
    void judgeAndEmbeddingSettingsValidateToo() {
        assertEquals(List.of(), JudgeRunner.Params.defaults(EnumSet.of(Split.TRAIN)).validate());
        assertEquals(List.of(Problem.of("concurrency", "concurrency must be at least 1")),
                new JudgeRunner.Params(EnumSet.of(Split.TRAIN), 0, 0, Duration.ofSeconds(1), 1).validate());
        assertEquals(List.of(), EmbeddingJob.Options.defaults().validate());
        assertEquals(EmbeddingJob.Device.AUTO, EmbeddingJob.Options.defaults().device());
        assertEquals(List.of("maxTokens", "batch"),
                new EmbeddingJob.Options("minilm", 2, 0, EmbeddingJob.Device.CPU).validate().stream().map(Problem::field).toList());
    }
}
