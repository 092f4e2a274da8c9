package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pairlab.TestData;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Import real data, export it in each format, import the export: the same pairs come back. */
class RoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({
        "dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl, answer-label, jsonl",
        "dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl, csv, csv",
        "dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl, trl, jsonl",
        "dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl, hh, jsonl",
        "dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl, mt-bench, jsonl",
        "dfki-weak-supervision-rlhf/HH-RLHF-baseline-train-set-1%.jsonl, hh, jsonl.gz",
        "dfki-weak-supervision-rlhf/HH-RLHF-baseline-train-set-1%.jsonl, trl, jsonl",
        "dfki-weak-supervision-rlhf/HH-RLHF-baseline-train-set-1%.jsonl, csv, csv.gz",
        "dfki-weak-supervision-rlhf/UB-baseline-train-set-2%.jsonl, answer-label, jsonl",
        "dfki-weak-supervision-rlhf/UB-baseline-train-set-2%.jsonl, trl, jsonl",
        "dfki-weak-supervision-rlhf/UB-baseline-train-set-2%.jsonl, csv, csv",
    })
    void exportThenImportGivesTheSamePairs(String source, String format, String ext) throws Exception {
        List<Pair> original;
        Path exported = dir.resolve("out." + ext);
        try (Project p = Project.create(dir.resolve("a.pairlab"))) {
            ProjectFixture.importFile(p, TestData.file(source), ImportOptions.defaults());
            original = ProjectFixture.all(p);
            PairExport.Report r = PairExport.run(p, Formats.byId(format), dev.pairlab.pairs.OutputFile.of(exported, false), Pairs.allSplits(), false,
                    ProgressListener.NONE, Cancellation.none());
            assertEquals(original.size(), r.written());
            assertEquals(0, r.skipped());
        }
        List<Pair> back;
        try (Project p = Project.create(dir.resolve("b.pairlab"))) {
            // No --format: detection must recognise what the exporter wrote.
            ImportReportAssert.format(ProjectFixture.importFile(p, exported, ImportOptions.defaults()), format);
            back = ProjectFixture.all(p);
        }
        assertEquals(original.size(), back.size());
        for (int i = 0; i < original.size(); i++) {
            Pair a = original.get(i);
            Pair b = back.get(i);
            String where = source + " row " + (i + 1);
            assertEquals(normalise(a.context()), normalise(b.context()), where);
            assertEquals(a.chosen(), b.chosen(), where);
            assertEquals(a.rejected(), b.rejected(), where);
            if (format.equals("answer-label") || format.equals("csv") || format.equals("mt-bench")) {
                // Formats that keep A/B order keep it exactly.
                assertEquals(a.gold(), b.gold(), where);
                assertEquals(a.answerA(), b.answerA(), where);
            }
        }
    }

    /** Transcript contexts end in "Assistant: " or "Assistant:"; formats that rebuild them use the first. */
    private static String normalise(String context) {
        return context.endsWith("Assistant:") ? context + " " : context;
    }

    static final class ImportReportAssert {
        static void format(ImportReport r, String expected) {
            assertEquals(expected, r.format(), "detected format");
        }
    }
}
