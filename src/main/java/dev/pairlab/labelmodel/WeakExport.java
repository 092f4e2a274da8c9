package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairWriter;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import dev.pairlab.lf.ProjectLabeling;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the weakly labeled training set (method.md, step 7): the gold-labeled split plus the pool
 * labeled by a label model, optionally only where its confidence reaches a threshold, shuffled with
 * a seed, streamed in batches so a million pairs never sit in memory. A manifest beside the file
 * records everything needed to write the same bytes again: the LF definitions, the label model's
 * parameters, and the export settings.
 */
public final class WeakExport {

    /** The formats a weak export writes: those with a field for the weak flag and confidence. */
    public enum Format {
        TRL("trl"), ANSWER_LABEL("answer-label"), CSV("csv");

        private final String key;

        Format(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        @Override
        public String toString() {
            return key;
        }

        public PairFormat pairFormat() throws BadInputException {
            return Formats.byId(key);
        }

        public static Format parse(String s) {
            Format f = Choices.byKey(values(), Format::key, s);
            if (f == null) {
                throw new IllegalArgumentException("a weak export is written as trl, answer-label or csv, not '" + s + "'");
            }
            return f;
        }
    }

    /**
     * Export settings: one record for the CLI options, the GUI form and the manifest.
     *
     * @param lengthBalance how the weak part is balanced by length, or null for not at all
     */
    public record Params(Format format, double threshold, long seed, Set<Split> goldSplits, TiePolicy ties, LengthBalance lengthBalance)
            implements Parameters {

        public static final String DEFAULT_FORMAT = "trl";
        public static final String DEFAULT_THRESHOLD = "0";
        public static final String DEFAULT_SEED = "123";
        public static final String DEFAULT_GOLD = "train";
        public static final String DEFAULT_TIES = TiePolicy.DEFAULT;
        public static final String DEFAULT_LENGTH_TARGET = "labeled";
        public static final String DEFAULT_LENGTH_METHOD = "subsample";
        public static final String DESC_FORMAT = "trl, answer-label or csv";
        public static final String DESC_THRESHOLD = "Keep pool pairs whose confidence is at least this";
        public static final String DESC_SEED = "Shuffle and tie-break seed";
        public static final String DESC_GOLD = "Splits whose gold labels are included";
        public static final String DESC_TIES = "Pool pairs with P = 0.5: random, abstain (dropped) or prior";
        public static final String DESC_LENGTH_BALANCE = "Balance the weak part so this share of its pairs chooses the longer answer:"
                + " 'labeled' (the share among the gold pairs written) or a share such as 0.5; pairs of equal length count as neither"
                + " (default: no balancing).";
        public static final String DESC_LENGTH_METHOD = "subsample (drop the fewest weak pairs of the over-represented side, chosen with"
                + " --seed) or weights (a per-row field 'weight'); alone it balances to 'labeled' (default subsample).";

        public Params {
            goldSplits = Set.copyOf(goldSplits);
            if (format == null) {
                format = Format.parse(DEFAULT_FORMAT);
            }
            if (ties == null) {
                ties = TiePolicy.parse(DEFAULT_TIES);
            }
        }

        /** Without length balancing. */
        public Params(Format format, double threshold, long seed, Set<Split> goldSplits, TiePolicy ties) {
            this(format, threshold, seed, goldSplits, ties, null);
        }

        /** The defaults the CLI's options and the export screen start from. */
        public static Params defaults() {
            return new Params(Format.parse(DEFAULT_FORMAT), Double.parseDouble(DEFAULT_THRESHOLD), Long.parseLong(DEFAULT_SEED),
                    EnumSet.of(Split.parse(DEFAULT_GOLD)), TiePolicy.parse(DEFAULT_TIES), null);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (!(threshold >= 0 && threshold <= 1)) {
                problems.add(Problem.of("threshold", "the confidence threshold must be between 0 and 1, got " + threshold));
            }
            if (lengthBalance != null && !lengthBalance.valid()) {
                problems.add(Problem.of("lengthBalance", LengthBalance.targetProblem(Double.toString(lengthBalance.target()))));
            }
            return problems;
        }

        ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("format", format.key());
            o.put("threshold", threshold);
            o.put("seed", seed);
            ArrayNode g = o.putArray("gold_splits");
            goldSplits.stream().sorted().forEach(s -> g.add(s.key()));
            o.put("ties", ties.key());
            if (lengthBalance != null) {
                o.set("length_balance", lengthBalance.toJson()); // absent when off, so older manifests read the same
            }
            return o;
        }

