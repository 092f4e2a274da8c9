package dev.pairlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.ModelFitting;
import dev.pairlab.labelmodel.Portable;
import dev.pairlab.labelmodel.SnorkelStyleModel;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local mode labels every pair as the single-machine export does. */
class WeakLabelJobTest {

    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("pairlab-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** UB 2 % with the paper's UB LFs and a code LF, split 10 % test / 10 % train / pool, a fitted model, and both files exported. */
    private Path[] project(Path input) throws Exception {
        Path file = dir.resolve("ub.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, input, ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0.1, 0.1, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            for (Map.Entry<String, LfDefinition> e : Presets.get("ub").entrySet()) {
                Lfs.save(p, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
            }
            CodeRule code = new CodeRule("int a = p.a().split(\"\\n\").length, b = p.b().split(\"\\n\").length;\n"
                    + "if (Math.abs(a - b) < 3) return ABSTAIN;\nreturn b > a ? B : A;\n");
            Lfs.save(p, "more_lines", code.kind(), code.toJson().toString());
            ModelFitting.fit(p, FitParams.paper(dev.pairlab.labelmodel.LabelModelType.SNORKEL), ProgressListener.NONE, Cancellation.none());
            WeakExport.Labeler labeler = WeakExport.fromProject(p, 0);
            Path lfs = dir.resolve("lfs.json");
            Path model = dir.resolve("model.json");
            Files.writeString(lfs, Portable.lfsJson(labeler.lfs(), file.toString()).toString());
            Files.writeString(model, Portable.modelJson(labeler, file.toString()).toString());
            return new Path[] {file, lfs, model};
        }
    }

    private static List<String> parts(Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path part : s.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        return lines;
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> c = new java.util.HashMap<>();
        for (String l : lines) {
            c.merge(l, 1, Integer::sum);
        }
        return c;
    }

    @Test
    void theJobsLabelsEqualTheExportsForEveryPoolPair() throws Exception {
        Path input = TestData.ub2();
        Path[] f = project(input);
        Path exported = dir.resolve("weak.jsonl");
        WeakExport.Report r;
        try (Project p = Project.open(f[0], Project.Access.READ_ONLY)) {
            r = WeakExport.run(p, WeakExport.fromProject(p, 0), new WeakExport.Params(WeakExport.Format.TRL, 0, 7, EnumSet.of(Split.TRAIN), TiePolicy.RANDOM),
                    dev.pairlab.pairs.OutputFile.of(exported, false), ProgressListener.NONE, Cancellation.none());
        }
        assertEquals(784, r.weak());
        Path out = dir.resolve("job-out");
        WeakLabelJob.Summary s = WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input", input.toString(),
            "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", out.toString(), "--seed", "7", "--partitions", "3",
            "--chunk", "100"}));
        assertEquals(968, s.pairs());
        assertEquals(968, s.labeled());
        assertTrue(s.partitions() >= 3, "partitions " + s.partitions());
        List<String> job = parts(out);
        assertEquals(968, job.size());
        Set<String> jobLines = new HashSet<>(job);
        int weak = 0;
        for (String line : Files.readAllLines(exported)) {
            if (Json.MAPPER.readTree(line).path("weak").asBoolean()) {
                weak++;
                assertTrue(jobLines.contains(line), "the job wrote the export's weak record as it is: " + line.substring(0, Math.min(200, line.length())));
            }
        }
        assertEquals(784, weak);
        JsonNode manifest = Json.MAPPER.readTree(out.resolve("_pairlab_manifest.json").toFile());
        assertEquals(968, manifest.path("counts").path("written").asInt());
        assertEquals(7, manifest.path("lfs").size());
        assertEquals("answer-label", manifest.path("record_format").asText());

        // The same pairs as Parquet (written by Spark from the JSON lines) give the same records.
        Path parquet = dir.resolve("ub.parquet");
        spark.read().json(input.toString()).coalesce(1).write().parquet(parquet.toString());
        Path outParquet = dir.resolve("job-parquet");
        WeakLabelJob.Summary sp = WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input", parquet.toString(),
            "--input-format", "parquet", "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", outParquet.toString(), "--seed", "7"}));
        assertEquals(968, sp.pairs());
        assertEquals(new java.util.TreeMap<>(counts(job)), new java.util.TreeMap<>(counts(parts(outParquet))));

        // A threshold keeps fewer; the counts add up.
        Path out2 = dir.resolve("job-confident");
        WeakLabelJob.Summary c = WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input", input.toString(),
            "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", out2.toString(), "--seed", "7", "--threshold", "0.8"}));
        assertEquals(968, c.labeled() + c.belowThreshold());
        assertTrue(c.labeled() < 968 && c.labeled() > 0, "kept " + c.labeled());
        assertEquals(c.labeled(), parts(out2).size());
    }

    @Test
    void badRecordsAreCountedAndAModelForOtherLfsIsRefused() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestData.ub2()).stream().filter(l -> !l.isBlank()).limit(60).toList());
        lines.add(10, "{not json");
        lines.add(20, "{\"conversation\":\"x\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":7}");
        Path input = dir.resolve("small.jsonl");
        Files.write(input, lines);
        Path[] f = project(TestData.ub2());
        WeakLabelJob.Summary s = WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input", input.toString(),
            "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", dir.resolve("o").toString()}));
        assertEquals(62, s.records());
        assertEquals(60, s.pairs());
        assertEquals(2, s.invalid());
        assertTrue(s.firstError().matches(".*small.jsonl:(11|21): .*"), s.firstError());

        // Records numbered across partitions: a bad record in the last of four partitions is named by its line in the file.
        List<String> late = new ArrayList<>(lines);
        late.remove(20);
        late.remove(10);
        late.add(57, "{not json either");
        Path lateInput = dir.resolve("late.jsonl");
        Files.write(lateInput, late);
        WeakLabelJob.Summary l = WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input", lateInput.toString(),
            "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", dir.resolve("late").toString(), "--partitions", "4"}));
        assertEquals(61, l.records());
        assertEquals(1, l.invalid());
        assertTrue(l.firstError().matches(".*late.jsonl:58: .*"), l.firstError());

        // LFs changed after the model was fitted: refused on the driver, nothing written.
        JsonNode lfs = Json.MAPPER.readTree(f[1].toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) lfs.path("lfs")).remove(0);
        Files.writeString(f[1], lfs.toString());
        LfException e = assertThrows(LfException.class, () -> WeakLabelJob.run(spark, WeakLabelJob.Args.parse(new String[] {"--input",
            input.toString(), "--lfs", f[1].toString(), "--model", f[2].toString(), "--out", dir.resolve("o2").toString()})));
        assertTrue(e.getMessage().contains("was fitted on the LFs"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("o2")));
    }
}
