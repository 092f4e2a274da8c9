package dev.pairlab.cli;

import dev.pairlab.task.ProgressListener;
import java.io.PrintStream;

/**
 * Progress on stderr: a redrawn bar on a terminal, plain lines (at most every two seconds) when
 * stderr is a file or a pipe, so logs stay readable.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {

    private static final long LINE_INTERVAL_NS = 2_000_000_000L;
    private static final long BAR_INTERVAL_NS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private long lastNs;
    private boolean drewBar;

    ConsoleProgress(PrintStream err, boolean quiet) {
        this.err = err;
        this.terminal = System.console() != null;
        this.quiet = quiet;
        this.lastNs = System.nanoTime(); // nothing for the first interval: short jobs stay silent
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!finished && now - lastNs < (terminal ? BAR_INTERVAL_NS : LINE_INTERVAL_NS)) {
            return;
        }
        if (finished && !drewBar) {
            return; // short jobs: no progress noise
        }
        lastNs = now;
        if (terminal) {
            int width = 30;
            double f = total > 0 ? Math.min(1.0, (double) done / total) : 0;
            int filled = (int) Math.round(f * width);
            err.print("\r" + message + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                    + (total > 0 ? String.format("%3.0f%%", 100 * f) : done));
            drewBar = true;
        } else {
            err.println(message + ": " + (total > 0 ? String.format("%.0f%%", 100.0 * done / total) : Long.toString(done)));
            drewBar = true;
        }
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (terminal && drewBar) {
            err.println();
        }
    }
}
