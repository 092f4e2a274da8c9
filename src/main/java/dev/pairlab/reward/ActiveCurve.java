package dev.pairlab.reward;

import dev.pairlab.analysis.LabelNext;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.HardLabels;
import dev.pairlab.labelmodel.SnorkelStyleModel;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.pairs.BadInputException;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The active-labeling curve: does choosing which pairs a human labels beat choosing at random?
 * For each seed the dataset is split into a test set and an unlabeled pool (its gold hidden, used
 * only to play the human). At zero labels a label model is fitted on the pool's votes (the fit uses
 * no gold) and a reward model trained on its weak labels. Each strategy then picks a budget of pool
 * pairs once, from that zero-label state (random; LF conflict; label-model uncertainty; reward-model
 * uncertainty; combined, see {@link LabelNext}); picks are nested, the 25 first of the 50. With the
 * picked pairs' gold revealed, the label model is fitted on them (as the method fits it on the
 * labeled subset) and a reward model trained on their gold plus the weak labels of the rest of the
 * pool. Both are scored on the test set.
 */
public final class ActiveCurve {

    public static final List<String> STRATEGIES = List.of("random", "conflict", "model", "rm", "combined");

    /** The curve's settings; the defaults and descriptions are the ones {@code pairlab active-curve} shows. */
    public record Params(Path dataset, Path evalFile, double evalFraction, List<Integer> budgets, int seeds, String preset,
                         RewardConfig reward) implements Parameters {

        public static final String DEFAULT_BUDGETS = "0,25,50,100,200";
        public static final String DEFAULT_SEEDS = "3";
        public static final String DESC_BUDGETS = "Labeled pairs";
        public static final String DESC_SEEDS = "Seeds";
        public static final String DESC_OUT = "Output folder.";

        public Params {
            budgets = List.copyOf(new TreeSet<>(budgets));
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = Experiment.Params.datasetProblems(dataset, evalFraction, seeds, preset);
            if (budgets.isEmpty() || budgets.get(0) < 0) {
                problems.add(Problem.of("budgets", "budgets must be zero or more pairs"));
            }
            return problems;
        }
    }

    /** {@code pairlab active-curve}: the curve into a results folder. */
    public record Job(Params params, Path out) implements Workflow<List<Row>> {

        @Override
        public List<Row> run(ProgressListener progress, Cancellation cancel) throws Exception {
            return ActiveCurve.run(params, out, progress, cancel);
        }

        @Override
        public String title() {
            return "Measuring the active-labeling curve";
        }
    }

    /** One cell: a strategy's label-model and reward-model test accuracy after {@code budget} labels. */
    public record Row(long seed, String strategy, int budget, int testPairs, double labelModelAccuracy, double rmAccuracy,
                      double weakAccuracy, long millis) {
        static final String HEADER = "seed,strategy,budget,test_pairs,label_model_accuracy,rm_accuracy,weak_accuracy,millis";

        String csv() {
            return String.format(Locale.ROOT, "%d,%s,%d,%d,%.6f,%.6f,%.6f,%d", seed, strategy, budget, testPairs, labelModelAccuracy,
                    rmAccuracy, weakAccuracy, millis);
        }
    }

    private ActiveCurve() {
    }

    /** A file of the results folder, refused if it is the dataset or the evaluation file. */
    private static OutputFile output(Path file, Params params) {
        OutputFile o = OutputFile.of(file, false).protecting(params.dataset(), "the dataset " + params.dataset());
        return params.evalFile() == null ? o : o.protecting(params.evalFile(), "the evaluation file " + params.evalFile());
    }

