package dev.pairlab.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format's parsing on hand-made records, and detection. */
class FormatsTest {

    @TempDir
    Path dir;

    private List<ParsedRecord> read(String name, String content, ImportOptions options) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        PairFormat format = Formats.resolve(f, options);
        List<ParsedRecord> out = new ArrayList<>();
        try (PairReader r = format.open(f, options)) {
            ParsedRecord p;
            while ((p = r.next()) != null) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void trlConversationalWithRepeatedPromptMessagesAsUltraFeedbackBinarizedHasIt() throws Exception {
        String rec = "{\"prompt\":\"How do I boil an egg?\",\"prompt_id\":\"abc\","
                + "\"chosen\":[{\"role\":\"user\",\"content\":\"How do I boil an egg?\"},{\"role\":\"assistant\",\"content\":\"Put it in boiling water for 8 minutes.\"}],"
                + "\"rejected\":[{\"role\":\"user\",\"content\":\"How do I boil an egg?\"},{\"role\":\"assistant\",\"content\":\"Eggs are round.\"}],"
                + "\"score_chosen\":8.5,\"score_rejected\":3.0}\n";
        List<ParsedRecord> r = read("ufb.jsonl", rec, ImportOptions.defaults());
        assertEquals("trl", Formats.detect(dir.resolve("ufb.jsonl")).id());
        Pair p = r.get(0).pair();
        assertEquals("How do I boil an egg?", p.context());
        assertEquals("Put it in boiling water for 8 minutes.", p.chosen());
        assertEquals("Eggs are round.", p.rejected());
        JsonNode extras = Json.MAPPER.readTree(p.extras());
        assertEquals(8.5, extras.get("score_chosen").asDouble());
        assertEquals(3.0, extras.get("score_rejected").asDouble());
        assertEquals("abc", extras.get("prompt_id").asText());
    }

    @Test
    void trlPromptAsMessagesBecomesATranscriptContext() throws Exception {
        String rec = "{\"prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Hello!\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"Go away.\"}]}\n";
        Pair p = read("conv.jsonl", rec, ImportOptions.defaults()).get(0).pair();
        assertEquals("\n\nSystem: Be brief.\n\nHuman: Hi\n\nAssistant: ", p.context());
        assertEquals("Hello!", p.chosen());
        assertEquals(List.of(new Transcript.Message("system", "Be brief."), new Transcript.Message("user", "Hi")),
                Transcript.messagesOf(p.context()));
    }

    @Test
    void trlImplicitPromptIsTheSharedMessages() throws Exception {
        String rec = "{\"chosen\":[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}],"
                + "\"rejected\":[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"5\"}]}\n";
        Pair p = read("implicit.jsonl", rec, ImportOptions.defaults()).get(0).pair();
        assertEquals("\n\nHuman: 2+2?\n\nAssistant: ", p.context());
        assertEquals("4", p.chosen());
        assertEquals("5", p.rejected());
    }

    @Test
    void mtBenchHumanJudgmentsDropTiesAndUseTheJudgedTurn() throws Exception {
        String conv = "\"conversation_a\":[{\"role\":\"user\",\"content\":\"Q1\"},{\"role\":\"assistant\",\"content\":\"A1\"},"
                + "{\"role\":\"user\",\"content\":\"Q2\"},{\"role\":\"assistant\",\"content\":\"A2\"}],"
                + "\"conversation_b\":[{\"role\":\"user\",\"content\":\"Q1\"},{\"role\":\"assistant\",\"content\":\"B1\"},"
                + "{\"role\":\"user\",\"content\":\"Q2\"},{\"role\":\"assistant\",\"content\":\"B2\"}]";
        String content = "{\"question_id\":81,\"model_a\":\"gpt-4\",\"model_b\":\"vicuna\",\"winner\":\"model_b\",\"judge\":\"expert_1\"," + conv + ",\"turn\":1}\n"
                + "{\"question_id\":81,\"model_a\":\"gpt-4\",\"model_b\":\"vicuna\",\"winner\":\"tie\",\"judge\":\"expert_2\"," + conv + ",\"turn\":1}\n"
                + "{\"question_id\":81,\"model_a\":\"gpt-4\",\"model_b\":\"vicuna\",\"winner\":\"model_a\",\"judge\":\"expert_1\"," + conv + ",\"turn\":2}\n"
                + "{\"question_id\":81,\"model_a\":\"gpt-4\",\"model_b\":\"vicuna\",\"winner\":\"tie (bothbad)\",\"judge\":\"expert_3\"," + conv + ",\"turn\":2}\n";
        List<ParsedRecord> r = read("mtj.jsonl", content, ImportOptions.defaults());
        assertEquals("mt-bench", Formats.detect(dir.resolve("mtj.jsonl")).id());
        assertEquals(4, r.size());
        Pair t1 = r.get(0).pair();
        assertEquals("\n\nHuman: Q1\n\nAssistant: ", t1.context());
        assertEquals("A1", t1.answerA());
        assertEquals("B1", t1.answerB());
        assertEquals(Gold.B, t1.gold());
        assertEquals("tie", r.get(1).dropReason());
        assertNull(r.get(1).pair());
        Pair t2 = r.get(2).pair();
        assertEquals("\n\nHuman: Q1\n\nAssistant: A1\n\nHuman: Q2\n\nAssistant: ", t2.context());
        assertEquals("A2", t2.answerA());
        assertEquals("B2", t2.answerB());
        assertEquals(Gold.A, t2.gold());
        JsonNode extras = Json.MAPPER.readTree(t2.extras());
        assertEquals("gpt-4", extras.get("model_a").asText());
        assertEquals(2, extras.get("turn").asInt());
        assertTrue(extras.get("model_b_earlier_answers").asText().contains("B1"));
        assertEquals("tie", r.get(3).dropReason());
    }

    @Test
    void pandaLmTakesTheAnnotatorsMajorityAndDropsTies() throws Exception {
        String content = "[\n"
                + "{\"idx\":0,\"cmp_key\":\"x_y\",\"instruction\":\"Rewrite it.\",\"input\":\"Some text.\",\"response1\":\"R1\","
                + "\"response2\":\"R2\",\"annotator1\":2,\"annotator2\":2,\"annotator3\":1},\n"
                + "{\"idx\":1,\"instruction\":\"Say yes.\",\"input\":\"\",\"response1\":true,\"response2\":\"No\","
                + "\"annotator1\":1,\"annotator2\":0,\"annotator3\":1},\n"
                + "{\"idx\":2,\"instruction\":\"Q\",\"input\":\"\",\"response1\":\"a\",\"response2\":\"b\","
                + "\"annotator1\":1,\"annotator2\":2,\"annotator3\":0},\n"
                + "{\"idx\":3,\"instruction\":\"Q\",\"input\":\"\",\"response1\":\"a\",\"response2\":\"b\","
                + "\"annotator1\":0,\"annotator2\":0,\"annotator3\":1},\n"
                + "{\"idx\":4,\"instruction\":\"Q\",\"input\":\"\",\"response1\":\"a\",\"response2\":\"b\","
                + "\"annotator1\":3,\"annotator2\":1,\"annotator3\":1}\n]\n";
        List<ParsedRecord> r = read("panda.json", content, ImportOptions.defaults());
        assertEquals("pandalm", Formats.detect(dir.resolve("panda.json")).id());
        assertEquals(5, r.size());
        Pair first = r.get(0).pair();
        assertEquals("Rewrite it.\n\nSome text.", first.context());
        assertEquals("R1", first.answerA());
        assertEquals(Gold.B, first.gold());
        assertEquals("x_y", Json.MAPPER.readTree(first.extras()).get("cmp_key").asText());
        Pair second = r.get(1).pair();
        assertEquals("Say yes.", second.context());
        assertEquals("true", second.answerA());
        assertEquals(Gold.A, second.gold());
        assertNull(r.get(2).pair());
        assertTrue(r.get(2).dropReason().contains("tie"));
        assertNull(r.get(3).pair());
        assertTrue(r.get(4).error().toString().contains("annotator1"), r.get(4).error().toString());
    }

    @Test
    void csvWithMappedChosenRejectedColumnsIsSwappedBySeed() throws Exception {
        StringBuilder sb = new StringBuilder("question,good,bad,note\n");
        for (int i = 0; i < 200; i++) {
            sb.append("\"q, ").append(i).append("\",\"good ").append(i).append("\",\"bad\"\"").append(i).append("\",n\n");
        }
        ImportOptions o = new ImportOptions(null, 123, false, null, Map.of("context", "question", "chosen", "good", "rejected", "bad"));
        List<ParsedRecord> r = read("cr.csv", sb.toString(), o);
        assertEquals(200, r.size());
        int aChosen = 0;
        for (int i = 0; i < 200; i++) {
            Pair p = r.get(i).pair();
            assertEquals("q, " + i, p.context());
            assertEquals("good " + i, p.chosen());
            assertEquals("bad\"" + i, p.rejected());
            assertEquals(i + 2, p.sourceRow());
            assertEquals("{\"note\":\"n\"}", p.extras());
            if (p.gold() == Gold.A) {
                aChosen++;
            }
        }
        assertTrue(aChosen > 70 && aChosen < 130, "chosen placed first " + aChosen + " of 200");
    }

    @Test
    void tsvWithMultilineQuotedFieldsAndUsualColumnNames() throws Exception {
        String content = "prompt\tresponse_a\tresponse_b\tlabel\r\n\"line one\r\nline two\"\tA text\tB text\tB\r\nsecond\tx\ty\t\r\n";
        List<ParsedRecord> r = read("t.tsv", content, ImportOptions.defaults());
        assertEquals(2, r.size());
        Pair p = r.get(0).pair();
        assertEquals("line one\r\nline two", p.context());
        assertEquals(Gold.B, p.gold());
        assertEquals(2, p.sourceRow());
        assertEquals(4, r.get(1).line());
        assertEquals(Gold.NONE, r.get(1).pair().gold());
    }

    @Test
    void jsonArrayFilesAreReadAsRecords() throws Exception {
        String content = "[\n  {\"instruction\": \"q1\", \"answer_0\": \"a\", \"answer_1\": \"b\", \"label\": \"1\"},\n"
                + "  {\"instruction\": \"q2\", \"answer_0\": \"c\", \"answer_1\": \"d\", \"label\": 0}\n]\n";
        List<ParsedRecord> r = read("arr.json", content, ImportOptions.defaults());
        assertEquals(2, r.size());
        assertEquals(Gold.B, r.get(0).pair().gold());
        assertEquals(2, r.get(0).line());
        assertEquals(3, r.get(1).line());
        assertEquals("q2", r.get(1).pair().context());
    }

    @Test
    void swapIsDeterministicPerLineAndBalanced() {
        int swapped = 0;
        for (int line = 1; line <= 10_000; line++) {
            boolean s = Swap.swapped(123, line);
            assertEquals(s, Swap.swapped(123, line));
            if (s) {
                swapped++;
            }
        }
        assertTrue(swapped > 4800 && swapped < 5200, "swapped " + swapped + " of 10000");
    }

    @Test
    void transcriptsSplitAndRebuild() {
        String ctx = "\n\nHuman: a\n\nAssistant: b\n\nHuman: c\n\nAssistant: ";
        List<Transcript.Message> m = Transcript.messagesOf(ctx);
        assertEquals(List.of(new Transcript.Message("user", "a"), new Transcript.Message("assistant", "b"),
                new Transcript.Message("user", "c")), m);
        assertEquals(ctx, Transcript.contextOf(m));
        assertTrue(Transcript.isTranscript(ctx));
        assertEquals(List.of(new Transcript.Message("user", "plain prompt")), Transcript.messagesOf("plain prompt"));
    }
}
