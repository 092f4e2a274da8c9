package dev.pairlab.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * Pattern-LF throughput: answers scored per second by the plain {@code java.util.regex} definition
 * ({@link PatternRule#plain()}, what pattern LFs ran before the compiled matcher) and by the compiled
 * matcher ({@link PatternRule#compile()}), on one thread and on all cores, on real answers.
 */
public final class PatternBenchmark {

    /** One LF's figures; {@code *PerS} are answers per second. */
    public record Result(String lf, int answers, double plainPerS, double compiledPerS, double plainParallelPerS,
                         double compiledParallelPerS, int threads) {
        public double speedup() {
            return compiledPerS / plainPerS;
        }

        public double parallelSpeedup() {
            return compiledParallelPerS / plainParallelPerS;
        }
    }

    private PatternBenchmark() {
    }

    /**
     * The pattern LFs measured by default: the UB regex set of the side-by-side with Snorkel (the paper's
     * patterns, case-sensitive), the cleaned UB regex LF and the HH keyword LFs, cleaned and exact.
     */
    public static Map<String, PatternRule> defaultLfs() {
        Map<String, PatternRule> lfs = new LinkedHashMap<>();
        lfs.put("ub regex (side by side)", new PatternRule(List.of("According to.*", "(?:overview|summary) of",
                "\\b(?:pros and cons|advantages and disadvantages)\\b", "(?:(?:for example|such as) \\b\\w+\\b)", "(.)\\1{3,}"),
                List.of("(understand|comprehend|grasp)\\b.*\\b(your|the) (question|point|concern)", "\\b(?:I guess|maybe|perhaps)\\b.*",
                        "\\b(?:best|most effective) (?:practice|approach)\\b", "\\b(?:not sure|unclear) (?:about|regarding)\\b",
                        "(?:I'm not sure|I don't know) (?:about|if)", "\\b(how|what|why|where|when|who)\\b.{0,95}[\\?\\!]",
                        "(?:it could be|it's possible that) \\b\\w+\\b"),
                true, true, false, PatternRule.Count.PRESENCE));
        lfs.put("ub regex", (PatternRule) Presets.get("ub").get("regex"));
        for (String k : List.of("keyword_offensive", "keyword_harmful", "keyword_bad")) {
            lfs.put("hh " + k, (PatternRule) Presets.get("hh").get(k));
        }
        for (String k : List.of("keyword_offensive", "keyword_harmful", "keyword_bad")) {
            lfs.put("hh --exact " + k, (PatternRule) Presets.get("hh", true).get(k));
        }
        return lfs;
    }

    /**
     * Each LF scored on {@code answers}, timing whole passes over them until {@code seconds} have passed
     * (after a warm-up of the same length), on one thread and on a pool of {@code threads}.
     */
    public static List<Result> run(List<String> answers, Map<String, PatternRule> lfs, double seconds, int threads) throws LfException {
        List<Result> out = new ArrayList<>();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            for (Map.Entry<String, PatternRule> e : lfs.entrySet()) {
                PatternRule.Plain plain = e.getValue().plain();
                PatternRule.Compiled compiled = e.getValue().compile();
                double p1 = perSecond(answers, plain::score, seconds, null);
                double c1 = perSecond(answers, compiled::score, seconds, null);
                double pn = perSecond(answers, plain::score, seconds, pool);
                double cn = perSecond(answers, compiled::score, seconds, pool);
                out.add(new Result(e.getKey(), answers.size(), p1, c1, pn, cn, threads));
            }
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /** Answers per second; slow scorers are timed on blocks of 64 answers so that one pass need not finish. */
    private static double perSecond(List<String> answers, ToIntFunction<String> score, double seconds, ForkJoinPool pool) {
        timed(answers, score, seconds, pool);
        return timed(answers, score, seconds, pool);
    }

    private static double timed(List<String> answers, ToIntFunction<String> score, double seconds, ForkJoinPool pool) {
        int block = 64;
        int blocks = (answers.size() + block - 1) / block;
        long budget = (long) (seconds * 1e9);
        AtomicLong done = new AtomicLong();
        long[] sink = new long[1];
        long t0 = System.nanoTime();
        int next = 0;
        while (System.nanoTime() - t0 < budget) {
            // A round of blocks: one block per thread at a time keeps the parallel run from overshooting the budget by much.
            int width = pool == null ? 1 : pool.getParallelism() * 4;
            int from = next;
            IntStream range = IntStream.range(0, width);
            ToIntFunction<Integer> run = k -> {
                int b = (from + k) % blocks;
                int s = 0;
                for (int i = b * block; i < Math.min(answers.size(), (b + 1) * block); i++) {
                    s += score.applyAsInt(answers.get(i));
                    done.incrementAndGet();
                }
                return s;
            };
            if (pool == null) {
                sink[0] += range.map(run::applyAsInt).sum();
            } else {
                sink[0] += pool.submit(() -> range.parallel().map(run::applyAsInt).sum()).join();
            }
            next = (next + width) % blocks;
        }
        return done.get() / ((System.nanoTime() - t0) / 1e9);
    }
}
