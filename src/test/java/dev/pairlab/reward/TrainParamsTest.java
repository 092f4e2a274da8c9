package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.task.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rm train's parameters: defaults, checks in the user's words, the saved config unchanged by the enums. */
class TrainParamsTest {

    private static List<String> fields(TrainParams p) {
        return p.validate().stream().map(Problem::field).toList();
    }

    @Test
    void theDefaultsAreTheTextFeatureModelOnGoldLabels() {
        assertEquals(List.of(), TrainParams.defaults().validate());
        assertEquals(RewardConfig.features(), TrainParams.defaults().config());
        TrainParams t = TrainParams.of(RewardConfig.Kind.TRANSFORMER, "minilm", RewardConfig.Data.GOLD);
        assertEquals(RewardConfig.transformer("minilm"), t.config());
    }

    @Test
    void eachProblemNamesItsFieldAndNoCommandLineFlag() {
        TrainParams d = TrainParams.defaults();
        var bad = new TrainParams(RewardConfig.Kind.FROZEN, " ", RewardConfig.Data.GOLD, 2, 1.5, 0, 0, 0, -1.0, -1, 3, null, -1, -1, -1,
                "tpu", RewardConfig.Length.NONE, 0.5);
        assertEquals(List.of("base", "", "threshold", "epochs", "batch", "gradAccum", "maxLength", "warmup", "evalEvery", "checkpointEvery",
                "patience", "lr", "device", "lengthDecorrelation"), fields(bad));
        for (Problem p : bad.validate()) {
            assertFalse(p.message().contains("--"), p.message());
        }
        assertEquals("the weak labels' confidence threshold must be between 0 and 1, got 1.5",
                bad.validate().stream().filter(p -> p.field().equals("threshold")).findFirst().orElseThrow().message());
        assertEquals(List.of(), fields(d.withLengthTerm(RewardConfig.Length.LEARNED)));
        assertThrows(dev.pairlab.task.InvalidParametersException.class, bad::requireValid);
    }

    @Test
    void theSavedConfigKeepsTheWordsUsersType() throws Exception {
        RewardConfig c = TrainParams.of(RewardConfig.Kind.FEATURES, null, RewardConfig.Data.GOLD_WEAK)
                .withLengthTerm(RewardConfig.Length.LEARNED).config();
        JsonNode j = c.toJson();
        assertEquals("features", j.get("kind").asText());
        assertEquals("gold+weak", j.get("data").asText());
        assertEquals("learned", j.get("lengthTerm").asText());
        assertEquals(c, RewardConfig.fromJson(j));
        // A run saved before there was a length term reads as none.
        ((com.fasterxml.jackson.databind.node.ObjectNode) j).remove("lengthTerm");
        assertEquals(RewardConfig.Length.NONE, RewardConfig.fromJson(j).lengthTerm());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RewardConfig.Kind.parse("bogus")).getMessage()
                .contains("features, transformer or frozen"));
    }
}
