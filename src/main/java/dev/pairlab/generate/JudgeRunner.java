package dev.pairlab.generate;

import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LfException;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Judgements;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Applies an LLM-judge LF: asks its endpoint about every pair of the chosen splits (in both orders
 * when the LF says so) that has no stored answer for this LF version, with a few requests in flight,
 * an optional rate limit, and the chat client's retries and back-off. Each answer is stored the
 * moment it arrives, so a cancelled or crashed run continues where it stopped and a second run makes
 * no request.
 */
public final class JudgeRunner {

    /**
     * How to ask a judge LF's model, as {@code pairlab lf apply} and the LF editor's Apply both take it.
     *
     * @param concurrency requests in flight; {@code requestsPerSecond} 0 = no limit
     */
    public record Params(Set<Split> splits, int concurrency, double requestsPerSecond, Duration timeout, int retries) implements Parameters {

        public static final String DEFAULT_CONCURRENCY = "4";
        public static final String DEFAULT_RPS = "0";
        public static final String DEFAULT_TIMEOUT = "120";
        public static final String DEFAULT_RETRIES = "5";
        public static final String DESC_CONCURRENCY = "Requests in flight";
        public static final String DESC_RPS = "At most this many requests a second (default: no limit).";
        public static final String DESC_TIMEOUT = "Seconds to wait for one answer";
        public static final String DESC_RETRIES = "Attempts per question on 429/5xx/timeouts";

        /** The defaults, on these splits. */
        public static Params defaults(Set<Split> splits) {
            return new Params(splits, Integer.parseInt(DEFAULT_CONCURRENCY), Double.parseDouble(DEFAULT_RPS),
                    Duration.ofSeconds(Long.parseLong(DEFAULT_TIMEOUT)), Integer.parseInt(DEFAULT_RETRIES));
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (splits.isEmpty()) {
                problems.add(Problem.of("splits", "choose at least one split"));
            }
            if (concurrency < 1) {
                problems.add(Problem.of("concurrency", "concurrency must be at least 1"));
            }
            return problems;
        }
    }

