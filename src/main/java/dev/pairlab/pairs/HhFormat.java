package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Anthropic HH-RLHF: {@code {"chosen","rejected"}}, each a whole "\n\nHuman: …\n\nAssistant: …"
 * transcript. The shared prefix up to the last assistant turn is the context; the two last
 * assistant turns are the answers.
 */
public final class HhFormat implements PairFormat {

    private static final Set<String> CONSUMED = Set.of("chosen", "rejected");

    @Override
    public String id() {
        return "hh";
    }

    @Override
    public String description() {
        return "HH-RLHF transcripts {\"chosen\",\"rejected\"}";
    }

    @Override
    public int detectionOrder() {
        return 40;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return first.path("chosen").isTextual() && first.path("rejected").isTextual() && !first.has("prompt");
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        String chosen = Fields.text(record, "chosen");
        String rejected = Fields.text(record, "rejected");
        int split = answerStart(chosen, rejected);
        String context = chosen.substring(0, split);
        return Swap.place(context, chosen.substring(split), rejected.substring(split), options.seed(), line,
                Fields.extras(record, CONSUMED));
    }

    /**
     * Where the answers begin: just after the last "\n\nAssistant:" (and one space) that lies in the
     * part both transcripts share.
     */
    static int answerStart(String chosen, String rejected) throws InvalidRecordException {
        int common = 0;
        int max = Math.min(chosen.length(), rejected.length());
        while (common < max && chosen.charAt(common) == rejected.charAt(common)) {
            common++;
        }
        int turn = chosen.lastIndexOf(Transcript.ASSISTANT, common - Transcript.ASSISTANT.length());
        if (common < Transcript.ASSISTANT.length() || turn < 0) {
            String field = chosen.contains(Transcript.ASSISTANT) ? "rejected" : "chosen";
            throw new InvalidRecordException(field, "no shared conversation ending in an '\\n\\nAssistant:' turn");
        }
        int start = turn + Transcript.ASSISTANT.length();
        if (start < common && chosen.charAt(start) == ' ') {
            start++;
        }
        return start;
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
                String context = Transcript.isTranscript(p.context())
                        ? p.context()
                        : Transcript.contextOf(Transcript.messagesOf(p.context()));
                if (!context.endsWith(" ")) {
                    context = context + " ";
                }
                g.writeStringField("chosen", context + p.chosen());
                g.writeStringField("rejected", context + p.rejected());
            }
        };
    }
}
