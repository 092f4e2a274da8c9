package dev.pairlab.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pairlab.pairs.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat-completions server on 127.0.0.1 for tests: answers "MODEL says: PROMPT", and can be told
 * to fail the first N calls of a prompt with 429 or 500, answer slowly, or drop the connection.
 */
public final class FakeChatServer implements AutoCloseable {

    enum Trouble { NONE, RATE_LIMIT, SERVER_ERROR, SLOW, DROP, BAD_REQUEST, ECHO_KEY }

    private final HttpServer server;
    public final AtomicInteger requests = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final ConcurrentHashMap<String, Trouble> troubleFor = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> troubleLeft = new ConcurrentHashMap<>();
    volatile long slowMillis = 3000;
    /** What the server answers to a prompt (default: the model name and the prompt echoed). */
    public volatile java.util.function.BiFunction<String, String, String> responder = (model, prompt) -> model + " says: " + prompt;

    public FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The next {@code times} requests for a prompt containing {@code marker} get this trouble. */
    void trouble(String marker, Trouble t, int times) {
        troubleFor.put(marker, t);
        troubleLeft.put(marker, new AtomicInteger(times));
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        String model = body.path("model").asText();
        JsonNode messages = body.path("messages");
        String prompt = messages.get(messages.size() - 1).path("content").asText();
        for (var e : troubleFor.entrySet()) {
            if (prompt.contains(e.getKey()) && troubleLeft.get(e.getKey()).getAndDecrement() > 0) {
                switch (e.getValue()) {
                    case RATE_LIMIT -> {
                        ex.getResponseHeaders().add("Retry-After", "0.1");
                        send(ex, 429, "{\"error\":\"slow down\"}");
                        return;
                    }
                    case SERVER_ERROR -> {
                        send(ex, 500, "{\"error\":\"boom\"}");
                        return;
                    }
                    case BAD_REQUEST -> {
                        send(ex, 400, "{\"error\":\"unknown model\"}");
                        return;
                    }
                    case ECHO_KEY -> {
                        // As some gateways do: the rejected credential, repeated back in the error.
                        String key = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
                        send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". You sent Authorization: "
                                + auth + "\",\"debug\":\"api_key=" + key + "\"}}");
                        return;
                    }
                    case SLOW -> sleep(slowMillis);
                    case DROP -> {
                        ex.close(); // no response at all
                        return;
                    }
                    default -> {
                    }
                }
            }
        }
        String answer = responder.apply(model, prompt);
        String json = Json.MAPPER.createObjectNode().put("id", "x").put("object", "chat.completion")
                .set("choices", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("index", 0)
                        .set("message", Json.MAPPER.createObjectNode().put("role", "assistant").put("content", answer))))
                .toString();
        JsonNode withUsage = Json.MAPPER.readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) withUsage).set("usage",
                Json.MAPPER.createObjectNode().put("prompt_tokens", prompt.length() / 4 + 1).put("completion_tokens", answer.length() / 4 + 1));
        send(ex, 200, withUsage.toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