    /** Asking a judge LF about every pair without a stored answer, as a job. */
    public record Job(Project project, String lfName, Params params, Function<String, String> keys) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            return JudgeRunner.run(project, lfName, params, keys, progress, cancel);
        }

        @Override
        public String title() {
            return "Asking the judge " + lfName;
        }
    }

    /** The endpoint a judge LF asks (for the plain-http warning before it runs), or null when it is no judge LF. */
    public static String endpointOf(Project project, String lfName) throws LfException {
        LfRecord rec = Lfs.get(project, lfName);
        if (rec == null || !rec.kind().equals(JudgeRule.KIND)) {
            return null;
        }
        return ((JudgeRule) dev.pairlab.lf.LfDefinition.parse(rec.kind(), rec.definition())).endpoint();
    }

    /**
     * @param asked     answers this run needed (pairs × orders not stored before)
     * @param requests  HTTP requests made, retries included
     * @param unparsed  answers stored that did not parse as A, B or tie
     * @param failures  questions that failed after all retries (asked again by the next run)
     */
    public record Result(int pairs, int asked, long requests, long promptTokens, long completionTokens, int unparsed, int failures,
                         String firstFailure, long millis) {
    }

    private JudgeRunner() {
    }

    public static Result run(Project project, String lfName, Params params, Function<String, String> keys, ProgressListener progress,
                             Cancellation cancel) throws CancelledException, LfException {
        LfRecord rec = Lfs.get(project, lfName);
        if (rec == null) {
            throw new LfException("no LF named '" + lfName + "'");
        }
        if (!rec.kind().equals(JudgeRule.KIND)) {
            throw new LfException("LF '" + lfName + "' is a " + rec.kind() + " LF; only LLM-judge LFs are applied this way");
        }
        if (!dev.pairlab.lf.CodeTrust.forUser().trusts(rec.definition())) {
            throw new LfException("LF '" + lfName + "' is an LLM judge that was not set up on this machine: asking it would send the"
                    + " project's texts, and the key it names, to the endpoint it names. Read it and trust it first");
        }
        JudgeRule rule = (JudgeRule) dev.pairlab.lf.LfDefinition.parse(rec.kind(), rec.definition());
        Map<Long, String[]> stored = Judgements.verdicts(project, rec.id(), rec.version());
        List<Pair> pairs = new ArrayList<>();
        Pairs.<RuntimeException, RuntimeException>forEach(project, params.splits(), false, pairs::add);
        record Job(Pair pair, boolean swapped) {
        }
        List<Job> todo = new ArrayList<>();
        for (Pair p : pairs) {
            String[] v = stored.get(p.id());
            if (v == null || v[0] == null) {
                todo.add(new Job(p, false));
            }
            if (rule.bothOrders() && (v == null || v[1] == null)) {
                todo.add(new Job(p, true));
            }
        }
        Source source = new Source("judge", rule.endpoint(), rule.model(), rule.keyEnv(), 0, rule.maxTokens(), null);
        String key = rule.keyEnv() == null || rule.keyEnv().isBlank() ? null : keys.apply(rule.keyEnv());
        if (rule.keyEnv() != null && !rule.keyEnv().isBlank() && key == null) {
            throw new LfException("the key variable " + rule.keyEnv() + " is not set (environment or keyring)");
        }
        ChatClient client = new ChatClient(params.timeout(), params.retries(), 500);
        Generator.RateLimiter limiter = new Generator.RateLimiter(params.requestsPerSecond());
        AtomicLong finished = new AtomicLong();
        AtomicLong tokensIn = new AtomicLong();
        AtomicLong tokensOut = new AtomicLong();
        AtomicLong unparsed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        int total = todo.size();
        progress.progress(0, total, total == 0 ? "every pair already has its answers" : "asking the judge " + total + " questions");
        List<java.util.concurrent.Callable<Void>> jobs = new ArrayList<>();
        for (Job job : todo) {
            jobs.add(() -> {
                Pair p = job.pair();
                try {
                    limiter.acquire(cancel);
                    ChatClient.Answer ans = client.complete(source, key, rule.render(p.context(), p.answerA(), p.answerB(), job.swapped()), cancel);
                    JudgeRule.Verdict v = rule.parse(ans.text());
                    if (v == JudgeRule.Verdict.UNPARSED) {
                        unparsed.incrementAndGet();
                    }
                    Judgements.save(project, rec.id(), rec.version(), new Judgements.Answer(p.id(), job.swapped() ? "ba" : "ab", ans.text(),
                            v.name(), ans.promptTokens(), ans.completionTokens()));
                    tokensIn.addAndGet(ans.promptTokens());
                    tokensOut.addAndGet(ans.completionTokens());
                } catch (CancelledException e) {
                    return null;
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, "pair " + p.id() + (job.swapped() ? " (B/A)" : " (A/B)") + ": " + e.getMessage());
                }
                long n = finished.incrementAndGet();
                double elapsed = (System.nanoTime() - start) / 1e9;
                progress.progress(n, total, String.format(Locale.ROOT, "judging: %d of %d answers, tokens %d in / %d out, about %d s left",
                        n, total, tokensIn.get(), tokensOut.get(), Math.round(elapsed / n * (total - n))));
                return null;
            });
        }
        Workers.runAll(jobs, params.concurrency(), "pairlab-judge", cancel, failures, firstFailure);
        cancel.throwIfCancelled();
        return new Result(pairs.size(), total, client.requests(), tokensIn.get(), tokensOut.get(), (int) unparsed.get(), (int) failures.get(),
                firstFailure.get(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Asks the (possibly unsaved) judge about a few pairs in the order(s) it uses and returns the raw
     * answers with their parsed verdicts and the vote, as text for the user to read. Stores nothing.
     */
    public static String tryOn(Project project, JudgeRule rule, long[] ids, Function<String, String> keys, Cancellation cancel)
            throws IOException, CancelledException {
        Source source = new Source("judge", rule.endpoint(), rule.model(), rule.keyEnv(), 0, rule.maxTokens(), null);
        String key = rule.keyEnv() == null || rule.keyEnv().isBlank() ? null : keys.apply(rule.keyEnv());
        ChatClient client = new ChatClient(Duration.ofSeconds(60), 2, 500);
        Map<Long, Pair> pairs = Pairs.getMany(project, ids);
        StringBuilder out = new StringBuilder();
        for (long id : ids) {
            Pair p = pairs.get(id);
            if (p == null) {
                continue;
            }
            ChatClient.Answer ab = client.complete(source, key, rule.render(p.context(), p.answerA(), p.answerB(), false), cancel);
            JudgeRule.Verdict vab = rule.parse(ab.text());
            out.append("pair ").append(id).append("  A/B: \"").append(clip(ab.text())).append("\" → ").append(vab);
            JudgeRule.Verdict vba = null;
            if (rule.bothOrders()) {
                ChatClient.Answer ba = client.complete(source, key, rule.render(p.context(), p.answerA(), p.answerB(), true), cancel);
                vba = rule.parse(ba.text());
                out.append("   B/A: \"").append(clip(ba.text())).append("\" → ").append(vba);
            }
            out.append("   vote: ").append(dev.pairlab.lf.Votes.name(rule.vote(vab, vba))).append('\n');
        }
        return out.toString();
    }

    private static String clip(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 60 ? t.substring(0, 59) + "…" : t;
    }
}
