package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/**
 * PandaLM's human-annotated test set: {@code {"instruction","input","response1","response2",
 * "annotator1","annotator2","annotator3"}}, each annotator saying 1 (response 1 is better), 2
 * (response 2) or 0 (tie). The gold label is the majority of the three; pairs without a majority for
 * one response (a tie majority, or 1/2/0 split) are dropped, as ties are. The context is the
 * instruction, then the input when there is one.
 */
public final class PandaLmFormat implements PairFormat {

    private static final Set<String> CONSUMED = Set.of("instruction", "input", "response1", "response2", "annotator1", "annotator2", "annotator3");

    @Override
    public String id() {
        return "pandalm";
    }

    @Override
    public String description() {
        return "PandaLM test set {\"instruction\",\"input\",\"response1\",\"response2\",\"annotator1..3\"}";
    }

    @Override
    public int detectionOrder() {
        return 15;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return first.has("instruction") && first.has("response1") && first.has("response2") && first.has("annotator1");
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        String instruction = Fields.text(record, "instruction");
        String input = record.path("input").isTextual() ? record.path("input").asText() : "";
        String a = response(record, "response1");
        String b = response(record, "response2");
        int[] votes = new int[3];
        for (int k = 1; k <= 3; k++) {
            JsonNode v = record.path("annotator" + k);
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            votes[(int) Fields.integer(v, "annotator" + k, 0, 2, "expected 0 (tie), 1 or 2")]++;
        }
        Gold gold = votes[1] >= 2 ? Gold.A : votes[2] >= 2 ? Gold.B : null;
        if (gold == null) {
            return null;
        }
        String context = input.isBlank() ? instruction : instruction + "\n\n" + input;
        ObjectNode extras = Fields.parseExtras(Fields.extras(record, CONSUMED));
        extras.put("annotators", votes[1] + " for response1, " + votes[2] + " for response2, " + votes[0] + " tie");
        return Pair.parsed(context, a, b, gold, line, extras.toString());
    }

    /** A response; a few in the published file are JSON booleans or numbers (an answer "true"), read as their text. */
    private static String response(JsonNode record, String field) throws InvalidRecordException {
        JsonNode v = record.path(field);
        if (v.isBoolean() || v.isNumber()) {
            return v.asText();
        }
        return Fields.text(record, field);
    }

    @Override
    public String dropReason(JsonNode record) {
        return "no majority for one response (tie)";
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
                    if (!e.getKey().equals("annotators")) {
                        g.writeObjectField(e.getKey(), e.getValue());
                    }
                }
                g.writeStringField("instruction", p.context());
                g.writeStringField("input", "");
                g.writeStringField("response1", p.answerA());
                g.writeStringField("response2", p.answerB());
                int label = p.gold() == Gold.A ? 1 : 2;
                g.writeNumberField("annotator1", label);
                g.writeNumberField("annotator2", label);
                g.writeNumberField("annotator3", label);
            }
        };
    }
}
