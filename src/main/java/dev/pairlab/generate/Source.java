package dev.pairlab.generate;

import dev.pairlab.lf.Endpoints;

/**
 * One OpenAI-compatible chat-completions endpoint and how to ask it. The API key is never stored:
 * {@code keyEnv} names the environment variable (or keyring entry) that holds it, and a URL carrying
 * credentials is refused ({@link Endpoints}).
 *
 * @param baseUrl e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:8000/v1 (vLLM),
 *                http://127.0.0.1:11434/v1 (Ollama)
 */
public record Source(String name, String baseUrl, String model, String keyEnv, double temperature, int maxTokens, String systemPrompt) {

    public Source {
        if (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("a source needs a base URL and a model, as URL,MODEL");
        }
        baseUrl = Endpoints.checkUrl(baseUrl, "the source URL");
        keyEnv = Endpoints.checkKeyEnv(keyEnv, keyField(name));
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1");
        }
    }

    /** This source's key variable, in the user's words. */
    static String keyField(String name) {
        return "a".equals(name) || "b".equals(name) ? "the key variable of source " + name.toUpperCase(java.util.Locale.ROOT) : "the key variable";
    }

    /** "URL,MODEL" as the CLI takes it. */
    public static Source parse(String name, String spec, String keyEnv, double temperature, int maxTokens, String system) {
        int comma = spec.lastIndexOf(',');
        if (comma <= 0) {
            throw new IllegalArgumentException("source " + name.toUpperCase(java.util.Locale.ROOT) + " must be URL,MODEL, got '" + Endpoints.redact(spec, null) + "'");
        }
        return new Source(name, spec.substring(0, comma).strip(), spec.substring(comma + 1).strip(), keyEnv, temperature, maxTokens, system);
    }
}
