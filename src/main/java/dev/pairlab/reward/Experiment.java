package dev.pairlab.reward;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.HardLabels;
import dev.pairlab.labelmodel.LabelModel;
import dev.pairlab.labelmodel.MajorityVote;
import dev.pairlab.labelmodel.SnorkelStyleModel;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.io.BufferedWriter;
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

    /** The experiment's settings; saved as experiment.json in the output folder. */
    public record Params(Path dataset, Path evalFile, double evalFraction, List<Double> labeled, int seeds, String preset,
                        List<String> variants, double threshold, RewardConfig reward) {

        public Params {
            labeled = List.copyOf(labeled);
            variants = List.copyOf(variants);
            for (String v : variants) {
                if (!List.of("gold", "gold+weak", "soft", "filtered").contains(v)) {
                    throw new IllegalArgumentException("unknown variant '" + v + "' (gold, gold+weak, soft, filtered)");
                }
            }
            for (double f : labeled) {
                if (!(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("labeled fractions must be in (0, 1], got " + f);
                }
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1");
            }
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

    public static List<Row> run(Params params, Path outDir, ProgressListener progress, Cancellation cancel)
            throws IOException, BadInputException, CancelledException {
        OutputFile.folder(outDir);
        Path settings = outDir.resolve("experiment.json");
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(params.toJson());
        if (Files.exists(settings)) {
            JsonNode old = Json.MAPPER.readTree(settings.toFile());
            if (old.path("reward") instanceof ObjectNode r && !r.has("lengthTerm")) {
                // Written before reward models had a length term: theirs was none.
                r.put("lengthTerm", RewardConfig.LENGTH_NONE).put("lengthDecorrelation", 0.0);
            }
            if (!old.equals(Json.MAPPER.readTree(json))) { // compare as parsed text: number node types differ otherwise
                throw new BadInputException(outDir + " holds an experiment with other settings (" + settings
                        + "); use another --out folder or remove it");
            }
        } else {
            output(settings, params).writeText(w -> w.write(json));
        }
        Path csv = outDir.resolve("results.csv");
        List<Row> rows = new ArrayList<>();
        Set<String> done = new HashSet<>();
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv)) {
                if (!line.isBlank() && !line.startsWith("labeled,")) {
                    Row r = Row.parse(line);
                    rows.add(r);
                    done.add(r.key());
                }
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

        int total = params.labeled().size() * params.seeds() * params.variants().size();
        int cell = 0;
        for (double fraction : params.labeled()) {
            for (int s = 0; s < params.seeds(); s++) {
                long seed = 123 + s;
                int[][] split = split(data.size(), fixedTest.size(), params.evalFraction(), fraction, seed);
                int[] test = split[0];
                int[] train = split[1];
                int[] pool = split[2];
                FitOptions fit = FitOptions.paper().withL2(params.preset().equals("hh") ? 0.5 : 0.6).withSeed(seed);
                SnorkelStyleModel lm = new SnorkelStyleModel();
                lm.fit(matrix, train, fit, ProgressListener.NONE, cancel);
                double lmAcc = accuracy(lm, matrix, test, gold, seed);
                double mvAcc = accuracy(new MajorityVote(), matrix, test, gold, seed);
                double[] pb = lm.probabilityB(matrix, pool);
                long[] poolIds = IntStream.of(pool).mapToLong(r -> ids[r]).toArray();
                byte[] hard = HardLabels.of(pb, poolIds, TiePolicy.RANDOM, 0.5, seed);
                for (String variant : params.variants()) {
                    cell++;
                    String key = trim(fraction) + "/" + seed + "/" + variant;
                    if (done.contains(key)) {
                        continue;
                    }
                    cancel.throwIfCancelled();
                    progress.progress(cell - 1, total, String.format(Locale.ROOT, "labeled %s, seed %d, %s", trim(fraction), seed, variant));
                    List<TrainPair> trainSet = new ArrayList<>();
                    for (int r : train) {
                        trainSet.add(pair(withIds.get(r), gold[r] == 0 ? 1 : 0, false));
                    }
                    int weak = 0;
                    int weakRight = 0;
                    if (!variant.equals("gold")) {
                        for (int k = 0; k < pool.length; k++) {
                            double conf = Math.max(pb[k], 1 - pb[k]);
                            if (variant.equals("filtered") && conf + 1e-12 < params.threshold()) {
                                continue;
                            }
                            double pa = variant.equals("soft") ? 1 - pb[k] : (hard[k] == 0 ? 1 : 0);
                            trainSet.add(pair(withIds.get(pool[k]), pa, true));
                            weak++;
                            if (hard[k] == gold[pool[k]]) {
                                weakRight++;
                            }
                        }
                    }
                    List<TrainPair> testSet = new ArrayList<>();
                    for (int r : test) {
                        testSet.add(pair(withIds.get(r), gold[r] == 0 ? 1 : 0, false));
                    }
                    long t0 = System.nanoTime();
                    Scored scored = trainAndScore(params.reward().withSeed(seed), trainSet, testSet, List.of(), outDir, cancel);
                    dev.pairlab.analysis.LengthSplit ls = scored.byLength();
                    Row row = new Row(fraction, seed, variant, train.length, weak, weak == 0 ? Double.NaN : (double) weakRight / weak, lmAcc, mvAcc,
                            test.length, scored.accuracy(), (System.nanoTime() - t0) / 1_000_000, ls.accuracyLongerPreferred(),
                            ls.accuracyShorterPreferred());
                    rows.add(row);
                    Files.writeString(csv, row.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }
        }
        progress.progress(total, total, "experiment done");
        ExperimentReport.write(rows, params, outDir);
        return rows;
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
        List<Pair> out = new ArrayList<>();
        try (PairReader r = Formats.detect(file).open(file, ImportOptions.defaults())) {
            ParsedRecord rec;
            while ((rec = r.next()) != null) {
                if (rec.error() != null) {
                    throw new BadInputException(rec.error().describe(file.toString()));
                }
                if (rec.isOk() && rec.pair().gold() != Gold.NONE) {
                    out.add(rec.pair());
                }
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(file + ": no pairs with gold labels");
        }
        return out;
    }
}
