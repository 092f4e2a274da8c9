package dev.pairlab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.labelmodel.ChunkLabeler;
import dev.pairlab.labelmodel.Portable;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.InvalidRecordException;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.Split;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Weak-labels a large pool of pairs on Spark with the app's own classes: reads JSON lines (or Parquet
 * with the same fields) in a format the importer knows, parses each record as an import would (same
 * line numbers, so the same A/B placement for chosen/rejected formats, and the same pair ids: the
 * n-th valid record is pair n), computes features and LF votes per partition (code LFs compiled once
 * per executor; a task's chunks take the feature values of answers and the pattern votes of pairs it
 * saw in its earlier chunks, see {@link ChunkLabeler}), applies an exported label model, and writes the
 * confident pairs as JSON lines in the export format (or Parquet), one part file per partition, with a
 * manifest. Labels equal
 * {@code pairlab export weak}'s for a project made by importing the same file, for the same LFs,
 * model and seed.
 *
 * <pre>spark-submit --class dev.pairlab.spark.WeakLabelJob --jars LIBS pairlab.jar
 *     --input pairs.jsonl --lfs lfs.json --model model.json --out weak/ [--format trl|answer-label]
 *     [--input-format parquet] [--threshold 0.7] [--seed 123] [--ties random|abstain|prior] [--partitions N]
 *     [--task-threads 1]</pre>
 */
public final class WeakLabelJob {

