package dev.pairlab.reward;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.HardLabels;
import dev.pairlab.labelmodel.LabelModel;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.MajorityVote;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The paper's experiment (method.md, steps 2–7) in one run: for each labeled fraction and seed,
 * split the data, fit the label model on the LF votes of the labeled part, weakly label the pool,
 * and train reward models on gold only, gold + weak (hard labels), gold + soft labels and gold +
 * confidence-filtered weak labels; score each on the test split. Results are appended to
 * results.csv cell by cell, so a rerun with the same settings skips what is done (resume).
 */
public final class Experiment {

    /** The training sets run unless the user lists others: the paper's two, then the gold-using label model, length balancing and a length-controlled reward model added one by one. */
    public static final String DEFAULT_VARIANTS = "gold,gold+weak,gold+weak:semi,gold+weak:semi:balanced,gold+weak:semi:balanced:lenctl";

    /**
     * The experiment's settings; saved as experiment.json in the output folder. The defaults and
     * descriptions are the ones {@code pairlab experiment} and the experiment screen show.
     */
    public record Params(Path dataset, Path evalFile, double evalFraction, List<Double> labeled, int seeds, String preset,
                        List<String> variants, double threshold, RewardConfig reward) implements Parameters {

        public static final String DEFAULT_EVAL_FRACTION = "0.1";
        public static final String DEFAULT_LABELED = "0.01,0.02,0.05,0.1";
        public static final String DEFAULT_SEEDS = "3";
        public static final String DEFAULT_PRESET = "mt-bench";
        public static final String DEFAULT_KIND = "features";
        public static final String DEFAULT_THRESHOLD = "0.7";
        public static final String DESC_DATASET = "Labeled pairs (any import format).";
        public static final String DESC_EVAL_FILE = "A fixed evaluation set instead of a test share of the dataset.";
        public static final String DESC_EVAL_FRACTION = "Test share of the dataset";
        public static final String DESC_LABELED = "Labeled fractions";
        public static final String DESC_SEEDS = "Seeds per fraction";
        public static final String DESC_PRESET = "LF preset: hh, ub, ubp, mt-bench";
        public static final String DESC_VARIANTS = "Training sets: gold, gold+weak, soft or filtered, then modifiers: :semi or :gold-prior"
                + " (a label model that learns from the labeled pairs' gold instead of Snorkel's), :balanced (the weak part as often"
                + " 'longer chosen' as the labeled pairs), :lenctl (a length-controlled reward model, decision 0015),"
                + " e.g. gold+weak:semi:balanced:lenctl.";
        public static final String DESC_KIND = "Reward model: features, frozen or transformer";
        public static final String DESC_BASE = "frozen and transformer: minilm (shipped) or a local Hugging Face checkpoint folder.";
        public static final String DESC_THRESHOLD = "Confidence threshold of the filtered variant";
        public static final String DESC_EPOCHS = "Reward-model epochs (default: the text-feature model's).";
        public static final String DESC_OUT = "Output folder (resumes if it holds the same experiment).";

        public Params {
            labeled = List.copyOf(labeled);
            variants = List.copyOf(variants);
        }

        /** The reward model an experiment trains: a kind's defaults (minilm for an encoder without a base), other epochs. */
        public static RewardConfig rewardModel(RewardConfig.Kind kind, String base, Integer epochs) {
            RewardConfig rm = RewardConfig.of(kind, base == null && kind.encoder() ? "minilm" : base);
            return epochs == null ? rm : rm.withEpochs(epochs);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = datasetProblems(dataset, evalFraction, seeds, preset);
            for (String v : variants) {
                try {
                    ExperimentVariant.parse(v);
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.of("variants", e.getMessage()));
                }
            }
            if (new HashSet<>(variants).size() != variants.size()) {
                problems.add(Problem.of("variants", "a variant is listed twice"));
            }
            if (variants.isEmpty()) {
                problems.add(Problem.of("variants", "list at least one training set"));
            }
            if (labeled.isEmpty()) {
                problems.add(Problem.of("labeled", "list at least one labeled fraction"));
            }
            for (double f : labeled) {
                if (!(f > 0 && f <= 1)) {
                    problems.add(Problem.of("labeled", "labeled fractions must be in (0, 1], got " + f));
                }
            }
            Parameters.fraction(problems, "threshold", "the confidence threshold", threshold);
            return problems;
        }

