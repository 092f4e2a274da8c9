package dev.pairlab.lf;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import dev.pairlab.features.RecentTexts;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Columns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Applies labeling functions to every pair of a project, giving the label matrix. Feature rules
 * run on the cached feature columns (no text is read); pattern and code LFs share one pass over the
 * texts. Columns of text LFs are cached in the project per LF version, so changing one LF
 * recomputes only its column.
 */
public final class LfApplier {

    /** Pairs read and evaluated together. */
    static final int CHUNK = 1024;

    /** The matrix, and what went wrong with individual LFs (their votes there are abstain). */
    public record Applied(LabelMatrix matrix, List<LfProblem> problems) {
    }

    /** Where text LFs read pairs from, chunk by chunk in row order. */
    public interface PairSource {
        void forEachChunk(ChunkSink sink) throws CancelledException;
    }

    @FunctionalInterface
    public interface ChunkSink {
        void accept(List<Pair> chunk, int firstRow) throws CancelledException;
    }

    private LfApplier() {
    }

    /** Applies the LFs to the project's pairs (all splits), using and refreshing the vote cache. */
    public static Applied apply(Project project, FeatureTable features, List<NamedLf> lfs, ProgressListener progress,
                                Cancellation cancel) throws CancelledException {
        return apply(project, features, lfs, List.of(), progress, cancel);
    }

    /**
     * As above, and makes the feature columns the LFs read, and {@code alsoFeatures}, present in the
     * (lazy) table: when pattern LFs read the texts anyway, missing columns are computed in the same
     * pass, so each text is read once (docs/decisions/0019).
     */
    public static Applied apply(Project project, FeatureTable features, List<NamedLf> lfs, Collection<String> alsoFeatures,
                                ProgressListener progress, Cancellation cancel) throws CancelledException {
        long[] ids = features.ids();
        String hash = Columns.idsHash(ids);
        CodeTrust trust = CodeTrust.forUser();
        byte[][] cached = new byte[lfs.size()][];
        for (int j = 0; j < lfs.size(); j++) {
            NamedLf lf = lfs.get(j);
            if (lf.definition() instanceof JudgeRule judge && lf.id() > 0) {
                cached[j] = judge.column(dev.pairlab.store.Judgements.verdicts(project, lf.id(), lf.version()), ids);
                continue;
            }
            if (lf.definition() instanceof ExemplarRule exemplar) {
                cached[j] = exemplarColumn(project, exemplar, ids);
                continue;
            }
            // An untrusted code LF's stored votes are not used either: the project, not this machine, made them.
            boolean untrusted = lf.definition() instanceof CodeRule c && !trust.trusts(c.source());
            if (lf.definition().needsText() && lf.id() > 0 && !untrusted) {
                cached[j] = Columns.loadVotes(project, lf.id(), lf.version(), hash);
                if (cached[j] != null && cached[j].length != ids.length) {
                    cached[j] = null;
                }
            }
        }
        Set<String> needed = new LinkedHashSet<>(alsoFeatures);
        needed.addAll(featuresRead(lfs, cached, trust));
        List<String> missing = features.missing(needed);
        FeatureCache.Filling filling = null;
        if (!missing.isEmpty()) {
            if (readsText(lfs, cached) && !runsCode(lfs, cached, trust)) {
                filling = FeatureCache.filling(project, features, missing);
            } else {
                // Code LFs read any feature of their chunk in their worker process: every column is there before they run.
                features.load(missing, progress, cancel);
            }
        }
        PairSource source = projectSource(project, ids, !runsCode(lfs, cached, trust));
        Applied applied = apply(features, lfs, cached, source, trust, progress, cancel, filling, recentPairs());
        if (project.writable()) {
            List<String> failed = applied.problems().stream().filter(LfProblem::failure).map(LfProblem::lf).toList();
            for (int j = 0; j < lfs.size(); j++) {
                NamedLf lf = lfs.get(j);
                if (lf.definition().needsText() && lf.id() > 0 && cached[j] == null && !failed.contains(lf.name())) {
                    Columns.saveVotes(project, lf.id(), lf.version(), hash, applied.matrix().column(j));
                }
            }
        }
        return applied;
    }

