package dev.pairlab.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Swap;
import dev.pairlab.store.Generations;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Generates response pairs (method.md, step 8): for each prompt one answer from source A and one
 * from source B (or two samples from A), with a concurrency limit, a request-rate limit, retries
 * with back-off, and progress with token counts and an ETA. Every answer is saved as it arrives, so
 * a cancel or crash loses nothing finished and a rerun of the same settings asks only for what is
 * missing. Finished prompts become unlabeled pool pairs, A/B placed by a seeded coin, with the
 * source models in the extras.
 */
public final class Generator {

    /** A generation run's settings (API keys are looked up by name, never stored). */
    public record Params(List<String> prompts, Source a, Source b, long seed, int concurrency, double requestsPerSecond, Duration timeout,
                         int retries) {

        public Params {
            prompts = List.copyOf(prompts);
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException("no prompts to generate answers for");
            }
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("the number of parallel requests must be between 1 and 64");
            }
        }

        /** Two samples from one source when there is no B. */
        public Source sourceB() {
            return b == null ? a : b;
        }

        /** A name for the run derived from everything that decides its answers: the same settings continue the same run. */
        public String runName() {
            String key = String.join("\u0001", prompts) + "|" + a + "|" + sourceB() + "|" + seed;
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(h, 0, 6);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("prompts", prompts.size());
            o.set("source_a", source(a));
            o.set("source_b", source(sourceB()));
            o.put("two_samples_of_a", b == null);
            o.put("seed", seed);
            o.put("concurrency", concurrency);
            o.put("requests_per_second", requestsPerSecond);
            return o;
        }

        private static ObjectNode source(Source s) {
            return Json.MAPPER.createObjectNode().put("name", s.name()).put("url", s.baseUrl()).put("model", s.model())
                    .put("key_env", s.keyEnv()).put("temperature", s.temperature()).put("max_tokens", s.maxTokens());
        }
    }

    /**
     * @param requests HTTP requests made (0 when everything was already done)
     * @param failures prompts left incomplete (a source kept failing); a rerun tries them again
     */
    public record Result(String run, int prompts, long pairs, long answersAsked, long requests, long promptTokens, long completionTokens,
                         int failures, String firstFailure, long millis) {
    }

    private Generator() {
    }

    /**
     * Generating as a job: what {@code pairlab generate} and the Generate screen both run. Reads the prompts (a file
     * or another project's contexts), shuffles and limits them with the seed, and generates; finished answers are
     * kept when it is cancelled, and the same settings continue the same run.
     */
    public record Job(Project project, GenerateParams params, Function<String, String> keys) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            List<String> pool;
            if (params.prompts() != null) {
                pool = PromptPool.fromFile(params.prompts());
            } else {
                try (Project from = Project.open(params.promptsFrom(), Project.Access.READ_ONLY)) {
                    pool = PromptPool.fromProject(from);
                }
            }
            Params p = new Params(PromptPool.prepare(pool, params.seed(), params.limit()), params.a(), params.b(), params.seed(),
                    params.concurrency(), params.rps(), Duration.ofSeconds(params.timeout()), params.retries());
            return Generator.run(project, p, keys, progress, cancel);
        }

        @Override
        public String title() {
            return "Generating pairs";
        }
    }

    public static Result run(Project project, Params params, Function<String, String> keys, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        String run = params.runName();
        long importId = Generations.ensureRun(project, run, params.toJson().toString());
        Map<String, Generations.Stored> done = Generations.done(project, run);
        List<Ask> todo = new ArrayList<>();
        for (int i = 0; i < params.prompts().size(); i++) {
            for (String slot : List.of("a", "b")) {
                if (!done.containsKey(i + "/" + slot)) {
                    todo.add(new Ask(i, slot));
                }
            }
        }
        ChatClient client = new ChatClient(params.timeout(), params.retries(), 500);
        String keyA = key(keys, params.a());
        String keyB = key(keys, params.sourceB());
        RateLimiter limiter = new RateLimiter(params.requestsPerSecond());
        AtomicLong finished = new AtomicLong();
        AtomicLong pairs = new AtomicLong();
        AtomicLong tokensIn = new AtomicLong();
        AtomicLong tokensOut = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        int total = todo.size();
        List<java.util.concurrent.Callable<Void>> jobs = new ArrayList<>();
        for (Ask job : todo) {
            jobs.add(() -> {
                Source s = job.slot().equals("a") ? params.a() : params.sourceB();
                String prompt = params.prompts().get(job.idx());
                try {
                    limiter.acquire(cancel);
                    ChatClient.Answer ans = client.complete(s, job.slot().equals("a") ? keyA : keyB, prompt, cancel);
                    boolean slotAIsB = Swap.swapped(params.seed(), job.idx() + 1);
                    ObjectNode extras = Json.MAPPER.createObjectNode();
                    Source first = slotAIsB ? params.sourceB() : params.a();
                    Source second = slotAIsB ? params.a() : params.sourceB();
                    extras.put("model_a", first.model()).put("model_b", second.model()).put("source_a", first.name())
                            .put("source_b", second.name()).put("generation_run", run);
                    long id = Generations.saveAnswer(project, run, importId, job.idx(), job.slot(), prompt,
                            new Generations.Stored(s.name(), s.model(), ans.text(), ans.promptTokens(), ans.completionTokens()), slotAIsB,
                            extras.toString());
                    if (id > 0) {
                        pairs.incrementAndGet();
                    }
                    tokensIn.addAndGet(ans.promptTokens());
                    tokensOut.addAndGet(ans.completionTokens());
                } catch (CancelledException e) {
                    return null;
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, "prompt " + (job.idx() + 1) + ", source " + s.name() + ": " + e.getMessage());
                }
                long n = finished.incrementAndGet();
                double elapsed = (System.nanoTime() - start) / 1e9;
                long eta = Math.round(elapsed / n * (total - n));
                progress.progress(n, total, String.format(java.util.Locale.ROOT,
                        "generating: %d of %d answers, %d pairs, tokens %d in / %d out, about %d s left", n, total, pairs.get(),
                        tokensIn.get(), tokensOut.get(), eta));
                return null;
            });
        }
        Workers.runAll(jobs, params.concurrency(), "pairlab-generate", cancel, failures, firstFailure);
        cancel.throwIfCancelled();
        Map<String, Generations.Stored> all = Generations.done(project, run);
        long allPairs = java.util.stream.IntStream.range(0, params.prompts().size())
                .filter(i -> all.containsKey(i + "/a") && all.containsKey(i + "/b")).count();
        return new Result(run, params.prompts().size(), allPairs, total, client.requests(), tokensIn.get(), tokensOut.get(),
                (int) failures.get(), firstFailure.get(), (System.nanoTime() - start) / 1_000_000);
    }

    private record Ask(int idx, String slot) {
    }

    private static String key(Function<String, String> keys, Source s) {
        return s.keyEnv() == null || s.keyEnv().isBlank() ? null : keys.apply(s.keyEnv());
    }

    /** At most {@code perSecond} requests a second across all threads (0: no limit). */
    static final class RateLimiter {
        private final long intervalNanos;
        private long next;

        RateLimiter(double perSecond) {
            this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
        }

        void acquire(Cancellation cancel) throws CancelledException {
            if (intervalNanos == 0) {
                return;
            }
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                next = Math.max(next, now);
                wait = next - now;
                next += intervalNanos;
            }
            while (wait > 0) {
                cancel.throwIfCancelled();
                long step = Math.min(wait, 100_000_000L);
                try {
                    Thread.sleep(step / 1_000_000, (int) (step % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
                wait -= step;
            }
        }
    }
}
