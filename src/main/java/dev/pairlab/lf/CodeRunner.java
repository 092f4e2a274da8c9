package dev.pairlab.lf;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.api.CodeLabelingFunction;
import dev.pairlab.lf.api.Vote;
import dev.pairlab.pairs.Pair;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one code LF over chunks of pairs on its own threads, within a time budget (by default 2 s
 * per 10,000 pairs, at least 2 s). A pair on which the LF throws abstains and is reported; an LF
 * that overruns its budget is stopped — with {@code Thread.stop}, the only way to end a user's
 * infinite loop on Java 17 — and its whole column abstains.
 */
final class CodeRunner {

    static final long NANOS_PER_PAIR = 200_000; // 2 s per 10k pairs
    static final long MIN_BUDGET_NANOS = 2_000_000_000L;
    /**
     * Bytes one worker may allocate while voting on one chunk (about 0.5 MB a pair): far above what
     * reading texts needs, far below the heap. An LF past it is stopped before it can exhaust the
     * heap for the whole app (allocation is measured per thread by the JVM).
     */
    static final long MAX_ALLOCATED_PER_CHUNK = 512L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private final String name;
    private final CodeLabelingFunction fn;
    private long remainingNanos;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong firstFailurePair = new AtomicLong();
    private boolean timedOut;
    private boolean memoryExceeded;

    CodeRunner(String name, CodeLabelingFunction fn, long pairs, long nanosPerPair) {
        this.name = name;
        this.fn = fn;
        this.remainingNanos = Math.max(MIN_BUDGET_NANOS, pairs * nanosPerPair);
    }

    /** Stopped: ran too long or allocated too much; its column is discarded. */
    boolean timedOut() {
        return timedOut || memoryExceeded;
    }

    private static boolean anyAlive(Thread[] workers) {
        for (Thread w : workers) {
            if (w.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Votes on chunk rows into {@code out[firstRow + i]}; false once the LF has overrun its budget. */
    boolean run(List<Pair> chunk, int firstRow, FeatureTable features, byte[] out) {
        if (timedOut || memoryExceeded) {
            return false;
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), chunk.size() / 64 + 1));
        Thread[] workers = new Thread[threads];
        int per = (chunk.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * per;
            int to = Math.min(chunk.size(), from + per);
            workers[t] = new Thread(() -> {
                for (int i = from; i < to; i++) {
                    Pair p = chunk.get(i);
                    byte v;
                    try {
                        Vote vote = fn.vote(new PairView(p, features, firstRow + i));
                        v = vote == null ? Votes.ABSTAIN : vote.code();
                    } catch (ThreadDeath death) {
                        throw death;
                    } catch (Throwable e) {
                        v = Votes.ABSTAIN;
                        failures.incrementAndGet();
                        recordFailure(p.id(), e);
                    }
                    out[firstRow + i] = v;
                }
            }, "pairlab-lf-" + name);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        long start = System.nanoTime();
        long[] allocatedAtStart = new long[threads];
        for (int t = 0; t < threads; t++) {
            allocatedAtStart[t] = THREADS.getThreadAllocatedBytes(workers[t].getId());
        }
        // Poll rather than join: watch the time budget and each worker's allocation.
        while (anyAlive(workers) && System.nanoTime() - start < remainingNanos && !memoryExceeded) {
            try {
                workers[0].join(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (int t = 0; t < threads; t++) {
                long now = THREADS.getThreadAllocatedBytes(workers[t].getId());
                if (workers[t].isAlive() && allocatedAtStart[t] >= 0 && now - allocatedAtStart[t] > MAX_ALLOCATED_PER_CHUNK) {
                    memoryExceeded = true;
                }
            }
        }
        remainingNanos -= System.nanoTime() - start;
        for (Thread w : workers) {
            if (w.isAlive()) {
                if (!memoryExceeded) {
                    timedOut = true;
                }
                stop(w);
            }
        }
        return !timedOut && !memoryExceeded;
    }

    /** Keeps the failure on the lowest pair id, so the report does not depend on thread timing. */
    private synchronized void recordFailure(long pairId, Throwable e) {
        if (firstFailure.get() == null || pairId < firstFailurePair.get()) {
            firstFailurePair.set(pairId);
            firstFailure.set(describe(e));
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        t.interrupt();
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: threads cannot be stopped; the daemon thread is abandoned instead.
        }
    }

    /** What went wrong, for the report; null if nothing. */
    LfProblem problem(long pairs) {
        if (memoryExceeded) {
            return new LfProblem(name, 0, "allocated more than " + (MAX_ALLOCATED_PER_CHUNK >> 20) + " MB on one chunk of pairs and was stopped"
                    + " before it could exhaust memory; all its votes are abstain");
        }
        if (timedOut) {
            return new LfProblem(name, 0, "ran longer than its budget (" + Math.max(MIN_BUDGET_NANOS, pairs * NANOS_PER_PAIR) / 1_000_000_000.0
                    + " s for " + pairs + " pairs) and was stopped; all its votes are abstain");
        }
        if (failures.get() > 0) {
            return new LfProblem(name, firstFailurePair.get(), "threw on " + failures.get() + " pair(s), which abstain; first, pair "
                    + firstFailurePair.get() + ": " + firstFailure.get());
        }
        return null;
    }

    private static String describe(Throwable e) {
        String where = "";
        for (StackTraceElement f : e.getStackTrace()) {
            int line = CodeCompiler.userLine(f);
            if (line > 0) {
                where = " (line " + line + ")";
                break;
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }
}
