package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TRL's preference format {@code {"prompt","chosen","rejected"}}: each a string, or a list of chat
 * messages {@code [{"role","content"}]} as TRL's conversational datasets and UltraFeedback-binarized
 * use (there "chosen" repeats the prompt's messages before the answer). Without "prompt", the
 * messages that chosen and rejected share are the prompt (TRL's implicit prompt).
 */
public final class TrlFormat implements PairFormat {

    private static final Set<String> CONSUMED = Set.of("prompt", "chosen", "rejected");

    @Override
    public String id() {
        return "trl";
    }

    @Override
    public String description() {
        return "TRL preference {\"prompt\",\"chosen\",\"rejected\"}, strings or chat messages";
    }

    @Override
    public int detectionOrder() {
        return 30;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return first.has("chosen") && first.has("rejected")
                && (first.has("prompt") || first.get("chosen").isArray());
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        JsonNode chosenNode = Fields.required(record, "chosen");
        JsonNode rejectedNode = Fields.required(record, "rejected");
        JsonNode promptNode = record.get("prompt");
        String context;
        String chosen;
        String rejected;
        if (promptNode == null || promptNode.isNull()) {
            if (!chosenNode.isArray() || !rejectedNode.isArray()) {
                throw new InvalidRecordException("prompt", "missing (needed when chosen and rejected are strings)");
            }
            List<Transcript.Message> c = messages(chosenNode, "chosen");
            List<Transcript.Message> r = messages(rejectedNode, "rejected");
            int shared = 0;
            while (shared < c.size() - 1 && shared < r.size() - 1 && c.get(shared).equals(r.get(shared))) {
                shared++;
            }
            context = Transcript.contextOf(c.subList(0, shared));
            chosen = join(c.subList(shared, c.size()));
            rejected = join(r.subList(shared, r.size()));
        } else if (promptNode.isTextual()) {
            context = promptNode.textValue();
            // UltraFeedback-binarized: a string prompt, and message lists that repeat it as a user turn.
            List<Transcript.Message> asMessages = List.of(new Transcript.Message("user", context));
            chosen = answer(chosenNode, "chosen", asMessages);
            rejected = answer(rejectedNode, "rejected", asMessages);
        } else if (promptNode.isArray()) {
            List<Transcript.Message> prompt = messages(promptNode, "prompt");
            context = Transcript.contextOf(prompt);
            chosen = answer(chosenNode, "chosen", prompt);
            rejected = answer(rejectedNode, "rejected", prompt);
        } else {
            throw new InvalidRecordException("prompt", "expected a string or a list of messages, got "
                    + JsonLinesSource.describe(promptNode));
        }
        return Swap.place(context, chosen, rejected, options.seed(), line, Fields.extras(record, CONSUMED));
    }

    /** An answer given as a string, or as messages (after the prompt's own, when they are repeated). */
    private static String answer(JsonNode node, String field, List<Transcript.Message> prompt) throws InvalidRecordException {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw new InvalidRecordException(field, "expected a string or a list of messages, got " + JsonLinesSource.describe(node));
        }
        List<Transcript.Message> m = messages(node, field);
        int skip = 0;
        if (m.size() > prompt.size() && m.subList(0, prompt.size()).equals(prompt)) {
            skip = prompt.size();
        }
        if (m.size() == skip) {
            throw new InvalidRecordException(field, "has no answer message after the prompt");
        }
        return join(m.subList(skip, m.size()));
    }

    private static String join(List<Transcript.Message> answer) {
        if (answer.size() == 1) {
            return answer.get(0).content();
        }
        // Several messages: keep their turns readable in one text.
        String ctx = Transcript.contextOf(answer);
        return ctx.substring(0, ctx.length() - Transcript.ASSISTANT.length() - 1);
    }

    static List<Transcript.Message> messages(JsonNode node, String field) throws InvalidRecordException {
        if (!node.isArray()) {
            throw new InvalidRecordException(field, "expected a list of messages, got " + JsonLinesSource.describe(node));
        }
        List<Transcript.Message> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String where = field + "[" + i + "]";
            if (!m.isObject()) {
                throw new InvalidRecordException(where, "expected a message {\"role\",\"content\"}, got " + JsonLinesSource.describe(m));
            }
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual()) {
                throw new InvalidRecordException(where + ".role", role == null ? "missing" : "expected a string");
            }
            if (content == null || !content.isTextual()) {
                throw new InvalidRecordException(where + ".content", content == null ? "missing" : "expected a string, got " + JsonLinesSource.describe(content));
            }
            out.add(new Transcript.Message(role.textValue(), content.textValue()));
        }
        return out;
    }

    @Override
    public PairWriter writer(OutputStream out) throws IOException {
        return new JsonLinesWriter(out) {
            @Override
            protected boolean canWrite(Pair pair) {
                return pair.gold().known();
            }

            @Override
            protected void fields(JsonGenerator g, Pair p) throws IOException {
                g.writeStringField("prompt", p.context());
                g.writeStringField("chosen", p.chosen());
                g.writeStringField("rejected", p.rejected());
            }
        };
    }
}
