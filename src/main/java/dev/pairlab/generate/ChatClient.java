package dev.pairlab.generate;

import dev.pairlab.lf.Endpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat-completions client ({@code POST BASE/chat/completions}). Retries with
 * exponential back-off on 429 and 5xx answers (honouring Retry-After), timeouts and dropped
 * connections; other 4xx answers fail at once, since asking again would not help. What the server
 * says is shown only through {@link Endpoints#redact}, so a server that echoes the key cannot put it
 * in a log.
 */
public final class ChatClient {

    /** One answer with its token counts (0 when the server does not report usage). */
    public record Answer(String text, long promptTokens, long completionTokens, int attempts) {
    }

    /** The endpoint said no in a way that retrying cannot fix (bad model, bad key, bad request). */
    public static final class ChatException extends IOException {
        public ChatException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final int maxAttempts;
    private final long backoffMillis;
    private final AtomicLong requests = new AtomicLong();

    public ChatClient(Duration timeout, int maxAttempts, long backoffMillis) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
    }

    public long requests() {
        return requests.get();
    }

    public Answer complete(Source s, String apiKey, String prompt, Cancellation cancel) throws IOException, CancelledException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", s.model());
        ArrayNode messages = body.putArray("messages");
        if (s.systemPrompt() != null && !s.systemPrompt().isBlank()) {
            messages.addObject().put("role", "system").put("content", s.systemPrompt());
        }
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("temperature", s.temperature());
        body.put("max_tokens", s.maxTokens());
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        String lastProblem = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            cancel.throwIfCancelled();
            long wait = backoffMillis << (attempt - 1);
            try {
                requests.incrementAndGet();
                HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code == 200) {
                    return parse(s, r.body(), attempt, apiKey);
                }
                lastProblem = "HTTP " + code + ": " + abbreviate(Endpoints.redact(r.body(), apiKey));
                if (code == 429 || code >= 500) {
                    wait = Math.max(wait, retryAfterMillis(r));
                } else {
                    throw new ChatException(s.name() + " (" + s.baseUrl() + ", model " + s.model() + ") refused: " + lastProblem);
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + timeout.toSeconds() + " s";
            } catch (ChatException e) {
                throw e;
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + Endpoints.redact(e.getMessage(), apiKey)) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
            if (attempt < maxAttempts) {
                sleep(wait, cancel);
            }
        }
        throw new IOException(s.name() + " (" + s.baseUrl() + ") failed " + maxAttempts + " times; last: " + lastProblem);
    }

    private static Answer parse(Source s, String body, int attempt, String apiKey) throws ChatException {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            JsonNode content = n.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new ChatException(s.name() + ": the answer has no choices[0].message.content: " + abbreviate(Endpoints.redact(body, apiKey)));
            }
            JsonNode usage = n.path("usage");
            return new Answer(content.asText(), usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0), attempt);
        } catch (IOException e) {
            throw new ChatException(s.name() + ": the answer is not JSON: " + abbreviate(Endpoints.redact(body, apiKey)));
        }
    }

    private static long retryAfterMillis(HttpResponse<String> r) {
        return r.headers().firstValue("Retry-After").map(v -> {
            try {
                return (long) (Double.parseDouble(v.strip()) * 1000);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private static void sleep(long millis, Cancellation cancel) throws CancelledException {
        long end = System.currentTimeMillis() + Math.min(millis, 60_000);
        while (System.currentTimeMillis() < end) {
            cancel.throwIfCancelled();
            try {
                Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip().replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 197) + "..." : t;
    }
}