    /** Job settings, read from the command line. */
    public record Args(String input, String inputFormat, String recordFormat, String lfs, String model, String out, String outputFormat,
                       String format, double threshold, long seed, TiePolicy ties, long importSeed, int partitions, int chunk,
                       int taskThreads) implements Serializable {

        static Args parse(String[] a) {
            String input = null;
            String inputFormat = "json";
            String recordFormat = null;
            String lfs = null;
            String model = null;
            String out = null;
            String outputFormat = "json";
            String format = "trl";
            double threshold = 0;
            long seed = 123;
            TiePolicy ties = TiePolicy.RANDOM;
            long importSeed = Long.parseLong(ImportOptions.DEFAULT_SEED);
            int partitions = 0;
            int chunk = 1024;
            int taskThreads = 1;
            for (int i = 0; i < a.length; i++) {
                String k = a[i];
                if (i + 1 >= a.length) {
                    throw new IllegalArgumentException(k + " needs a value");
                }
                String v = a[++i];
                switch (k) {
                    case "--input" -> input = v;
                    case "--input-format" -> inputFormat = v;
                    case "--record-format" -> recordFormat = v;
                    case "--lfs" -> lfs = v;
                    case "--model" -> model = v;
                    case "--out" -> out = v;
                    case "--output-format" -> outputFormat = v;
                    case "--format" -> format = v;
                    case "--threshold" -> threshold = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--ties" -> ties = TiePolicy.parse(v);
                    case "--import-seed" -> importSeed = Long.parseLong(v);
                    case "--partitions" -> partitions = Integer.parseInt(v);
                    case "--chunk" -> chunk = Integer.parseInt(v);
                    case "--task-threads" -> taskThreads = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + k);
                }
            }
            if (input == null || lfs == null || model == null || out == null) {
                throw new IllegalArgumentException("needs --input, --lfs, --model and --out");
            }
            if (!inputFormat.equals("json") && !inputFormat.equals("parquet")) {
                throw new IllegalArgumentException("--input-format must be json (JSON lines) or parquet");
            }
            if (!outputFormat.equals("json") && !outputFormat.equals("parquet")) {
                throw new IllegalArgumentException("--output-format must be json (JSON lines) or parquet");
            }
            if (taskThreads < 1) {
                throw new IllegalArgumentException("--task-threads must be at least 1");
            }
            return new Args(input, inputFormat, recordFormat, lfs, model, out, outputFormat, format, threshold, seed, ties, importSeed,
                    partitions, chunk, taskThreads);
        }
    }

    /** Counts the driver reports and writes into the manifest. */
    public record Summary(long records, long pairs, long invalid, long dropped, long labeled, long belowThreshold, double seconds,
                          int partitions, String firstError) {
        public double pairsPerSecond() {
            return seconds <= 0 ? 0 : pairs / seconds;
        }
    }

    /**
     * The pool each task thread labels its chunks in: the core computes features and LF votes with parallel
     * streams, which run in the pool of the thread that starts them. Spark already runs one task per
     * executor core, so by default (--task-threads 1) each task labels on one thread instead of every
     * task spreading over all cores of the machine.
     */
    private static final ThreadLocal<java.util.concurrent.ForkJoinPool> POOL = new ThreadLocal<>();

    /** One labeler per executor JVM and job settings: LFs parsed and code LFs compiled once, not per partition. */
    private static final ConcurrentHashMap<String, ChunkLabeler> LABELERS = new ConcurrentHashMap<>();

    private WeakLabelJob() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        SparkSession spark = SparkSession.builder().appName("pairlab weak labels").getOrCreate();
        try {
            Summary s = run(spark, args);
            System.err.printf(Locale.ROOT, "pairlab: %,d pairs (%,d records, %,d invalid, %,d dropped) labeled in %.1f s, %.0f pairs/s;"
                            + " %,d written, %,d below the threshold or tied; output %s%n", s.pairs(), s.records(), s.invalid(), s.dropped(),
                    s.seconds(), s.pairsPerSecond(), s.labeled(), s.belowThreshold(), args.out());
            if (s.firstError() != null) {
                System.err.println("pairlab: first invalid record: " + s.firstError());
            }
        } finally {
            spark.stop();
        }
    }

    /** Runs the job on a session; the LF and model files are read on the driver and shipped as text. */
    public static Summary run(SparkSession spark, Args args) throws Exception {
        long t0 = System.nanoTime();
        String lfsText = Files.readString(Path.of(args.lfs()), StandardCharsets.UTF_8);
        String modelText = Files.readString(Path.of(args.model()), StandardCharsets.UTF_8);
        // Fail on the driver, before any task: unreadable files, LFs that need a project, a model fitted on other LFs.
        WeakExport.Labeler labeler = Portable.labeler(Json.MAPPER.readTree(lfsText), Json.MAPPER.readTree(modelText));
        WeakExport.Params params = params(args);
        new ChunkLabeler(labeler, params);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> records;
        if (args.inputFormat().equals("parquet")) {
            records = spark.read().parquet(args.input()).toJSON().javaRDD();
        } else {
            records = args.partitions() > 0 ? jsc.textFile(args.input(), args.partitions()) : jsc.textFile(args.input());
        }
        String recordFormat = args.recordFormat() != null ? args.recordFormat() : detect(records);
        // Pass 1: lines and valid pairs per partition, so every partition knows the line number of its first record and
        // the id of its first pair (one read of the input; Spark's zipWithIndex would read it once more to number lines).
        // Whether a record is a valid pair does not depend on its line number, except that only the input's first line
        // may start with a byte order mark: the first line of the first partition.
        jsc.setJobDescription("pairlab: counting records and valid pairs per partition");
        List<long[]> counts = records.mapPartitionsWithIndex((part, it) -> {
            PairFormat f = Formats.byId(recordFormat);
            ImportOptions o = ImportOptions.defaults().withSeed(args.importSeed());
            long lines = 0;
            long n = 0;
            while (it.hasNext()) {
                String text = it.next();
                lines++;
                if (parse(f, o, text, part == 0 && lines == 1 ? 1 : 2) instanceof Pair) {
                    n++;
                }
            }
            return List.of(new long[] {lines, n}).iterator();
        }, true).collect();
        long[] firstLine = new long[counts.size()];
        long[] firstId = new long[counts.size()];
        long line = 0;
        long next = 1;
        for (int p = 0; p < counts.size(); p++) {
            firstLine[p] = line;
            firstId[p] = next;
            line += counts.get(p)[0];
            next += counts.get(p)[1];
        }

        LongAccumulator recordsAcc = spark.sparkContext().longAccumulator("records");
        LongAccumulator pairsAcc = spark.sparkContext().longAccumulator("pairs");
        LongAccumulator invalidAcc = spark.sparkContext().longAccumulator("invalid records");
        LongAccumulator droppedAcc = spark.sparkContext().longAccumulator("dropped records");
        LongAccumulator labeledAcc = spark.sparkContext().longAccumulator("weakly labeled pairs");
        LongAccumulator belowAcc = spark.sparkContext().longAccumulator("below threshold or tied");
        org.apache.spark.util.CollectionAccumulator<String> errors = spark.sparkContext().collectionAccumulator("first invalid records");
        jsc.setJobDescription("pairlab: features, LF votes and label model");
        JavaRDD<String> out = records.mapPartitionsWithIndex((part, lines) -> {
            // Each record with its index in the input (0-based), as zipWithIndex numbers them.
            long[] index = {firstLine[part]};
            Iterator<Tuple2<String, Long>> it = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public Tuple2<String, Long> next() {
                    return new Tuple2<>(lines.next(), index[0]++);
                }
            };
            ChunkLabeler cl = LABELERS.computeIfAbsent(lfsText + '\u0000' + modelText + '\u0000' + args, k -> {
                try {
                    return new ChunkLabeler(Portable.labeler(Json.MAPPER.readTree(lfsText), Json.MAPPER.readTree(modelText)), params(args));
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            PairFormat f = Formats.byId(recordFormat);
            ImportOptions o = ImportOptions.defaults().withSeed(args.importSeed());
            long[] id = {firstId[part]};
            // This task's own memory of the answers and pairs it has labelled: its chunks reuse their values (the
            // labeler is shared by the executor's concurrent tasks; this is not, and goes with the task).
            ChunkLabeler.Recent recent = cl.recent();
            return new ChunkIterator(it, args.chunk(), chunk -> {
                List<Pair> pairs = new ArrayList<>(chunk.size());
                for (Tuple2<String, Long> t : chunk) {
                    recordsAcc.add(1);
                    Object r = parse(f, o, t._1(), t._2() + 1);
                    if (r instanceof Pair p) {
                        pairs.add(p.withId(id[0]++));
                    } else if (r instanceof String error) {
                        if (error.startsWith("dropped")) {
                            droppedAcc.add(1);
                        } else if (!error.isEmpty()) {
                            invalidAcc.add(1);
                            if (errors.value().size() < 5) {
                                errors.add(args.input() + ":" + (t._2() + 1) + ": " + error);
                            }
                        }
                    }
                }
                if (pairs.isEmpty()) {
                    return List.of();
                }
                // One pool per task thread (a shared one would serialize the executor's concurrent tasks).
                java.util.concurrent.ForkJoinPool pool = POOL.get();
                if (pool == null || pool.getParallelism() != args.taskThreads()) {
                    pool = new java.util.concurrent.ForkJoinPool(args.taskThreads());
                    POOL.set(pool);
                }
                ChunkLabeler.Result res = pool.submit(() -> cl.label(pairs, recent)).get();
                pairsAcc.add(pairs.size());
                labeledAcc.add(res.lines().size());
                belowAcc.add(res.belowThreshold());
                return res.lines();
            });
        }, true);

        Dataset<String> lines = spark.createDataset(out.rdd(), Encoders.STRING());
        if (args.outputFormat().equals("parquet")) {
            spark.read().json(lines).write().mode(SaveMode.ErrorIfExists).parquet(args.out());
        } else {
            lines.write().mode(SaveMode.ErrorIfExists).text(args.out());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> errs = errors.value();
        Summary s = new Summary(recordsAcc.value(), pairsAcc.value(), invalidAcc.value(), droppedAcc.value(), labeledAcc.value(),
                belowAcc.value(), seconds, records.getNumPartitions(), errs.isEmpty() ? null : errs.get(0));
        writeManifest(spark, args, recordFormat, labeler, params, s);
        return s;
    }

    static WeakExport.Params params(Args a) {
        return new WeakExport.Params(WeakExport.Format.parse(a.format()), a.threshold(), a.seed(), Set.of(Split.TRAIN), a.ties());
    }

    /** The record format of the first non-blank record, as the importer detects it. */
    private static String detect(JavaRDD<String> records) throws BadInputException {
        List<String> first = records.filter(l -> !l.isBlank()).take(1);
        if (first.isEmpty()) {
            throw new BadInputException("the input has no records");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(stripBom(first.get(0)));
            for (PairFormat f : Formats.all()) {
                if (f.accepts(n)) {
                    return f.id();
                }
            }
        } catch (java.io.IOException e) {
            throw new BadInputException("the first record is not JSON: " + e.getMessage());
        }
        throw new BadInputException("cannot tell the format of the first record; name it with --record-format (one of " + Formats.ids() + ")");
    }

    /** A pair, or a string: "" for a blank line, "dropped: …" for a record the format drops, else what is wrong. */
    static Object parse(PairFormat f, ImportOptions o, String text, long line) {
        String s = line == 1 ? stripBom(text) : text;
        if (s.isBlank()) {
            return "";
        }
        try {
            JsonNode n = Json.MAPPER.readTree(s);
            Pair p = f.parseChecked(n, line, o);
            return p == null ? "dropped: " + f.dropReason(n) : p;
        } catch (InvalidRecordException e) {
            return "field '" + e.field() + "': " + e.getMessage();
        } catch (java.io.IOException e) {
            return "not JSON: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static void writeManifest(SparkSession spark, Args args, String recordFormat, WeakExport.Labeler labeler,
                                      WeakExport.Params params, Summary s) throws java.io.IOException {
        ObjectNode m = Json.MAPPER.createObjectNode();
        String version = WeakLabelJob.class.getPackage().getImplementationVersion();
        m.put("pairlab_version", version == null ? "development" : version);
        m.put("job", "dev.pairlab.spark.WeakLabelJob");
        m.put("spark_version", spark.version());
        m.put("master", spark.sparkContext().master());
        m.put("input", args.input());
        m.put("input_format", args.inputFormat());
        m.put("record_format", recordFormat);
        m.put("import_seed", args.importSeed());
        ObjectNode export = m.putObject("export");
        export.put("format", params.format().key());
        export.put("output_format", args.outputFormat());
        export.put("threshold", params.threshold());
        export.put("seed", params.seed());
        export.put("ties", params.ties().name().toLowerCase(Locale.ROOT));
        m.set("lfs", Portable.lfsJson(labeler.lfs(), "").get("lfs"));
        m.set("label_model", labeler.modelRun());
        ObjectNode c = m.putObject("counts");
        c.put("records", s.records());
        c.put("pairs", s.pairs());
        c.put("invalid", s.invalid());
        c.put("dropped", s.dropped());
        c.put("written", s.labeled());
        c.put("below_threshold_or_tied", s.belowThreshold());
        m.put("partitions", s.partitions());
        m.put("seconds", s.seconds());
        m.put("pairs_per_second", s.pairsPerSecond());
        if (s.firstError() != null) {
            m.put("first_invalid_record", s.firstError());
        }
        // Through Hadoop's file system, so the manifest lands beside the part files on HDFS or S3 as well.
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(args.out(), "_pairlab_manifest.json");
        org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (var os = fs.create(path, true)) {
            os.write((Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Walks an iterator a chunk at a time, mapping each chunk to output elements. */
    private static final class ChunkIterator implements Iterator<String> {
        interface ChunkFn {
            List<String> apply(List<Tuple2<String, Long>> chunk) throws Exception;
        }

        private final Iterator<Tuple2<String, Long>> in;
        private final int size;
        private final ChunkFn fn;
        private Iterator<String> current = java.util.Collections.emptyIterator();

        ChunkIterator(Iterator<Tuple2<String, Long>> in, int size, ChunkFn fn) {
            this.in = in;
            this.size = size;
            this.fn = fn;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && in.hasNext()) {
                List<Tuple2<String, Long>> chunk = new ArrayList<>(size);
                while (in.hasNext() && chunk.size() < size) {
                    chunk.add(in.next());
                }
                try {
                    current = fn.apply(chunk).iterator();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            return current.hasNext();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }
    }
}
