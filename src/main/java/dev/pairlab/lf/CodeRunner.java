package dev.pairlab.lf;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.Pair;
import java.io.IOException;
import java.util.List;

/**
 * Runs one code LF over chunks of pairs in its own worker process ({@link CodeSandbox}), within a
 * time budget (by default 2 s per 10,000 pairs, at least 2 s, not counting the worker's start). A
 * pair on which the LF throws abstains and is reported; an LF that overruns its budget has its worker
 * killed and its whole column abstains, as does one that runs out of its worker's memory. What the LF
 * prints is kept (the first few KB) as its diagnostics.
 */
final class CodeRunner implements AutoCloseable {

    static final long NANOS_PER_PAIR = 200_000; // 2 s per 10k pairs
    static final long MIN_BUDGET_NANOS = 2_000_000_000L;
    /** Printed output kept for the report, over all chunks. */
    private static final int OUTPUT_KEPT = 4096;

    private final String name;
    private final CompiledLf lf;
    private final long budgetNanos;
    private long remainingNanos;
    private CodeSandbox sandbox;
    private long sentAt;
    private boolean sent;
    private long failures;
    private String firstFailure;
    private long firstFailurePair;
    private String stopped;
    private final StringBuilder output = new StringBuilder();
    private long lastPid;

    CodeRunner(String name, CompiledLf lf, long pairs, long nanosPerPair) {
        this.name = name;
        this.lf = lf;
        this.budgetNanos = Math.max(MIN_BUDGET_NANOS, pairs * nanosPerPair);
        this.remainingNanos = budgetNanos;
    }

    /** Stopped (ran too long, ran out of memory, could not start); its column is discarded. */
    boolean timedOut() {
        return stopped != null;
    }

    /** Sends a chunk to the worker (starting it the first time); {@link #collect} gets the votes. */
    void send(List<Pair> chunk, int firstRow, FeatureTable features) {
        if (stopped != null) {
            return;
        }
        try {
            if (sandbox == null) {
                sandbox = CodeSandbox.start(lf, features.names(), remainingNanos); // the JVM's start is not counted
                lastPid = sandbox.pid();
            }
            sentAt = System.nanoTime();
            sandbox.send(chunk, firstRow, features);
            sent = true;
        } catch (LfException e) {
            stop(e.getMessage());
        } catch (IOException e) {
            sent = true; // the reply tells why the worker is gone
        }
    }

    /** Writes the votes on the chunk last sent into {@code out[firstRow + i]}; false once the LF has been stopped. */
    boolean collect(int firstRow, byte[] out) {
        if (stopped != null || !sent) {
            return stopped == null;
        }
        sent = false;
        CodeSandbox.Outcome o = sandbox.collect(sentAt + remainingNanos);
        if (o == null) {
            stop("ran longer than its budget (" + budgetNanos / 1_000_000_000.0 + " s) and its worker process was killed");
            return false;
        }
        remainingNanos -= System.nanoTime() - sentAt;
        if (o.output() != null && output.length() < OUTPUT_KEPT) {
            output.append(o.output(), 0, Math.min(o.output().length(), OUTPUT_KEPT - output.length()));
        }
        if (o.votes() == null) {
            stop(o.ended());
            return false;
        }
        System.arraycopy(o.votes(), 0, out, firstRow, o.votes().length);
        if (o.failures() > 0) {
            if (firstFailure == null || o.firstFailurePair() < firstFailurePair) {
                firstFailure = o.firstFailure();
                firstFailurePair = o.firstFailurePair();
            }
            failures += o.failures();
        }
        return true;
    }

    private void stop(String why) {
        stopped = why;
        close();
    }

    /** The last worker process's id (tests check it is gone). */
    long lastPid() {
        return lastPid;
    }

    /** What went wrong, for the report; null if nothing. */
    LfProblem problem() {
        if (stopped != null) {
            return new LfProblem(name, 0, stopped + "; all its votes are abstain");
        }
        if (failures > 0) {
            return new LfProblem(name, firstFailurePair, "threw on " + failures + " pair(s), which abstain; first, pair "
                    + firstFailurePair + ": " + firstFailure);
        }
        return null;
    }

    /** What the LF printed, as a diagnostic; null if it printed nothing. */
    LfProblem printed() {
        String s = output.toString().strip();
        return s.isEmpty() ? null : new LfProblem(name, 0, "printed: " + s, LfProblem.Kind.OUTPUT);
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