    /** The text features these LFs read when applied (code LFs trusted here read them all). */
    public static Set<String> featuresRead(List<NamedLf> lfs) {
        return featuresRead(lfs, null, CodeTrust.forUser());
    }

    /** The text features these LFs read from the table: a feature rule's feature; every one for a code LF that will run. */
    static Set<String> featuresRead(List<NamedLf> lfs, byte[][] cached, CodeTrust trust) {
        Set<String> out = new LinkedHashSet<>();
        for (int j = 0; j < lfs.size(); j++) {
            LfDefinition d = lfs.get(j).definition();
            if (d instanceof FeatureRule f) {
                out.add(f.feature());
            } else if (d instanceof CodeRule && (cached == null || cached[j] == null) && runs(lfs.get(j), trust)) {
                Features.all().forEach(f -> out.add(f.name()));
            }
        }
        return out;
    }

    private static boolean runs(NamedLf lf, CodeTrust trust) {
        return lf.definition() instanceof CodeRule c && (lf.vouched() || trust.trusts(c.source()));
    }

    /** Whether some pattern or code LF has no cached column, so the texts are read. */
    private static boolean readsText(List<NamedLf> lfs, byte[][] cached) {
        for (int j = 0; j < lfs.size(); j++) {
            LfDefinition d = lfs.get(j).definition();
            if ((d instanceof PatternRule || d instanceof CodeRule) && cached[j] == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean runsCode(List<NamedLf> lfs, byte[][] cached, CodeTrust trust) {
        for (int j = 0; j < lfs.size(); j++) {
            if (cached[j] == null && runs(lfs.get(j), trust)) {
                return true;
            }
        }
        return false;
    }

    /** An exemplar LF's votes from the project's stored embeddings of its model; abstain where there are none. */
    public static byte[] exemplarColumn(Project project, ExemplarRule rule, long[] ids) {
        byte[] out = new byte[ids.length];
        java.util.Arrays.fill(out, Votes.ABSTAIN);
        dev.pairlab.store.Embeddings.forEach(project, rule.model(), r -> {
            int row = java.util.Arrays.binarySearch(ids, r.pairId());
            if (row >= 0) {
                out[row] = rule.vote(r.a(), r.b());
            }
        });
        return out;
    }

    /**
     * Applies LFs to pairs from any source. {@code cached[j]}, when not null, is LF j's column
     * already known; text LFs without one are evaluated in one pass over the source.
     */
    public static Applied apply(FeatureTable features, List<NamedLf> lfs, byte[][] cached, PairSource source,
                                ProgressListener progress, Cancellation cancel) throws CancelledException {
        return apply(features, lfs, cached, source, CodeTrust.forUser(), progress, cancel);
    }

    /**
     * As above, with the trust store to ask: a code LF runs only if it is trusted there or is vouched for
     * by whoever runs it ({@link NamedLf#vouched()}); otherwise its column abstains and it is reported.
     */
    public static Applied apply(FeatureTable features, List<NamedLf> lfs, byte[][] cached, PairSource source, CodeTrust trust,
                                ProgressListener progress, Cancellation cancel) throws CancelledException {
        return apply(features, lfs, cached, source, trust, progress, cancel, null, recentPairs());
    }

    /**
     * As {@link #apply(FeatureTable, List, byte[][], PairSource, ProgressListener, Cancellation)}, with the
     * caller's pairs seen recently for the pattern LFs' votes ({@link #recentPairs()}), so that a caller
     * applying the same LFs chunk after chunk (the Spark job) does not evaluate a pair again that an
     * earlier chunk had. What it holds are the votes of these LFs' pattern rules in LF order: pass it
     * only with the same LFs and the same {@code cached} columns, from one thread at a time.
     */
    public static Applied apply(FeatureTable features, List<NamedLf> lfs, byte[][] cached, PairSource source,
                                RecentTexts<byte[]> recentPairs, ProgressListener progress, Cancellation cancel) throws CancelledException {
        return apply(features, lfs, cached, source, CodeTrust.forUser(), progress, cancel, null, recentPairs);
    }

    /** A fresh memory of pattern votes for {@link #RECENT_PAIRS} pairs, for one caller's successive {@code apply} calls. */
    public static RecentTexts<byte[]> recentPairs() {
        return new RecentTexts<>(RECENT_PAIRS);
    }

    /**
     * As above; {@code filling}, when not null, computes missing feature columns in the pass over the
     * texts, chunk by chunk before the text LFs, and puts them in the table after it. Feature rules
     * vote after the pass, so they read those columns without a pass of their own. {@code recent} gives the
     * pattern votes of pairs seen before and keeps those evaluated here.
     */
    private static Applied apply(FeatureTable features, List<NamedLf> lfs, byte[][] cached, PairSource source, CodeTrust trust,
                                 ProgressListener progress, Cancellation cancel, FeatureCache.Filling filling, RecentTexts<byte[]> recent)
            throws CancelledException {
        int n = features.size();
        List<Integer> featureLfs = new ArrayList<>();
        byte[][] columns = new byte[lfs.size()][];
        List<LfProblem> problems = new ArrayList<>();
        List<Integer> patternLfs = new ArrayList<>();
        List<PatternRule.Compiled> patterns = new ArrayList<>();
        List<Integer> codeLfs = new ArrayList<>();
        List<CodeRunner> runners = new ArrayList<>();
        for (int j = 0; j < lfs.size(); j++) {
            NamedLf lf = lfs.get(j);
            if (cached != null && cached[j] != null) {
                columns[j] = cached[j];
                continue;
            }
            columns[j] = new byte[n];
            try {
                LfDefinition d = lf.definition();
                if (d instanceof FeatureRule) {
                    featureLfs.add(j);
                } else if (d instanceof PatternRule p) {
                    patterns.add(p.compile());
                    patternLfs.add(j);
                } else if (d instanceof CodeRule c) {
                    if (!lf.vouched() && !trust.trusts(c.source())) {
                        java.util.Arrays.fill(columns[j], Votes.ABSTAIN);
                        CodeTrust.skipped(lf.name(), c.source());
                        problems.add(new LfProblem(lf.name(), 0, "a code LF that is not trusted on this machine, so it did not run"
                                + " and all its votes are abstain; read its source and trust it to run it", LfProblem.Kind.UNTRUSTED));
                        continue;
                    }
                    runners.add(new CodeRunner(lf.name(), CodeCompiler.compile(c.source()), n, CodeRunner.NANOS_PER_PAIR));
                    codeLfs.add(j);
                } else if (d instanceof JudgeRule || d instanceof ExemplarRule) {
                    // Votes of an LLM judge come from the answers stored in a project ('pairlab lf apply'), an exemplar LF's
                    // from the embeddings stored there ('pairlab embed'); neither is here.
                    java.util.Arrays.fill(columns[j], Votes.ABSTAIN);
                }
            } catch (LfException | IllegalArgumentException e) {
                java.util.Arrays.fill(columns[j], Votes.ABSTAIN);
                problems.add(new LfProblem(lf.name(), 0, e.getMessage()));
            }
        }
        int loopProblems = problems.size();
        if (!runners.isEmpty()) {
            // A code LF may read any feature of its chunk: the columns are made before its budgeted time starts.
            features.loadAll(progress, cancel);
        }
        if (!patternLfs.isEmpty() || !codeLfs.isEmpty()) {
            try {
                source.forEachChunk((chunk, firstRow) -> {
                    cancel.throwIfCancelled();
                    if (filling != null) {
                        filling.rows(chunk.size(), i -> chunk.get(i).answerA(), i -> chunk.get(i).answerB(), firstRow);
                    }
                    // Code LFs vote in their worker processes while the pattern LFs run here.
                    for (CodeRunner r : runners) {
                        r.send(chunk, firstRow, features);
                    }
                    if (!patterns.isEmpty()) {
                        votePatterns(chunk, firstRow, patterns, patternLfs, columns, recent);
                    }
                    for (int k = 0; k < codeLfs.size(); k++) {
                        runners.get(k).collect(firstRow, columns[codeLfs.get(k)]);
                    }
                    progress.progress(firstRow + chunk.size(), n, "applying labeling functions");
                });
            } finally {
                runners.forEach(CodeRunner::close);
            }
            for (int k = 0; k < codeLfs.size(); k++) {
                CodeRunner r = runners.get(k);
                LfProblem problem = r.problem();
                if (problem != null) {
                    problems.add(problem);
                }
                LfProblem printed = r.printed();
                if (printed != null) {
                    problems.add(printed);
                }
                if (r.timedOut()) {
                    java.util.Arrays.fill(columns[codeLfs.get(k)], Votes.ABSTAIN);
                }
            }
            if (filling != null) {
                filling.finish(features);
            }
        }
        // Without a pass over the texts, a feature rule's column is read (or computed) from the table here.
        List<LfProblem> ordered = new ArrayList<>();
        int next = 0;
        for (int j : featureLfs) {
            try {
                applyFeatureRule((FeatureRule) lfs.get(j).definition(), features, columns[j]);
            } catch (IllegalArgumentException e) {
                java.util.Arrays.fill(columns[j], Votes.ABSTAIN);
                // Reported where the LF stands among the problems found before the pass, as when feature rules voted first.
                while (next < loopProblems && indexOf(lfs, problems.get(next).lf()) < j) {
                    ordered.add(problems.get(next++));
                }
                ordered.add(new LfProblem(lfs.get(j).name(), 0, e.getMessage()));
            }
        }
        if (!ordered.isEmpty()) {
            ordered.addAll(problems.subList(next, problems.size()));
            problems = ordered;
        }
        List<String> names = lfs.stream().map(NamedLf::name).toList();
        return new Applied(new LabelMatrix(features.ids(), names, columns), problems);
    }

    private static int indexOf(List<NamedLf> lfs, String name) {
        for (int j = 0; j < lfs.size(); j++) {
            if (lfs.get(j).name().equals(name)) {
                return j;
            }
        }
        return lfs.size();
    }

    /** Pairs whose pattern votes are kept for a pair seen again (at most 8192 pairs of answers held). */
    static final int RECENT_PAIRS = 8192;

    /**
     * The pattern LFs' votes on a chunk: a pair seen recently (same two answers) takes the votes it
     * had, the others are evaluated in parallel, every pattern LF on one pair by one thread.
     * Pattern votes depend only on the two answers, so the columns are what evaluating every pair gives.
     */
    private static void votePatterns(List<Pair> chunk, int firstRow, List<PatternRule.Compiled> patterns, List<Integer> patternLfs,
                                     byte[][] columns, RecentTexts<byte[]> recent) {
        int size = chunk.size();
        int m = patterns.size();
        int[] misses = new int[size];
        int missing = 0;
        for (int i = 0; i < size; i++) {
            byte[] known = recent.get(chunk.get(i).answerA(), chunk.get(i).answerB());
            if (known == null) {
                misses[missing++] = i;
            } else {
                for (int k = 0; k < m; k++) {
                    columns[patternLfs.get(k)][firstRow + i] = known[k];
                }
            }
        }
        byte[][] votes = new byte[missing][m];
        IntStream.range(0, missing).parallel().forEach(x -> {
            Pair pair = chunk.get(misses[x]);
            for (int k = 0; k < m; k++) {
                votes[x][k] = patterns.get(k).vote(pair.answerA(), pair.answerB());
            }
        });
        for (int x = 0; x < missing; x++) {
            Pair pair = chunk.get(misses[x]);
            for (int k = 0; k < m; k++) {
                columns[patternLfs.get(k)][firstRow + misses[x]] = votes[x][k];
            }
            recent.put(pair.answerA(), pair.answerB(), votes[x]);
        }
    }

    /** A feature rule's column from the cached feature values: no text, no boxing, parallel. */
    static void applyFeatureRule(FeatureRule rule, FeatureTable features, byte[] out) {
        float[] a = features.a(rule.feature());
        float[] b = features.b(rule.feature());
        IntStream.range(0, (out.length + 65535) / 65536).parallel().forEach(block -> {
            int from = block * 65536;
            int to = Math.min(out.length, from + 65536);
            for (int i = from; i < to; i++) {
                out[i] = rule.vote(a[i], b[i]);
            }
        });
    }

    /** The project's pairs (all splits) in id order, checked to line up with {@code ids}. */
    public static PairSource projectSource(Project project, long[] ids) {
        return projectSource(project, ids, false);
    }

    /** A chunk read ahead, or the end of the pairs. */
    private record ReadChunk(List<Pair> pairs, int firstRow) {
    }

    private static final ReadChunk END = new ReadChunk(List.of(), -1);

    /** Thrown in the reading thread to stop reading when the work on the chunks has ended early. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /**
     * As above; the pairs are read on a thread of their own, up to two chunks ahead of the work, so
     * that reading (one SQLite connection, one core) and voting (all cores) overlap. With
     * {@code answersOnly} a pair carries its id and answers only (empty context, no gold): all that
     * pattern LFs and features read, and less to decode.
     */
    static PairSource projectSource(Project project, long[] ids, boolean answersOnly) {
        return sink -> {
            java.util.concurrent.ArrayBlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(2);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    java.util.concurrent.atomic.AtomicReference<List<Pair>> chunk = new java.util.concurrent.atomic.AtomicReference<>(
                            new ArrayList<>(CHUNK));
                    int[] row = {0};
                    java.util.function.Consumer<Pair> add = p -> {
                        List<Pair> c = chunk.get();
                        if (row[0] + c.size() >= ids.length || p.id() != ids[row[0] + c.size()]) {
                            throw new IllegalStateException("the project's pairs changed while LFs were applied; apply again");
                        }
                        c.add(p);
                        if (c.size() == CHUNK) {
                            hand(queue, stop, new ReadChunk(c, row[0]));
                            row[0] += CHUNK;
                            chunk.set(new ArrayList<>(CHUNK));
                        }
                    };
                    if (answersOnly) {
                        Pairs.<RuntimeException>forEachAnswers(project, Long.MIN_VALUE,
                                (id, a, b) -> add.accept(new Pair(id, "", a, b, dev.pairlab.pairs.Gold.NONE, null, null, 0, null)));
                    } else {
                        Pairs.<RuntimeException, RuntimeException>forEach(project, Pairs.allSplits(), false, add::accept);
                    }
                    if (!chunk.get().isEmpty()) {
                        hand(queue, stop, new ReadChunk(chunk.get(), row[0]));
                    }
                    hand(queue, stop, END);
                } catch (StopReading e) {
                    // the work ended first; nobody waits for more
                } catch (Throwable t) {
                    try {
                        hand(queue, stop, t);
                    } catch (StopReading e) {
                        // the work ended first
                    }
                }
            }, "pairlab-read-pairs");
            reader.setDaemon(true);
            reader.start();
            try {
                while (true) {
                    Object x = queue.take();
                    if (x == END) {
                        break;
                    }
                    if (x instanceof RuntimeException e) {
                        throw e;
                    }
                    if (x instanceof Error e) {
                        throw e;
                    }
                    if (x instanceof Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    ReadChunk c = (ReadChunk) x;
                    sink.accept(c.pairs(), c.firstRow());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying LFs", e);
            } finally {
                stop.set(true);
                queue.clear();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Puts a chunk (or the end, or a failure) in the queue, waiting for room unless the work has stopped. */
    private static void hand(java.util.concurrent.BlockingQueue<Object> queue, java.util.concurrent.atomic.AtomicBoolean stop, Object x) {
        try {
            while (!queue.offer(x, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    throw new StopReading();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopReading();
        }
    }

    /** A source over pairs held in memory (tests, benchmarks, previews). */
    public static PairSource inMemory(List<Pair> pairs) {
        return sink -> {
            for (int from = 0; from < pairs.size(); from += CHUNK) {
                sink.accept(pairs.subList(from, Math.min(pairs.size(), from + CHUNK)), from);
            }
        };
    }
}
