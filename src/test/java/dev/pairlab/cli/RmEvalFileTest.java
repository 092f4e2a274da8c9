package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reward model trained on one data set, scored on others without importing them. */
class RmEvalFileTest {

    @TempDir
    Path dir;

    @Test
    void aRewardModelIsScoredOnAnotherDataSetWithItsLengthBaselines() throws Exception {
        String p = dir.resolve("mt.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        assertEquals(0, CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.5", "--seed", "1", "-q").code());
        CliTest.Run train = CliTest.run("rm", "train", p, "--kind", "features", "--data", "gold", "--epochs", "2", "-q");
        assertEquals(0, train.code(), train.err());
        long pairsBefore = CliTest.run("info", p, "--json").json().get("pairs").asLong();

        CliTest.Run ub = CliTest.run("rm", "eval", p, "--file", TestData.ub2().toString(), "--json");
        assertEquals(0, ub.code(), ub.err());
        JsonNode j = ub.json();
        assertEquals(968, j.get("pairs").asInt());
        assertEquals("UB-baseline-train-set-2%.jsonl", j.get("file").asText());
        double acc = j.get("accuracy").asDouble();
        assertTrue(j.get("accuracy_interval").get(0).asDouble() < acc && acc < j.get("accuracy_interval").get(1).asDouble());
        JsonNode len = j.get("by_length");
        assertTrue(len.has("length_balanced_accuracy") && len.has("longer_wins_baseline"), len.toString());
        // UB 2 %: of the 968 pairs, those of unequal length whose preferred answer is the longer one.
        assertEquals(len.get("longer_preferred_pairs").asDouble() / (len.get("longer_preferred_pairs").asInt()
                + len.get("shorter_preferred_pairs").asInt()), len.get("longer_wins_baseline").asDouble(), 1e-12);
        assertEquals(pairsBefore, CliTest.run("info", p, "--json").json().get("pairs").asLong(), "nothing was imported");

        // An evaluation set of another schema, through a field mapping and a label value map.
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.mtBenchEval())) {
            JsonNode n = dev.pairlab.pairs.Json.MAPPER.readTree(line);
            lines.add(dev.pairlab.pairs.Json.MAPPER.createObjectNode().put("input", n.get("conversation").toString())
                    .put("output_1", n.get("answer_0").asText()).put("output_2", n.get("answer_1").asText())
                    .put("label", n.get("label").asText().equals("0") ? 1 : 2).toString());
        }
        Path other = dir.resolve("other.jsonl");
        Files.write(other, lines);
        CliTest.Run mapped = CliTest.run("rm", "eval", p, "--file", other.toString(), "--col", "context=input", "--col", "a=output_1",
                "--col", "b=output_2", "--col", "label=label", "--label-map", "1=a,2=b", "--json");
        assertEquals(0, mapped.code(), mapped.err());
        assertEquals(386, mapped.json().get("pairs").asInt());
        CliTest.Run same = CliTest.run("rm", "eval", p, "--file", TestData.mtBenchEval().toString(), "--json");
        assertEquals(same.json().get("accuracy").asDouble(), mapped.json().get("accuracy").asDouble(), 1e-12,
                "the same pairs through a mapping score the same");
        CliTest.Run wrong = CliTest.run("rm", "eval", p, "--file", other.toString(), "--col", "context=input", "--col", "a=output_1",
                "--col", "b=output_3", "--col", "label=label", "--label-map", "1=a,2=b");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("output_3") && wrong.err().contains("other.jsonl:1"), wrong.err());
    }
}
