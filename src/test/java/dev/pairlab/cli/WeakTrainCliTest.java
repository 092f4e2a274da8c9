package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rm train --data gold+weak trains on the pairs export weak writes, and says which label-model run it used. */
class WeakTrainCliTest {

    @TempDir
    Path dir;

    @Test
    void trainingOnWeakLabelsUsesTheExportsPairsAndNamesItsRun() throws Exception {
        String p = dir.resolve("ub.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.ub2().toString(), "-q").code());
        assertEquals(0, CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.1", "--seed", "123", "-q").code());
        assertEquals(0, CliTest.run("lf", "preset", p, "ub").code());
        assertEquals(0, CliTest.run("model", "fit", p, "-q").code());
        assertEquals(0, CliTest.run("model", "fit", p, "--type", "majority", "-q").code()); // run 2, the latest
        JsonNode export = CliTest.run("export", "weak", p, "--model", "1", "--out", dir.resolve("w.jsonl").toString(), "--json", "-q").json();
        int weak = export.get("weak").asInt();
        assertTrue(export.get("weak_coin_flips").asInt() > 0, "the case the counts disagreed on: coin-flip ties " + export);
        CliTest.Run train = CliTest.run("rm", "train", p, "--data", "gold+weak", "--model", "1", "--epochs", "1", "--json", "-q");
        assertEquals(0, train.code(), train.err());
        JsonNode t = train.json();
        assertEquals(weak, t.get("weak_pairs").asInt(), "the pairs export weak wrote");
        assertEquals(1, t.get("label_model_run").asLong());
        assertEquals(export.get("gold").asInt() + weak, t.get("train_pairs").asInt());
        JsonNode config = CliTest.run("rm", "list", p, "--json").json();
        assertTrue(config.toString().contains("\"labelModelRun\":1"), "the run's record names the label-model run: " + config);
        CliTest.Run latest = CliTest.run("rm", "train", p, "--data", "gold+weak", "--epochs", "1", "--json", "-q");
        assertEquals(2, latest.json().get("label_model_run").asLong(), "without --model: the latest run, named");
        assertEquals(1, CliTest.run("rm", "train", p, "--data", "gold", "--model", "1", "-q").code());
    }
}
