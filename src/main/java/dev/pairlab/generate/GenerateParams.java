package dev.pairlab.generate;

import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of generating pairs with two chat endpoints, as {@code pairlab generate} and the Generate screen both
 * take them: the defaults ({@code DEFAULT_X}), descriptions ({@code DESC_X}) and checks are here once.
 *
 * @param prompts     a prompts file (.txt one a line, .jsonl, .csv), or null when {@code promptsFrom} is given
 * @param promptsFrom another project whose pairs' contexts are the prompts, or null
 * @param sourceA     the first endpoint as {@code URL,MODEL}
 * @param keyA        the environment variable (or keyring entry) holding A's API key, or null
 * @param sourceB     the second endpoint as {@code URL,MODEL}, or null for a second sample of A
 * @param timeout     seconds to wait for one answer
 * @param limit       use at most this many prompts (after shuffling); 0 for all
 */
public record GenerateParams(Path prompts, Path promptsFrom, String sourceA, String keyA, String sourceB, String keyB,
                             double temperature, int maxTokens, String system, int concurrency, double rps, int timeout,
                             int retries, int limit, long seed) implements Parameters {

    public static final String DEFAULT_TEMPERATURE = "0.7";
    public static final String DEFAULT_MAX_TOKENS = "512";
    public static final String DEFAULT_CONCURRENCY = "4";
    public static final String DEFAULT_RPS = "0";
    public static final String DEFAULT_TIMEOUT = "120";
    public static final String DEFAULT_RETRIES = "5";
    public static final String DEFAULT_LIMIT = "0";
    public static final String DEFAULT_SEED = "123";

    public static final String DESC_PROMPTS = "Prompts: .txt (one a line), .jsonl or .csv.";
    public static final String DESC_PROMPTS_FROM = "Use the contexts of another project's pairs as prompts.";
    public static final String DESC_SOURCE_A = "e.g. http://127.0.0.1:8080/v1,llama-3-8b";
    public static final String DESC_SOURCE_B = "The second model (default: a second sample of A).";
    public static final String DESC_KEY_A = "Environment variable holding A's API key.";
    public static final String DESC_KEY_B = "Environment variable holding B's API key.";
    public static final String DESC_TEMPERATURE = "Sampling temperature, 0 to 2";
    public static final String DESC_MAX_TOKENS = "The longest answer, in tokens";
    public static final String DESC_SYSTEM = "A system prompt for both sources.";
    public static final String DESC_CONCURRENCY = "Requests in flight";
    public static final String DESC_RPS = "At most this many requests a second (default: no limit).";
    public static final String DESC_TIMEOUT = "Seconds to wait for one answer";
    public static final String DESC_RETRIES = "Attempts per answer on 429/5xx/timeouts";
    public static final String DESC_LIMIT = "Use at most this many prompts (after shuffling).";
    public static final String DESC_SEED = "Shuffle and A/B seed";

    /** The defaults, without prompts or sources. */
    public static GenerateParams defaults() {
        return new GenerateParams(null, null, null, null, null, null, Double.parseDouble(DEFAULT_TEMPERATURE),
                Integer.parseInt(DEFAULT_MAX_TOKENS), null, Integer.parseInt(DEFAULT_CONCURRENCY), Double.parseDouble(DEFAULT_RPS),
                Integer.parseInt(DEFAULT_TIMEOUT), Integer.parseInt(DEFAULT_RETRIES), Integer.parseInt(DEFAULT_LIMIT),
                Long.parseLong(DEFAULT_SEED));
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if ((prompts == null) == (promptsFrom == null)) {
            problems.add(Problem.of("prompts", "give either a prompts file or a project to take the prompts from"));
        }
        source(problems, "a", sourceA, keyA);
        if (sourceB != null) {
            source(problems, "b", sourceB, keyB);
        }
        if (concurrency < 1 || concurrency > 64) {
            problems.add(Problem.of("concurrency", "the number of parallel requests must be between 1 and 64"));
        }
        return problems;
    }

    /** Each problem of one source, under its own field: the URL and model, the key variable, then sampling. */
    private void source(List<Problem> problems, String name, String spec, String key) {
        String field = "source" + name.toUpperCase(Locale.ROOT);
        if (spec == null || spec.isBlank()) {
            problems.add(Problem.of(field, "source " + name.toUpperCase(Locale.ROOT) + " needs a base URL and a model"));
            return;
        }
        try {
            Source.parse(name, spec, null, 0, 1, null);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(field, e.getMessage()));
            return;
        }
        try {
            Source.parse(name, spec, key, 0, 1, null);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("key" + name.toUpperCase(Locale.ROOT), e.getMessage()));
            return;
        }
        try {
            Source.parse(name, spec, key, temperature, maxTokens, system);
        } catch (IllegalArgumentException e) {
            if ("a".equals(name)) {
                problems.add(Problem.of(e.getMessage().startsWith("temperature") ? "temperature" : "maxTokens", e.getMessage()));
            }
        }
    }

    /** Source A; call after {@link #validate()} found nothing. */
    public Source a() {
        return Source.parse("a", sourceA, keyA, temperature, maxTokens, system);
    }

    /** Source B, or null for a second sample of A. */
    public Source b() {
        return sourceB == null ? null : Source.parse("b", sourceB, keyB, temperature, maxTokens, system);
    }
}