    public static List<Row> run(Params params, Path outDir, ProgressListener progress, Cancellation cancel)
            throws IOException, BadInputException, CancelledException, InvalidParametersException {
        params.requireValid();
        OutputFile.folder(outDir);
        Experiment.Prepared prep = Experiment.prepare(params.dataset(), params.evalFile(), params.preset(), progress, cancel);
        List<Pair> data = prep.data();
        List<Pair> fixedTest = prep.fixedTest();
        List<Pair> pairs = prep.pairs();
        LabelMatrix matrix = prep.matrix();
        byte[] gold = prep.gold();
        Path csv = outDir.resolve("active.csv");
        output(csv, params).writeText(w -> w.write(Row.HEADER + "\n"));
        List<Row> rows = new ArrayList<>();
        List<Integer> budgets = params.budgets();
        int nonZero = (int) budgets.stream().filter(b -> b > 0).count();
        int total = params.seeds() * (1 + STRATEGIES.size() * nonZero);
        int done = 0;
        for (int s = 0; s < params.seeds(); s++) {
            long seed = 123 + s;
            int[][] split = Experiment.split(data.size(), fixedTest.size(), params.evalFraction(), 1e-9, seed);
            int[] test = split[0];
            int[] pool = concat(split[1], split[2]);
            Arrays.sort(pool);
            FitOptions fit = FitOptions.paper().withL2(params.preset().equals("hh") ? 0.5 : 0.6).withSeed(seed);

            // Zero labels: the label model fitted on the pool's votes, a reward model on its weak labels.
            progress.progress(done, total, "seed " + seed + ": zero labels");
            long t0 = System.nanoTime();
            SnorkelStyleModel lm0 = new SnorkelStyleModel();
            lm0.fit(matrix, pool, fit, ProgressListener.NONE, cancel);
            double[] probAll = lm0.probabilityB(matrix, IntStream.range(0, matrix.n()).toArray());
            Cell zero = cell(params, pairs, matrix, gold, test, pool, new int[0], lm0, seed, outDir, cancel, true);
            Row z = new Row(seed, "none", 0, test.length, zero.lmAccuracy, zero.rmAccuracy, zero.weakAccuracy, ms(t0));
            for (String strategy : STRATEGIES) {
                if (budgets.contains(0)) {
                    Row r = new Row(seed, strategy, 0, test.length, z.labelModelAccuracy(), z.rmAccuracy(), z.weakAccuracy(), z.millis());
                    rows.add(r);
                    Files.writeString(csv, r.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }
            done++;
            double[] rmProb = new double[matrix.n()];
            Arrays.fill(rmProb, Double.NaN);
            for (int k = 0; k < pool.length; k++) {
                rmProb[pool[k]] = 1 / (1 + Math.exp(-(zero.poolScores[2 * k + 1] - zero.poolScores[2 * k])));
            }
            int maxBudget = Math.min(budgets.get(budgets.size() - 1), pool.length);
            for (String strategy : STRATEGIES) {
                int[] order = pick(strategy, matrix, pool, probAll, rmProb, maxBudget, seed);
                for (int b : budgets) {
                    if (b == 0) {
                        continue;
                    }
                    cancel.throwIfCancelled();
                    progress.progress(done, total, String.format(Locale.ROOT, "seed %d: %s, %d labels", seed, strategy, b));
                    long t1 = System.nanoTime();
                    int[] labeled = Arrays.copyOf(order, Math.min(b, order.length));
                    Arrays.sort(labeled);
                    SnorkelStyleModel lm = new SnorkelStyleModel();
                    lm.fit(matrix, labeled, fit, ProgressListener.NONE, cancel);
                    Cell c = cell(params, pairs, matrix, gold, test, pool, labeled, lm, seed, outDir, cancel, false);
                    Row r = new Row(seed, strategy, b, test.length, c.lmAccuracy, c.rmAccuracy, c.weakAccuracy, ms(t1));
                    rows.add(r);
                    Files.writeString(csv, r.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    done++;
                }
            }
        }
        progress.progress(total, total, "active-labeling curve done");
        writeReport(rows, params, outDir);
        return rows;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The first {@code n} pool rows in the strategy's order. */
    static int[] pick(String strategy, LabelMatrix matrix, int[] pool, double[] probB, double[] rmProbB, int n, long seed) {
        if (strategy.equals("random")) {
            int[] order = Trainer.shuffled(pool.length, seed * 31 + 7);
            int[] out = new int[Math.min(n, pool.length)];
            for (int i = 0; i < out.length; i++) {
                out[i] = pool[order[i]];
            }
            return out;
        }
        LabelNext.By by = LabelNext.By.parse(strategy);
        return Arrays.stream(LabelNext.rank(matrix, pool, probB, rmProbB, by, n)).mapToInt(LabelNext.Ranked::row).toArray();
    }

    private record Cell(double lmAccuracy, double rmAccuracy, double weakAccuracy, double[] poolScores) {
    }

    /** Label-model accuracy on test, then a reward model on the labeled pairs' gold + the rest of the pool's weak labels. */
    private static Cell cell(Params params, List<Pair> pairs, LabelMatrix matrix, byte[] gold, int[] test, int[] pool, int[] labeled,
                             SnorkelStyleModel lm, long seed, Path outDir, Cancellation cancel, boolean scorePool)
            throws IOException, CancelledException {
        double lmAcc = Experiment.accuracy(lm, matrix, test, gold, seed);
        int[] rest = IntStream.of(pool).filter(r -> Arrays.binarySearch(labeled, r) < 0).toArray();
        double[] pb = lm.probabilityB(matrix, rest);
        long[] restIds = IntStream.of(rest).mapToLong(r -> matrix.ids()[r]).toArray();
        byte[] hard = HardLabels.of(pb, restIds, TiePolicy.RANDOM, 0.5, seed);
        List<TrainPair> train = new ArrayList<>();
        for (int r : labeled) {
            train.add(pair(pairs.get(r), gold[r] == 0 ? 1 : 0, false));
        }
        int right = 0;
        for (int k = 0; k < rest.length; k++) {
            train.add(pair(pairs.get(rest[k]), hard[k] == 0 ? 1 : 0, true));
            right += hard[k] == gold[rest[k]] ? 1 : 0;
        }
        List<TrainPair> testSet = new ArrayList<>();
        for (int r : test) {
            testSet.add(pair(pairs.get(r), gold[r] == 0 ? 1 : 0, false));
        }
        List<TrainPair> poolPairs = new ArrayList<>();
        if (scorePool) {
            for (int p : pool) {
                poolPairs.add(pair(pairs.get(p), 0.5, false));
            }
        }
        Experiment.Scored scored = Experiment.trainAndScore(params.reward().withSeed(seed), train, testSet, poolPairs, outDir, cancel);
        return new Cell(lmAcc, scored.accuracy(), rest.length == 0 ? Double.NaN : (double) right / rest.length, scored.rewards());
    }

    private static TrainPair pair(Pair p, double pa, boolean weak) {
        return Experiment.pair(p, pa, weak);
    }

    static void writeReport(List<Row> rows, Params params, Path outDir) throws IOException, BadInputException {
        Map<Double, Map<String, ExperimentReport.Stat>> rm = new LinkedHashMap<>();
        Map<Double, Map<String, ExperimentReport.Stat>> lm = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("Active labeling on ").append(params.dataset().getFileName()).append(" (LF preset ").append(params.preset()).append(", ")
                .append(params.seeds()).append(" seeds): test accuracy of the label model (LM) and of the reward model (RM, gold of the ")
                .append("labeled pairs + weak labels for the rest of the pool), mean ± std, by number of labeled pairs.\n\n| labeled |");
        for (String s : STRATEGIES) {
            md.append(" LM ").append(s).append(" |");
        }
        for (String s : STRATEGIES) {
            md.append(" RM ").append(s).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(2 * STRATEGIES.size())).append('\n');
        for (int b : params.budgets()) {
            Map<String, ExperimentReport.Stat> r = new LinkedHashMap<>();
            Map<String, ExperimentReport.Stat> l = new LinkedHashMap<>();
            for (String s : STRATEGIES) {
                List<Row> cell = rows.stream().filter(x -> x.budget() == b && x.strategy().equals(s)).toList();
                r.put(s, ExperimentReport.Stat.of(cell.stream().map(Row::rmAccuracy).toList()));
                l.put(s, ExperimentReport.Stat.of(cell.stream().map(Row::labelModelAccuracy).toList()));
            }
            rm.put((double) b, r);
            lm.put((double) b, l);
            md.append("| ").append(b).append(" |");
            for (String s : STRATEGIES) {
                md.append(' ').append(l.get(s).text()).append(" |");
            }
            for (String s : STRATEGIES) {
                md.append(' ').append(r.get(s).text()).append(" |");
            }
            md.append('\n');
        }
        output(outDir.resolve("active.md"), params).writeText(w -> w.write(md.toString()));
        String name = params.dataset().getFileName().toString();
        ExperimentReport.writePng(output(outDir.resolve("active-rm.png"), params),
                ExperimentReport.plot(rm, STRATEGIES, "Reward-model test accuracy vs labeled pairs — " + name, "labeled pairs", "RM: "));
        ExperimentReport.writePng(output(outDir.resolve("active-lm.png"), params),
                ExperimentReport.plot(lm, STRATEGIES, "Label-model test accuracy vs labeled pairs — " + name, "labeled pairs", "LM: "));
    }
}
