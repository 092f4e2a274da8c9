package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * The reference code's format (DFKI weak-supervision-rlhf): {@code {"answer_0","answer_1","label"}}
 * with the context in "conversation" (a transcript) or "instruction" (a prompt). The label is the
 * index of the preferred answer, as a number or a string; null or missing means unlabeled.
 */
public final class AnswerLabelFormat implements PairFormat {

    static final String[] CONTEXT_FIELDS = {"conversation", "instruction", "prompt", "context"};

    @Override
    public String id() {
        return "answer-label";
    }

    @Override
    public String description() {
        return "reference format {\"conversation\"|\"instruction\",\"answer_0\",\"answer_1\",\"label\"}";
    }

    @Override
    public int detectionOrder() {
        return 20;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return first.has("answer_0") && first.has("answer_1");
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        String contextField = Fields.firstPresent(record, CONTEXT_FIELDS);
        if (contextField == null) {
            throw new InvalidRecordException("conversation", "missing (also looked for instruction, prompt, context)");
        }
        String context = Fields.text(record, contextField);
        String a = Fields.text(record, "answer_0");
        String b = Fields.text(record, "answer_1");
        Gold gold = Fields.label(record, "label");
        return Pair.parsed(context, a, b, gold, line,
                Fields.extras(record, Set.of(contextField, "answer_0", "answer_1", "label")));
    }

    @Override
    public PairWriter writer(OutputStream out) throws IOException {
        return new JsonLinesWriter(out) {
            @Override
            protected boolean canWrite(Pair pair) {
                return true;
            }

            @Override
            protected void fields(JsonGenerator g, Pair p) throws IOException {
                g.writeStringField(Transcript.isTranscript(p.context()) ? "conversation" : "instruction", p.context());
                g.writeStringField("answer_0", p.answerA());
                g.writeStringField("answer_1", p.answerB());
                if (p.gold().known()) {
                    g.writeNumberField("label", p.gold().code());
                } else {
                    g.writeNullField("label");
                }
            }
        };
    }
}