        /** The checks an experiment on a dataset and the active curve share: the data, its test share, the seeds, the LF preset. */
        static List<Problem> datasetProblems(Path dataset, double evalFraction, int seeds, String preset) {
            List<Problem> problems = new ArrayList<>();
            if (dataset == null) {
                problems.add(Problem.of("dataset", "choose the dataset"));
            }
            Parameters.fraction(problems, "evalFraction", "the test share", evalFraction);
            if (seeds < 1) {
                problems.add(Problem.of("seeds", "the number of seeds must be at least 1"));
            }
            if (preset == null || !Presets.NAMES.contains(preset)) {
                problems.add(Problem.of("preset", "unknown preset '" + preset + "' (presets: " + String.join(", ", Presets.NAMES) + ")"));
            }
            return problems;
        }

        ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("dataset", dataset.toAbsolutePath().normalize().toString());
            o.put("eval_file", evalFile == null ? null : evalFile.toAbsolutePath().normalize().toString());
            o.put("eval_fraction", evalFraction);
            ArrayNode l = o.putArray("labeled");
            labeled.forEach(l::add);
            o.put("seeds", seeds);
            o.put("preset", preset);
            ArrayNode v = o.putArray("variants");
            variants.forEach(v::add);
            o.put("threshold", threshold);
            o.set("reward", reward.toJson());
            return o;
        }
    }

    /** One trained reward model's result. */
    /**
     * @param rmLongerPreferred  reward-model accuracy on the test pairs where the longer answer is preferred
     * @param rmShorterPreferred and where the shorter one is (NaN in results written before they were measured)
     */
    public record Row(double labeled, long seed, String variant, int goldPairs, int weakPairs, double weakAccuracy, double labelModelAccuracy,
                      double majorityAccuracy, int testPairs, double rmAccuracy, long millis, double rmLongerPreferred, double rmShorterPreferred) {

        static final String HEADER = "labeled,seed,variant,gold_pairs,weak_pairs,weak_accuracy,label_model_accuracy,majority_accuracy,"
                + "test_pairs,rm_accuracy,millis,rm_accuracy_longer_preferred,rm_accuracy_shorter_preferred";

        /** The labeled fraction as the results write it ("0.01"). */
        public String fraction() {
            return trim(labeled);
        }

        /** Mean of the accuracies where the longer and where the shorter answer is preferred. */
        public double rmLengthBalanced() {
            return (rmLongerPreferred + rmShorterPreferred) / 2;
        }

        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%s,%s,%s,%d,%.6f,%d,%s,%s", trim(labeled), seed, variant, goldPairs, weakPairs,
                    num(weakAccuracy), num(labelModelAccuracy), num(majorityAccuracy), testPairs, rmAccuracy, millis, num(rmLongerPreferred),
                    num(rmShorterPreferred));
        }

        static Row parse(String line) {
            String[] f = line.split(",", -1);
            return new Row(Double.parseDouble(f[0]), Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    parseNum(f[5]), parseNum(f[6]), parseNum(f[7]), Integer.parseInt(f[8]), Double.parseDouble(f[9]), Long.parseLong(f[10]),
                    f.length > 12 ? parseNum(f[11]) : Double.NaN, f.length > 12 ? parseNum(f[12]) : Double.NaN);
        }

        String key() {
            return trim(labeled) + "/" + seed + "/" + variant;
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
        }

        private static double parseNum(String s) {
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }
    }

    static String trim(double f) {
        String s = String.format(Locale.ROOT, "%.6f", f);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private Experiment() {
    }

    /** A file of the results folder, refused if it is the dataset or the evaluation file. */
    static OutputFile output(Path file, Params params) {
        OutputFile o = OutputFile.of(file, false).protecting(params.dataset(), "the dataset " + params.dataset());
        return params.evalFile() == null ? o : o.protecting(params.evalFile(), "the evaluation file " + params.evalFile());
    }

    /** The rows of a results folder's results.csv so far (empty when there is none yet). */
    public static List<Row> results(Path outDir) throws IOException {
        Path csv = outDir.resolve("results.csv");
        List<Row> rows = new ArrayList<>();
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv)) {
                if (!line.isBlank() && !line.startsWith("labeled,")) {
                    rows.add(Row.parse(line));
                }
            }
        }
        return rows;
    }

    /** {@code pairlab experiment} and the experiment screen's Run: the experiment into a results folder (resumed if it holds it). */
    public record Job(Params params, Path out) implements Workflow<List<Row>> {

        @Override
        public List<Row> run(ProgressListener progress, Cancellation cancel) throws Exception {
            return Experiment.run(params, out, progress, cancel);
        }

        @Override
        public String title() {
            return "Running the experiment";
        }
    }

    public static List<Row> run(Params params, Path outDir, ProgressListener progress, Cancellation cancel)
            throws IOException, BadInputException, CancelledException, InvalidParametersException {
        params.requireValid();
        OutputFile.folder(outDir);
        Path settings = outDir.resolve("experiment.json");
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(params.toJson());
        if (Files.exists(settings)) {
            JsonNode old = Json.MAPPER.readTree(settings.toFile());
            if (old.path("reward") instanceof ObjectNode r && !r.has("lengthTerm")) {
                // Written before reward models had a length term: theirs was none.
                r.put("lengthTerm", RewardConfig.Length.NONE.key()).put("lengthDecorrelation", 0.0);
            }
            if (old.path("reward") instanceof ObjectNode r && !r.has("labelModelRun")) {
                // Written before a reward config named its weak labels' run and threshold: the experiment fits its own (0, 0).
                r.put("labelModelRun", 0).put("weakThreshold", 0.0);
            }
            if (!old.equals(Json.MAPPER.readTree(json))) { // compare as parsed text: number node types differ otherwise
                throw new BadInputException(outDir + " holds an experiment with other settings (" + settings
                        + "); choose another output folder or remove it");
            }
        } else {
            output(settings, params).writeText(w -> w.write(json));
        }
        Path csv = outDir.resolve("results.csv");
        List<Row> rows = new ArrayList<>();
        Set<String> done = new HashSet<>();
        if (Files.exists(csv)) {
            for (Row r : results(outDir)) {
                rows.add(r);
                done.add(r.key());
            }
        } else {
            output(csv, params).writeText(w -> w.write(Row.HEADER + "\n"));
        }

        Prepared prep = prepare(params.dataset(), params.evalFile(), params.preset(), progress, cancel);
        List<Pair> data = prep.data();
        List<Pair> fixedTest = prep.fixedTest();
        List<Pair> withIds = prep.pairs();
        long[] ids = prep.matrix().ids();
        LabelMatrix matrix = prep.matrix();
        byte[] gold = prep.gold();

        Path predictions = outDir.resolve("predictions.csv");
        if (!Files.exists(predictions)) {
            output(predictions, params).writeText(w -> w.write(PREDICTIONS_HEADER + "\n"));
        }
        float[] lengthA = new float[withIds.size()];
        float[] lengthB = new float[withIds.size()];
        for (int i = 0; i < withIds.size(); i++) {
            lengthA[i] = withIds.get(i).answerA().length();
            lengthB[i] = withIds.get(i).answerB().length();
        }
        Set<String> seedsWritten = new HashSet<>();
        for (String line : Files.readAllLines(predictions)) {
            String[] f = line.split(",", -1);
            if (f.length == 4 && f[2].equals(LENGTH_ROW)) {
                seedsWritten.add(f[0] + "/" + f[1]);
            }
        }

        int total = params.labeled().size() * params.seeds() * params.variants().size();
        int cell = 0;
        for (double fraction : params.labeled()) {
            for (int s = 0; s < params.seeds(); s++) {
                long seed = 123 + s;
                int[][] split = split(data.size(), fixedTest.size(), params.evalFraction(), fraction, seed);
                int[] test = split[0];
                int[] train = split[1];
                int[] pool = split[2];
                if (seedsWritten.add(trim(fraction) + "/" + seed)) {
                    Files.writeString(predictions, trim(fraction) + "," + seed + "," + LENGTH_ROW + "," + lengthCodes(test, gold, lengthA, lengthB)
                            + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
                FitOptions fit = FitOptions.paper().withL2(params.preset().equals("hh") ? 0.5 : 0.6).withSeed(seed);
                Map<String, Labeled> byModel = new java.util.HashMap<>();
                double mvAcc = accuracy(new MajorityVote(), matrix, test, gold, seed);
                List<TrainPair> testSet = new ArrayList<>();
                for (int r : test) {
                    testSet.add(pair(withIds.get(r), gold[r] == 0 ? 1 : 0, false));
                }
                for (String variantName : params.variants()) {
                    cell++;
                    String key = trim(fraction) + "/" + seed + "/" + variantName;
                    if (done.contains(key)) {
                        continue;
                    }
                    cancel.throwIfCancelled();
                    progress.progress(cell - 1, total, String.format(Locale.ROOT, "labeled %s, seed %d, %s", trim(fraction), seed, variantName));
                    ExperimentVariant variant = ExperimentVariant.parse(variantName);
                    Labeled lm = byModel.get(variant.labelModel());
                    if (lm == null) {
                        lm = weakLabels(variant.labelModel(), matrix, train, pool, test, gold, fit, seed, cancel);
                        byModel.put(variant.labelModel(), lm);
                    }
                    List<TrainPair> trainSet = new ArrayList<>();
                    for (int r : train) {
                        trainSet.add(pair(withIds.get(r), gold[r] == 0 ? 1 : 0, false));
                    }
                    int weak = 0;
                    int weakRight = 0;
                    if (variant.weak()) {
                        boolean[] keep = new boolean[pool.length];
                        for (int k = 0; k < pool.length; k++) {
                            double conf = Math.max(lm.pb()[k], 1 - lm.pb()[k]);
                            keep[k] = !(variant.base().equals("filtered") && conf + 1e-12 < params.threshold());
                        }
                        if (variant.balanced()) {
                            keep = balanceLongerShare(keep, pool, lm.hard(), train, gold, lengthA, lengthB, seed);
                        }
                        for (int k = 0; k < pool.length; k++) {
                            if (!keep[k]) {
                                continue;
                            }
                            double pa = variant.base().equals("soft") ? 1 - lm.pb()[k] : (lm.hard()[k] == 0 ? 1 : 0);
                            trainSet.add(pair(withIds.get(pool[k]), pa, true));
                            weak++;
                            if (lm.hard()[k] == gold[pool[k]]) {
                                weakRight++;
                            }
                        }
                    }
                    long t0 = System.nanoTime();
                    RewardConfig config = params.reward().withSeed(seed);
                    if (variant.lengthControl()) {
                        config = config.withLengthTerm(RewardConfig.Length.LEARNED, -1);
                    }
                    Scored scored = trainAndScore(config, trainSet, testSet, testSet, outDir, cancel);
                    dev.pairlab.analysis.LengthSplit ls = scored.byLength();
                    Row row = new Row(fraction, seed, variantName, train.length, weak, weak == 0 ? Double.NaN : (double) weakRight / weak,
                            variant.weak() ? lm.accuracy() : Double.NaN, mvAcc, test.length, scored.accuracy(), (System.nanoTime() - t0) / 1_000_000,
                            ls.accuracyLongerPreferred(), ls.accuracyShorterPreferred());
                    rows.add(row);
                    // The cell's per-pair outcomes first, then its row: a row in results.csv always has its predictions.
                    Files.writeString(predictions, trim(fraction) + "," + seed + "," + variantName + "," + outcomes(testSet, scored.rewards())
                            + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    Files.writeString(csv, row.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }
        }
        progress.progress(total, total, "experiment done");
        ExperimentReport.write(rows, params, outDir);
        return rows;
    }

    static final String PREDICTIONS_HEADER = "labeled,seed,variant,outcomes";
    /** The predictions row per seed that says, per test pair, whether its preferred answer is the Longer, the Shorter, or of equal length (=). */
    static final String LENGTH_ROW = "_length";

    /** A label model's weak labels of the pool and its accuracy on the test split. */
    record Labeled(double[] pb, byte[] hard, double accuracy) {
    }

    /**
     * Fits a label model as the variant asks: the paper's Snorkel model on the labeled rows' votes, or a
     * gold-using model on the labeled rows and the pool with the labeled rows' gold (never the pool's or
     * the test split's).
     */
    static Labeled weakLabels(String type, LabelMatrix matrix, int[] train, int[] pool, int[] test, byte[] gold, FitOptions fit, long seed,
                              Cancellation cancel) throws CancelledException {
        LabelModel lm = dev.pairlab.labelmodel.LabelModels.create(type);
        if (lm.usesGold()) {
            byte[] visible = new byte[gold.length];
            java.util.Arrays.fill(visible, (byte) -1);
            for (int r : train) {
                visible[r] = gold[r];
            }
            int[] rows = IntStream.concat(IntStream.of(train), IntStream.of(pool)).sorted().toArray();
            lm.fit(matrix, rows, visible, fit, ProgressListener.NONE, cancel);
        } else {
            lm.fit(matrix, train, fit, ProgressListener.NONE, cancel);
        }
        double[] pb = lm.probabilityB(matrix, pool);
        long[] poolIds = IntStream.of(pool).mapToLong(r -> matrix.ids()[r]).toArray();
        return new Labeled(pb, HardLabels.of(pb, poolIds, TiePolicy.RANDOM, 0.5, seed), accuracy(lm, matrix, test, gold, seed));
    }

    /** Per test pair: L if its preferred answer is the longer one, S if the shorter, = if they are equally long. */
    static String lengthCodes(int[] test, byte[] gold, float[] lengthA, float[] lengthB) {
        StringBuilder sb = new StringBuilder(test.length);
        for (int r : test) {
            if (lengthA[r] == lengthB[r]) {
                sb.append('=');
            } else {
                byte longer = lengthB[r] > lengthA[r] ? dev.pairlab.lf.Votes.B : dev.pairlab.lf.Votes.A;
                sb.append(gold[r] == longer ? 'L' : 'S');
            }
        }
        return sb.toString();
    }

    /** Per test pair: 1 if the reward model ranked its preferred answer higher, 0 if not (a tie counts as wrong). */
    static String outcomes(List<TrainPair> test, double[] rewards) {
        StringBuilder sb = new StringBuilder(test.size());
        for (int i = 0; i < test.size(); i++) {
            double d = rewards[2 * i] - rewards[2 * i + 1];
            sb.append((test.get(i).aPreferred() ? d : -d) > 0 ? '1' : '0');
        }
        return sb.toString();
    }

    /**
     * The kept weak pairs thinned so that the share of pairs whose weakly chosen answer is the longer one
     * equals that share among the labeled pairs' gold, as {@code export weak --length-balance labeled} does
     * ({@link dev.pairlab.labelmodel.LengthBalance}; pairs of equal length count as neither and are kept).
     */
    static boolean[] balanceLongerShare(boolean[] keep, int[] pool, byte[] hard, int[] train, byte[] gold, float[] lengthA, float[] lengthB,
                                        long seed) throws BadInputException {
        long labeledLonger = 0;
        long labeledShorter = 0;
        for (int r : train) {
            byte side = LengthBalance.side(gold[r], lengthA[r], lengthB[r]);
            labeledLonger += side == LengthBalance.LONGER ? 1 : 0;
            labeledShorter += side == LengthBalance.SHORTER ? 1 : 0;
        }
        int[] kept = IntStream.range(0, pool.length).filter(k -> keep[k]).toArray();
        byte[] sides = new byte[kept.length];
        for (int i = 0; i < kept.length; i++) {
            int r = pool[kept[i]];
            sides[i] = LengthBalance.side(hard[kept[i]], lengthA[r], lengthB[r]);
        }
        // With no labeled pair of unequal length there is no share to match: a coin's.
        double labeledShare = labeledLonger + labeledShorter == 0 ? 0.5 : LengthBalance.longerShare(labeledLonger, labeledShorter);
        LengthBalance.Plan plan = new LengthBalance(LengthBalance.Method.SUBSAMPLE, Double.NaN).plan(sides, labeledShare, seed);
        boolean[] out = new boolean[pool.length];
        for (int i = 0; i < kept.length; i++) {
            out[kept[i]] = plan.keep()[i];
        }
        return out;
    }

    /**
     * A dataset (and optional fixed evaluation file after it) read with ids 1..n, the preset's LFs
     * applied: row i of the matrix is {@code pairs.get(i)}.
     */
    record Prepared(List<Pair> data, List<Pair> fixedTest, List<Pair> pairs, LabelMatrix matrix, byte[] gold) {
    }

    static Prepared prepare(Path dataset, Path evalFile, String preset, ProgressListener progress, Cancellation cancel)
            throws IOException, BadInputException, CancelledException {
        List<Pair> data = read(dataset);
        List<Pair> fixedTest = evalFile == null ? List.of() : read(evalFile);
        List<Pair> all = new ArrayList<>(data);
        all.addAll(fixedTest);
        long[] ids = idsUpTo(all.size());
        List<Pair> withIds = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Pair p = all.get(i);
            withIds.add(new Pair(ids[i], p.context(), p.answerA(), p.answerB(), p.gold(), null, "", i, "{}"));
        }
        progress.progress(0, 1, "computing features of " + withIds.size() + " pairs");
        FeatureTable features = FeatureCache.compute(ids, withIds.stream().map(Pair::answerA).toList(),
                withIds.stream().map(Pair::answerB).toList());
        List<NamedLf> lfs = new ArrayList<>();
        for (Map.Entry<String, LfDefinition> e : Presets.get(preset).entrySet()) {
            lfs.add(NamedLf.unsaved(e.getKey(), e.getValue()));
        }
        LabelMatrix matrix = LfApplier.apply(features, lfs, null, LfApplier.inMemory(withIds), ProgressListener.NONE, cancel).matrix();
        byte[] gold = new byte[withIds.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = (byte) withIds.get(i).gold().code();
        }
        return new Prepared(data, fixedTest, withIds, matrix, gold);
    }

    static TrainPair pair(Pair p, double pa, boolean weak) {
        return new TrainPair(p.id(), p.context(), p.answerA(), p.answerB(), pa, weak);
    }

    static double trainAndScore(RewardConfig config, List<TrainPair> train, List<TrainPair> test, Path outDir, Cancellation cancel)
            throws IOException, CancelledException {
        return trainAndScore(config, train, test, List.of(), outDir, cancel).accuracy();
    }

    /** Accuracy of the rewards (A and B interleaved) on the pairs, split by which answer is longer. */
    public static dev.pairlab.analysis.LengthSplit lengthSplit(List<TrainPair> pairs, double[] rewards) {
        int n = pairs.size();
        byte[] predicted = new byte[n];
        byte[] gold = new byte[n];
        float[] la = new float[n];
        float[] lb = new float[n];
        for (int i = 0; i < n; i++) {
            TrainPair p = pairs.get(i);
            double ra = rewards[2 * i];
            double rb = rewards[2 * i + 1];
            predicted[i] = rb > ra ? dev.pairlab.lf.Votes.B : rb < ra ? dev.pairlab.lf.Votes.A : dev.pairlab.lf.Votes.ABSTAIN;
            gold[i] = p.pA() > 0.5 ? dev.pairlab.lf.Votes.A : p.pA() < 0.5 ? dev.pairlab.lf.Votes.B : -1;
            la[i] = p.a().length();
            lb[i] = p.b().length();
        }
        return dev.pairlab.analysis.LengthSplit.of(predicted, gold, la, lb);
    }

    /**
     * A trained cell's test accuracy (also split by length) and, for each pair of {@code score}, the
     * rewards of A and B (interleaved).
     */
    record Scored(double accuracy, dev.pairlab.analysis.LengthSplit byLength, double[] rewards) {
    }

    /** Trains a reward model on {@code train} (CPU, no schedule), scores it on {@code test} and rewards {@code score}. */
    static Scored trainAndScore(RewardConfig config, List<TrainPair> train, List<TrainPair> test, List<TrainPair> score, Path outDir,
                                Cancellation cancel) throws IOException, CancelledException {
        RewardConfig c = config.withSchedule(0, 0, 0).withDevice("cpu");
        Path scratch = Files.createTempDirectory(outDir, ".cell");
        try (RewardNet net = RewardTraining.build(c, Device.cpu())) {
            if (net instanceof FeatureRewardNet f) {
                List<String> answers = new ArrayList<>();
                for (TrainPair p : train) {
                    answers.add(p.a());
                    answers.add(p.b());
                }
                f.fitNormalization(answers);
            }
            Trainer.Result r = new Trainer(net, c, scratch).train(train, test, List.of(), e -> { }, cancel);
            if (r.state() == Trainer.State.CANCELLED) {
                throw new CancelledException();
            }
            return new Scored(r.eval().accuracy(), r.eval().byLength(), score.isEmpty() ? new double[0] : Trainer.scorePairs(net, score, 64));
        } finally {
            Trainer.deleteTree(scratch);
        }
    }

    static double accuracy(LabelModel model, LabelMatrix matrix, int[] rows, byte[] gold, long seed) {
        double[] p = model.probabilityB(matrix, rows);
        long[] ids = IntStream.of(rows).mapToLong(r -> matrix.ids()[r]).toArray();
        byte[] hard = HardLabels.of(p, ids, TiePolicy.RANDOM, 0.5, seed);
        int right = 0;
        for (int k = 0; k < rows.length; k++) {
            if (hard[k] == gold[rows[k]]) {
                right++;
            }
        }
        return rows.length == 0 ? Double.NaN : (double) right / rows.length;
    }

    /**
     * Row indices of test, train (labeled) and pool. With a fixed evaluation file its rows (after the
     * dataset's) are the test split; otherwise a seeded {@code evalFraction} of the dataset is.
     */
    static int[][] split(int n, int fixedTest, double evalFraction, double labeled, long seed) {
        int[] order = Trainer.shuffled(n, seed);
        int nTest = fixedTest > 0 ? 0 : (int) Math.round(evalFraction * n);
        int rest = n - nTest;
        int nTrain = Math.max(1, (int) Math.round(labeled * rest));
        int[] test = fixedTest > 0 ? IntStream.range(n, n + fixedTest).toArray() : java.util.Arrays.copyOfRange(order, 0, nTest);
        int[] train = java.util.Arrays.copyOfRange(order, nTest, nTest + nTrain);
        int[] pool = java.util.Arrays.copyOfRange(order, nTest + nTrain, n);
        java.util.Arrays.sort(test);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(pool);
        return new int[][] {test, train, pool};
    }

    private static long[] idsUpTo(int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).toArray();
    }

    static List<Pair> read(Path file) throws IOException, BadInputException {
        return RewardData.readLabeled(file, ImportOptions.defaults()).pairs();
    }
}