        static Params fromJson(JsonNode o) {
            Set<Split> gold = EnumSet.noneOf(Split.class);
            o.path("gold_splits").forEach(s -> gold.add(Split.parse(s.asText())));
            return new Params(Format.parse(o.path("format").asText()), o.path("threshold").asDouble(), o.path("seed").asLong(), gold,
                    TiePolicy.parse(o.path("ties").asText("random")), LengthBalance.fromJson(o.get("length_balance")));
        }
    }

    /** An export from the project's LFs and one of its label-model runs: what {@code export weak} and the export screen run. */
    public record Job(Project project, long modelRun, Params params, OutputFile out, boolean absolutePaths) implements Workflow<Report> {

        @Override
        public Report run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            return WeakExport.run(project, fromProject(project, modelRun), params, out, null, absolutePaths, progress, cancel);
        }

        @Override
        public String title() {
            return "Exporting to " + out.file().getFileName();
        }
    }

    /** The same bytes again from an earlier export's manifest (its settings, LFs and model): {@code export weak --manifest}. */
    public record ReproduceJob(Project project, Path manifest, OutputFile out, boolean absolutePaths) implements Workflow<Report> {

        @Override
        public Report run(ProgressListener progress, Cancellation cancel) throws Exception {
            JsonNode m;
            Reproduction reproducing;
            try {
                m = Json.MAPPER.readTree(Files.readAllBytes(manifest));
                String expected = m.path("output").path("sha256").asText(null);
                if (expected == null) {
                    throw new BadInputException(manifest + ": field 'output.sha256' is missing: not a manifest of 'pairlab export weak'");
                }
                reproducing = new Reproduction(manifest, sha256(manifest), expected);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new BadInputException(manifest + ": no such file");
            } catch (IOException e) {
                throw new BadInputException(manifest + ": not a manifest (" + e.getMessage() + ")");
            }
            return WeakExport.run(project, fromManifest(m), paramsOf(m), out, reproducing, absolutePaths, progress, cancel);
        }

        @Override
        public String title() {
            return "Reproducing " + manifest.getFileName();
        }
    }

    /**
     * What an export would write, without writing: the gold pairs of its gold splits and the pool pairs the
     * run's weak labels keep (before length balancing drops any). The export screen's count.
     */
    public record CountJob(Project project, ProjectLabeling.Labeled labeled, long modelRun, Params params) implements Workflow<Count> {

        @Override
        public Count run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            Labeler labeler = fromProject(project, modelRun);
            Pairs.Labels labels = labeled.labels();
            int[] pool = IntStream.range(0, labels.size()).filter(r -> labels.split()[r] == Split.POOL.ordinal()).toArray();
            WeakLabels weak = weakLabels(labeler, labeled.matrix(), pool, params.ties(), params.seed(), params.threshold());
            long kept = IntStream.range(0, pool.length).filter(k -> weak.kept()[k]).count();
            long gold = IntStream.range(0, labels.size()).filter(r -> params.goldSplits().contains(Split.values()[labels.split()[r]])
                    && labels.gold()[r] >= 0).count();
            return new Count(labeler.modelRun().path("id").asLong(), gold, kept, pool.length);
        }

        @Override
        public String title() {
            return "Counting the export";
        }
    }

    /** What {@link CountJob} found: the run used, gold pairs, kept weak pairs, pool pairs. */
    public record Count(long run, long gold, long weak, long pool) {
    }

    /**
     * @param weakAccuracy   accuracy of the kept weak labels against the pool's hidden gold: an
     *                       evaluation-only number (NaN when the pool has no hidden gold)
     * @param sha256         of the bytes this run produced
     * @param expectedSha256 when reproducing a manifest, the sha256 it names; else null
     * @param written        false when the file was left as it was: a reproduction onto the manifest's
     *                       own data file whose bytes differ (manifest and data stay a matching pair)
     * @param length         the weak part's longer-share before and after length balancing (measured when off too)
     * @param weakTied       weak rows written whose label model probability is exactly 0.5: their label is the tie
     *                       policy's (a coin under {@link TiePolicy#RANDOM}, the class prior under {@link TiePolicy#PRIOR}),
     *                       not the model's; {@code belowThreshold} counts only the ties that were dropped
     */
    public record Report(Path file, Path manifest, long gold, long weak, long pool, long belowThreshold, double weakAccuracy,
                         String sha256, String expectedSha256, boolean written, List<LfProblem> problems, LengthBalance.Outcome length,
                         long weakTied, TiePolicy ties) {

        /** Weak rows written whose label is a coin flip (P = 0.5 under --ties random). */
        public long weakCoinFlips() {
            return ties == TiePolicy.RANDOM ? weakTied : 0;
        }

        /** Null when no manifest was reproduced. */
        public Boolean identical() {
            return expectedSha256 == null ? null : expectedSha256.equals(sha256);
        }
    }

    /**
     * The manifest an export reproduces: an input, never overwritten by the data file.
     *
     * @param sha256 of the manifest file's bytes, recorded in the new manifest
     */
    public record Reproduction(Path manifest, String sha256, String expectedSha256) {
    }

    /** What labels the pool: LF definitions and a fitted label model. */
    public record Labeler(List<NamedLf> lfs, LabelModel model, ObjectNode modelRun) {
    }

    private static final int BATCH = 1000;

    private WeakExport() {
    }

    /** The project's enabled LFs and its latest (or the given) fitted label model, which must match them. */
    public static Labeler fromProject(Project project, long runId) throws LfException {
        ModelRecord run = ModelRuns.get(project, runId);
        if (run == null) {
            throw new LfException(runId > 0 ? "no label model run " + runId : "no label model fitted yet: run 'pairlab model fit' first");
        }
        if (!ModelFitting.lfsUnchanged(project, run)) {
            throw new LfException("the labeling functions changed since label model run " + run.id() + " was fitted; fit it again");
        }
        List<NamedLf> lfs = new ArrayList<>();
        for (LfRecord r : Lfs.list(project)) {
            if (r.enabled()) {
                lfs.add(NamedLf.of(r));
            }
        }
        try {
            ObjectNode runJson = Json.MAPPER.createObjectNode();
            runJson.put("id", run.id());
            runJson.set("params", Json.MAPPER.readTree(run.options()));
            runJson.set("model", Json.MAPPER.readTree(run.model()));
            runJson.set("metrics", Json.MAPPER.readTree(run.metrics()));
            return new Labeler(lfs, LabelModels.fromJson((ObjectNode) runJson.get("model")), runJson);
        } catch (IOException e) {
            throw new LfException("label model run " + run.id() + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The LFs and model a manifest recorded, to write the same file again. */
    public static Labeler fromManifest(JsonNode manifest) throws LfException {
        List<NamedLf> lfs = new ArrayList<>();
        for (JsonNode lf : manifest.path("lfs")) {
            LfDefinition d = LfDefinition.parse(lf.path("kind").asText(), lf.path("definition").toString());
            lfs.add(new NamedLf(lf.path("name").asText(), 0, lf.path("version").asInt(), d));
        }
        ObjectNode run = (ObjectNode) manifest.path("label_model");
        return new Labeler(lfs, LabelModels.fromJson((ObjectNode) run.path("model")), run);
    }

    /** A label model's weak labels of some rows: P(B), the hard label, and whether the row is kept. */
    public record WeakLabels(double[] probabilityB, byte[] hard, boolean[] kept) {
    }

    /**
     * The export's rule for which pool pairs get a weak label, in one place (export weak, the export
     * screen's count, model eval and sweep-threshold through {@link ScoredSplit}, rm train, the Spark job through
     * {@link ChunkLabeler}): hard labels from P(B) with the tie policy at the run's class balance, kept
     * unless the tie policy abstains or the confidence is under the threshold.
     */
    public static WeakLabels weakLabels(Labeler labeler, LabelMatrix matrix, int[] rows, TiePolicy ties, long seed, double threshold) {
        double[] p = labeler.model().probabilityB(matrix, rows);
        long[] ids = IntStream.of(rows).mapToLong(r -> matrix.ids()[r]).toArray();
        double balance = labeler.modelRun().path("params").path("class_balance").asDouble(0.5);
        byte[] hard = HardLabels.of(p, ids, ties, balance, seed);
        boolean[] kept = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            kept[k] = keeps(p[k], hard[k], threshold);
        }
        return new WeakLabels(p, hard, kept);
    }

    /** The keep rule for one pair: it has a hard label and its confidence max(P, 1 − P) reaches the threshold. */
    public static boolean keeps(double probabilityB, byte hard, double threshold) {
        return hard != Votes.ABSTAIN && confidence(probabilityB) + 1e-12 >= threshold;
    }

    /** Confidence of a weak label: the probability of the chosen side. */
    public static double confidence(double probabilityB) {
        return Math.max(probabilityB, 1 - probabilityB);
    }

    public static Params paramsOf(JsonNode manifest) {
        return Params.fromJson(manifest.path("export"));
    }

    public static Report run(Project project, Labeler labeler, Params params, OutputFile out, ProgressListener progress, Cancellation cancel)
            throws IOException, CancelledException, BadInputException {
        return run(project, labeler, params, out, null, false, progress, cancel);
    }

    /**
     * @param reproducing   the manifest being reproduced, or null
     * @param absolutePaths record the absolute paths of the project and the manifest read, not only
     *                      their names (off by default: a manifest is shared, the user's folders are not)
     */
    public static Report run(Project project, Labeler labeler, Params params, OutputFile out, Reproduction reproducing,
                             boolean absolutePaths, ProgressListener progress, Cancellation cancel)
            throws IOException, CancelledException, BadInputException {
        OutputFile data = Project.protect(out, project.file());
        OutputFile manifestOut = Project.protect(out.sibling(out.file().getFileName() + ".manifest.json"), project.file())
                .protecting(out.file(), "the data file");
        if (reproducing != null) {
            data = data.protecting(reproducing.manifest(), "the manifest being reproduced");
        }
        data.check();
        manifestOut.check();
        PairFormat format = params.format().pairFormat();
        FeatureTable features = FeatureCache.open(project);
        LfApplier.Applied applied = labeler.lfs().stream().allMatch(lf -> lf.id() > 0)
                ? LfApplier.apply(project, features, labeler.lfs(), List.of("length"), progress, cancel)
                : LfApplier.apply(features, labeler.lfs(), null, LfApplier.projectSource(project, features.ids()), progress, cancel);
        LabelMatrix matrix = applied.matrix();
        Pairs.Labels visible = Pairs.labels(project, false);
        Pairs.Labels revealed = Pairs.labels(project, true);

        // Gold rows, then pool rows with a confident weak label.
        List<long[]> rows = new ArrayList<>(); // {row, label, weak (0/1), confidence bits, weight bits}
        float[] lengthA = features.a("length");
        float[] lengthB = features.b("length");
        int[] goldRows = IntStream.range(0, visible.size())
                .filter(r -> params.goldSplits().contains(Split.values()[visible.split()[r]]) && visible.gold()[r] >= 0).toArray();
        long goldLonger = 0;
        long goldShorter = 0;
        for (int r : goldRows) {
            rows.add(new long[] {r, visible.gold()[r], 0, Double.doubleToLongBits(1.0), Double.doubleToLongBits(1.0)});
            byte side = LengthBalance.side(visible.gold()[r], lengthA[r], lengthB[r]);
            goldLonger += side == LengthBalance.LONGER ? 1 : 0;
            goldShorter += side == LengthBalance.SHORTER ? 1 : 0;
        }
        int[] poolRows = IntStream.range(0, visible.size()).filter(r -> visible.split()[r] == Split.POOL.ordinal()).toArray();
        WeakLabels weak = weakLabels(labeler, matrix, poolRows, params.ties(), params.seed(), params.threshold());
        double[] p = weak.probabilityB();
        byte[] hard = weak.hard();
        long below = 0;
        List<long[]> weakRows = new ArrayList<>();
        for (int k = 0; k < poolRows.length; k++) {
            if (!weak.kept()[k]) {
                below++;
                continue;
            }
            double conf = Math.max(p[k], 1 - p[k]);
            weakRows.add(new long[] {poolRows[k], hard[k], 1, Double.doubleToLongBits(conf), Double.doubleToLongBits(1.0)});
        }
        byte[] sides = new byte[weakRows.size()];
        for (int k = 0; k < sides.length; k++) {
            int r = (int) weakRows.get(k)[0];
            sides[k] = LengthBalance.side((int) weakRows.get(k)[1], lengthA[r], lengthB[r]);
        }
        double labeledShare = LengthBalance.longerShare(goldLonger, goldShorter);
        LengthBalance.Plan plan = params.lengthBalance() == null ? LengthBalance.none(sides, labeledShare)
                : params.lengthBalance().plan(sides, labeledShare, params.seed());
        long hiddenKnown = 0;
        long hiddenRight = 0;
        long tied = 0;
        for (int k = 0; k < sides.length; k++) {
            if (!plan.keep()[k]) {
                continue;
            }
            long[] row = weakRows.get(k);
            row[4] = Double.doubleToLongBits(plan.weight()[k]);
            rows.add(row);
            // Confidence max(P, 1 - P) is 0.5 only at P = 0.5, HardLabels' tie (same tolerance).
            if (Double.longBitsToDouble(row[3]) - 0.5 < 1e-12) {
                tied++;
            }
            byte g = revealed.gold()[(int) row[0]];
            if (g >= 0) {
                hiddenKnown++;
                if (g == row[1]) {
                    hiddenRight++;
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(params.seed());
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long[] t = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, t);
        }

        double weakAccuracy = hiddenKnown == 0 ? Double.NaN : (double) hiddenRight / hiddenKnown;
        long weakCount = rows.size() - goldRows.length;
        long belowCount = below;
        long tiedCount = tied;
        String sha;
        boolean written = true;
        try (OutputFile.Pending pending = data.begin()) {
            try (OutputStream os = out.file().getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(pending.stream(), 1 << 16)
                    : pending.stream();
                 PairWriter writer = format.writer(os)) {
                writeRows(project, matrix, rows, plan.outcome().weighted(), writer, progress, cancel);
            }
            sha = pending.finish();
            Path newManifest = manifestOut.check();
            boolean ontoReproduced = reproducing != null && Files.exists(newManifest) && Files.exists(reproducing.manifest())
                    && Files.isSameFile(newManifest, reproducing.manifest());
            if (ontoReproduced) {
                // Reproducing onto the manifest's own data file: the manifest already describes the
                // file, so it stays; the data is replaced only by the very same bytes, else the old
                // pair is kept whole and the caller reports the difference.
                written = sha.equals(reproducing.expectedSha256());
                if (written) {
                    pending.commit();
                }
            } else {
                byte[] manifestBytes = manifestJson(project, labeler, params, out.file(), sha, goldRows.length, weakCount,
                        poolRows.length, belowCount, tiedCount, weakAccuracy, hiddenKnown, plan.outcome(), reproducing, absolutePaths);
                try (OutputFile.Pending m = manifestOut.begin()) {
                    m.stream().write(manifestBytes);
                    m.finish();
                    // Both files are complete on disk; now the order of the renames keeps every
                    // manifest that exists true to its data file, whenever a kill comes: the old
                    // manifest goes first, then the data is renamed into place, then the manifest.
                    // A kill in between leaves a data file without a manifest, never a wrong one.
                    Files.deleteIfExists(m.destination());
                    pending.commit();
                    m.commit();
                }
            }
        }
        Path manifest = out.file().resolveSibling(out.file().getFileName() + ".manifest.json");
        return new Report(out.file(), manifest, goldRows.length, weakCount, poolRows.length, belowCount, weakAccuracy, sha,
                reproducing == null ? null : reproducing.expectedSha256(), written, applied.problems(), plan.outcome(), tiedCount, params.ties());
    }

    private static void writeRows(Project project, LabelMatrix matrix, List<long[]> rows, boolean weights, PairWriter writer,
                                  ProgressListener progress, Cancellation cancel) throws IOException, CancelledException {
        for (int from = 0; from < rows.size(); from += BATCH) {
            cancel.throwIfCancelled();
            int to = Math.min(rows.size(), from + BATCH);
            long[] ids = new long[to - from];
            for (int k = from; k < to; k++) {
                ids[k - from] = matrix.ids()[(int) rows.get(k)[0]];
            }
            Map<Long, Pair> pairs = Pairs.getMany(project, ids);
            for (int k = from; k < to; k++) {
                long[] row = rows.get(k);
                Pair stored = pairs.get(ids[k - from]);
                Pair labeled = new Pair(stored.id(), stored.context(), stored.answerA(), stored.answerB(),
                        Gold.fromCode((int) row[1]), stored.split(), stored.source(), stored.sourceRow(), stored.extras());
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("weak", row[2] == 1);
                extra.put("confidence", Math.round(Double.longBitsToDouble(row[3]) * 1e6) / 1e6);
                if (weights) {
                    // Full precision, so the weighted longer-share is the target (the manifest says so).
                    extra.put("weight", Double.longBitsToDouble(row[4]));
                }
                writer.write(labeled, extra);
            }
            progress.progress(to, rows.size(), "writing the training set");
        }
    }

    private static byte[] manifestJson(Project project, Labeler labeler, Params params, Path out, String sha, long gold, long weak,
                                       long pool, long below, long tied, double weakAccuracy, long hiddenKnown, LengthBalance.Outcome length,
                                       Reproduction reproducing, boolean absolutePaths) throws IOException {
        ObjectNode m = Json.MAPPER.createObjectNode();
        String version = WeakExport.class.getPackage().getImplementationVersion();
        m.put("pairlab_version", version == null ? "development" : version);
        // Names and checksums of what was read, not where it sat on the user's disk (unless asked).
        ObjectNode proj = m.putObject("project");
        proj.put("file", project.file().getFileName().toString());
        proj.put("sha256", sha256(project.file()));
        proj.put("note", "sha256 of the project file when the export was written; it changes with every write to the project");
        if (absolutePaths) {
            proj.put("path", project.file().toAbsolutePath().normalize().toString());
        }
        if (reproducing != null) {
            ObjectNode r = m.putObject("reproduced_from");
            r.put("file", reproducing.manifest().getFileName().toString());
            r.put("sha256", reproducing.sha256());
            if (absolutePaths) {
                r.put("path", reproducing.manifest().toAbsolutePath().normalize().toString());
            }
        }
        m.set("export", params.toJson());
        ArrayNode lfs = m.putArray("lfs");
        for (NamedLf lf : labeler.lfs()) {
            ObjectNode x = lfs.addObject().put("name", lf.name()).put("version", lf.version()).put("kind", lf.definition().kind());
            x.set("definition", lf.definition().toJson());
        }
        m.set("label_model", labeler.modelRun());
        ObjectNode counts = m.putObject("counts");
        counts.put("gold", gold);
        counts.put("weak", weak);
        counts.put("pool", pool);
        counts.put("pool_below_threshold_or_tied", below);
        counts.put("pool_dropped_for_length_balance", length.dropped());
        // Weak rows at P = 0.5 carry the tie policy's label, not the model's: say how many.
        counts.put("weak_tied", tied);
        counts.put("weak_coin_flips", params.ties() == TiePolicy.RANDOM ? tied : 0);
        counts.put("total", gold + weak);
        m.set("length_balance", length.toJson());
        ObjectNode acc = m.putObject("evaluation_only");
        acc.put("note", "accuracy of the written weak labels against the pool's hidden gold labels; never used to make them");
        acc.put("pool_pairs_with_hidden_gold", hiddenKnown);
        if (Double.isNaN(weakAccuracy)) {
            acc.putNull("weak_label_accuracy");
        } else {
            acc.put("weak_label_accuracy", weakAccuracy);
        }
        ObjectNode o = m.putObject("output");
        o.put("file", out.getFileName().toString());
        o.put("sha256", sha);
        return (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
