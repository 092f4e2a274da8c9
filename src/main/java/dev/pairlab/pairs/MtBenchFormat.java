package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * lmsys/mt_bench_human_judgments: {@code {"question_id","model_a","model_b","winner","judge",
 * "conversation_a","conversation_b","turn"}}. The pair compares the two models' answers at the
 * judged turn; the context is the conversation before it (turn 2 shows model A's first answer; model
 * B's is kept in the extras). Ties are dropped, as the method does.
 */
public final class MtBenchFormat implements PairFormat {

    private static final Set<String> CONSUMED = Set.of("conversation_a", "conversation_b", "winner", "turn");

    @Override
    public String id() {
        return "mt-bench";
    }

    @Override
    public String description() {
        return "MT-Bench human judgments {\"conversation_a\",\"conversation_b\",\"winner\",\"turn\"}";
    }

    @Override
    public int detectionOrder() {
        return 10;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return first.has("conversation_a") && first.has("conversation_b") && first.has("winner");
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        String winner = Fields.text(record, "winner");
        Gold gold = switch (winner) {
            case "model_a" -> Gold.A;
            case "model_b" -> Gold.B;
            default -> {
                if (winner.startsWith("tie")) {
                    yield null;
                }
                throw new InvalidRecordException("winner", "expected model_a, model_b or tie, got \"" + Fields.abbreviate(winner) + "\"");
            }
        };
        JsonNode turnNode = record.path("turn");
        // The cap only keeps 2 * turn within an int; a conversation that long fails below as too short.
        int turn = turnNode.isMissingNode() || turnNode.isNull() ? 1
                : (int) Fields.integer(turnNode, "turn", 1, 1 << 20, "expected a turn number 1, 2, …");
        List<Transcript.Message> convA = TrlFormat.messages(Fields.required(record, "conversation_a"), "conversation_a");
        List<Transcript.Message> convB = TrlFormat.messages(Fields.required(record, "conversation_b"), "conversation_b");
        int answerIndex = 2 * turn - 1;
        if (convA.size() <= answerIndex) {
            throw new InvalidRecordException("conversation_a", "has " + convA.size() + " messages, too few for turn " + turn);
        }
        if (convB.size() <= answerIndex) {
            throw new InvalidRecordException("conversation_b", "has " + convB.size() + " messages, too few for turn " + turn);
        }
        if (gold == null) {
            return null;
        }
        ObjectNode extras = Fields.parseExtras(Fields.extras(record, CONSUMED));
        extras.put("turn", turn);
        if (turn > 1) {
            extras.put("model_b_earlier_answers", Transcript.contextOf(convB.subList(0, answerIndex)));
        }
        String context = Transcript.contextOf(convA.subList(0, answerIndex));
        return Pair.parsed(context, convA.get(answerIndex).content(), convB.get(answerIndex).content(), gold, line,
                extras.toString());
    }

    @Override
    public String dropReason(JsonNode record) {
        return "tie";
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
                ObjectNode extras = Fields.parseExtras(p.extras());
                for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) extras::fields) {
                    if (!e.getKey().equals("turn") && !e.getKey().equals("model_b_earlier_answers")) {
                        g.writeObjectField(e.getKey(), e.getValue());
                    }
                }
                List<Transcript.Message> before = Transcript.messagesOf(p.context());
                long turns = before.stream().filter(m -> m.role().equals("user")).count();
                g.writeStringField("winner", p.gold() == Gold.A ? "model_a" : "model_b");
                writeConversation(g, "conversation_a", before, p.answerA());
                writeConversation(g, "conversation_b", before, p.answerB());
                g.writeNumberField("turn", Math.max(1, turns));
            }
        };
    }

    private static void writeConversation(JsonGenerator g, String field, List<Transcript.Message> before, String answer)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (Transcript.Message m : before) {
            g.writeStartObject();
            g.writeStringField("content", m.content());
            g.writeStringField("role", m.role());
            g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("content", answer);
        g.writeStringField("role", "assistant");
        g.writeEndObject();
        g.writeEndArray();
    }
}
