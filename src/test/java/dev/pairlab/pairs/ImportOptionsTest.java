package dev.pairlab.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pairlab.task.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import's parameter record: its choices, defaults and problems in the user's words. */
class ImportOptionsTest {

    @Test
    void theFormatChoicesAreTheInstalledFormats() {
        assertEquals(Formats.all().stream().map(PairFormat::id).sorted().toList(),
                Arrays.stream(ImportFormat.values()).map(ImportFormat::id).sorted().toList());
    }

    @Test
    void formatIdsParseInAnyCaseAndAnUnknownOneNamesTheKnown() throws Exception {
        assertEquals(ImportFormat.ANSWER_LABEL, ImportFormat.parse("Answer-Label"));
        assertEquals(null, ImportFormat.parse(null));
        BadInputException e = assertThrows(BadInputException.class, () -> ImportFormat.parse("nope"));
        assertEquals("unknown format 'nope' (known: " + Formats.ids() + ")", e.getMessage());
    }

    @Test
    void theDefaultsAreValidAndEveryProblemNamesItsField() {
        ImportOptions d = ImportOptions.defaults();
        assertEquals(List.of(), d.validate());
        assertEquals(123, d.seed());
        assertEquals(64, d.maxLineMb());
        List<Problem> problems = d.withColumns(Map.of("contxt", "q")).withLabelMap(Map.of("1", "x")).withMaxLineMb(0).validate();
        assertEquals(List.of(
                Problem.of("columns", "the column map names an unknown role 'contxt' (use one of [context, a, b, label, chosen, rejected])"),
                Problem.of("labelMap", "the label map entry 1=x: the value must be a, b or none"),
                Problem.of("maxLineMb", "the largest record must be between 1 and 2047 MB, not 0")), problems);
    }
}
