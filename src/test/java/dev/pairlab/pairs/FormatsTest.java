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

    /** The shape of three public evaluation sets that detection refused: input/output_1/output_2, label 1|2. */
    @Test
    void jsonArrayThroughAFieldMappingWithALabelValueMap() throws Exception {
        String content = "[\n  {\"input\": \"q1\", \"output_1\": \"first\", \"output_2\": \"second\", \"label\": 2, \"id\": 7},\n"
                + "  {\"input\": \"q2\", \"output_1\": \"x\", \"output_2\": \"y\", \"label\": 1.0},\n"
                + "  {\"input\": \"q3\", \"output_1\": \"u\", \"output_2\": \"v\", \"label\": null}\n]\n";
        ImportOptions o = ImportOptions.defaults().withColumns(mapping("context", "input", "a", "output_1", "b", "output_2", "label", "label"))
                .withLabelMap(mapping("1", "a", "2", "b"));
        Path f = dir.resolve("eval.json");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        assertEquals("json", Formats.resolve(f, o).id(), "with --col the format is json, not detected");
        List<ParsedRecord> r = read("eval.json", content, o);
        assertEquals(3, r.size());
        Pair p = r.get(0).pair();
        assertEquals("q1", p.context());
        assertEquals("first", p.answerA());
        assertEquals("second", p.answerB());
        assertEquals(Gold.B, p.gold());
        assertEquals("{\"id\":7}", p.extras());
        assertEquals(2, p.sourceRow());
        assertEquals(Gold.A, r.get(1).pair().gold(), "1.0 is the value 1");
        assertEquals(Gold.NONE, r.get(2).pair().gold());
    }

    @Test
    void gzippedJsonLinesThroughDotPathsAndChosenRejected() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("{\"meta\":{\"question\":\"q").append(i).append("\"},\"responses\":[\"good ").append(i)
                    .append("\",\"bad ").append(i).append("\"]}\n");
        }
        Path f = dir.resolve("cr.jsonl.gz");
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            gz.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        ImportOptions o = ImportOptions.defaults().withColumns(mapping("context", "meta.question", "chosen", "responses.0",
                "rejected", "responses.1"));
        List<ParsedRecord> r = readFile(f, o);
        assertEquals(100, r.size());
        int aChosen = 0;
        for (int i = 0; i < 100; i++) {
            Pair p = r.get(i).pair();
            assertEquals("q" + i, p.context());
            assertEquals("good " + i, p.chosen());
            assertEquals("bad " + i, p.rejected());
            assertEquals(Swap.swapped(123, i + 1) ? Gold.B : Gold.A, p.gold());
            aChosen += p.gold() == Gold.A ? 1 : 0;
        }
        assertTrue(aChosen > 30 && aChosen < 70, "chosen placed first " + aChosen + " of 100");
    }

    @Test
    void gzippedJsonLinesWithALabelMapOfStrings() throws Exception {
        Path f = dir.resolve("s.jsonl.gz");
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            gz.write(("{\"p\":\"q\",\"r1\":\"a\",\"r2\":\"b\",\"pref\":\"model_b\"}\n"
                    + "{\"p\":\"q\",\"r1\":\"c\",\"r2\":\"d\",\"pref\":\"model_a\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        List<ParsedRecord> r = readFile(f, ImportOptions.defaults().withColumns(mapping("context", "p", "a", "r1", "b", "r2", "label", "pref"))
                .withLabelMap(mapping("model_a", "a", "model_b", "b")));
        assertEquals(Gold.B, r.get(0).pair().gold());
        assertEquals(Gold.A, r.get(1).pair().gold());
    }

    @Test
    void fieldMappingErrorsNameFileLineFieldAndWhatTheRecordHas() throws Exception {
        String content = "{\"input\":\"q\",\"output_1\":\"x\",\"output_2\":\"y\",\"label\":1}\n"
                + "{\"input\":\"q\",\"output_1\":\"x\",\"label\":1}\n"
                + "{\"input\":\"q\",\"output_1\":\"x\",\"output_2\":\"y\",\"label\":3}\n"
                + "{\"input\":\"q\",\"output_1\":\"x\",\"output_2\":\"y\",\"label\":1.5}\n"
                + "{\"input\":\"q\",\"output_1\":[\"x\"],\"output_2\":\"y\",\"label\":2}\n";
        ImportOptions o = ImportOptions.defaults().withColumns(mapping("context", "input", "a", "output_1", "b", "output_2", "label", "label"))
                .withLabelMap(mapping("1", "a", "2", "b"));
        List<ParsedRecord> r = read("bad.jsonl", content, o);
        assertTrue(r.get(0).isOk());
        assertEquals("bad.jsonl:2: field 'output_2': missing; the record has the fields [input, output_1, label]",
                r.get(1).error().describe("bad.jsonl"));
        assertEquals("bad.jsonl:3: field 'label': value 3 is not in the label map (1=a,2=b)", r.get(2).error().describe("bad.jsonl"));
        assertEquals("bad.jsonl:4: field 'label': value 1.5 is not in the label map (1=a,2=b)", r.get(3).error().describe("bad.jsonl"));
        assertEquals("bad.jsonl:5: field 'output_1': expected a string, got an array", r.get(4).error().describe("bad.jsonl"));
        List<ParsedRecord> nested = read("n.jsonl", "{\"q\":\"q\",\"rs\":[\"x\"]}\n",
                ImportOptions.defaults().withColumns(mapping("context", "q", "a", "rs.0", "b", "rs.1")));
        assertEquals("n.jsonl:1: field 'rs.1': missing; 'rs' is a list of 1 element", nested.get(0).error().describe("n.jsonl"));
    }

    @Test
    void aFieldMappingIsRefusedWhereItWouldBeIgnored() throws Exception {
        Path f = dir.resolve("al.jsonl");
        Files.writeString(f, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":\"1\"}\n");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> Formats.resolve(f, ImportOptions.defaults().withFormat("answer-label").withColumns(mapping("context", "instruction"))));
        assertTrue(e.getMessage().contains("the column map and the label map apply to the csv and json formats, not to answer-label"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> Formats.resolve(f, ImportOptions.defaults().withLabelMap(mapping("1", "b"))));
        assertTrue(e.getMessage().contains("not to answer-label (detected)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> Formats.resolve(f, ImportOptions.defaults().withColumns(mapping("context", "instruction", "a", "answer_0")))
                        .open(f, ImportOptions.defaults().withColumns(mapping("context", "instruction", "a", "answer_0"))));
        assertTrue(e.getMessage().contains("needs the column map"), e.getMessage());
    }

    @Test
    void csvTakesTheLabelValueMapToo() throws Exception {
        List<ParsedRecord> r = read("l.csv", "prompt,response_a,response_b,winner\nq,x,y,2\nq,u,v,1\nq,s,t,\n",
                ImportOptions.defaults().withLabelMap(mapping("1", "a", "2", "b")));
        assertEquals(Gold.B, r.get(0).pair().gold());
        assertEquals(Gold.A, r.get(1).pair().gold());
        assertEquals(Gold.NONE, r.get(2).pair().gold());
    }

    private static Map<String, String> mapping(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<ParsedRecord> readFile(Path f, ImportOptions options) throws Exception {
        List<ParsedRecord> out = new ArrayList<>();
        try (PairReader r = Formats.resolve(f, options).open(f, options)) {
            ParsedRecord p;
            while ((p = r.next()) != null) {
                out.add(p);
            }
        }
        return out;
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
