package dev.pairlab.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Debugging aid for the FX thread's long spells ({@code -Dpairlab.spellTrace=true}, read by
 * {@code bench-ui}): a timeline of what happened in each phase (slow result handlers, row redraws,
 * layouts, GC pauses, the probe's long waits), in milliseconds from the phase's start. Off, it costs a
 * field read.
 */
public final class FxTrace {

    public static final boolean ON = Boolean.getBoolean("pairlab.spellTrace");
    /** With -Dpairlab.fxTrace=true, work on the FX thread that takes over a frame (16 ms) is named on stderr. */
    private static final boolean SLOW = Boolean.getBoolean("pairlab.fxTrace");

    /**
     * Names work that held the FX thread {@code ms} milliseconds when that is over a frame and the slow-frame
     * trace is on: the one place the workbench prints, and only when asked to.
     */
    public static void slow(long ms, String what) {
        if (SLOW && ms > 16) {
            System.err.println("pairlab: " + what + " took " + ms + " ms on the FX thread");
        }
    }
    private static final List<double[]> TIMES = new ArrayList<>();
    private static final List<String> WHAT = new ArrayList<>();
    private static volatile long phaseStart = System.nanoTime();

    private FxTrace() {
    }

    /** Records an event that began at {@code nanos} (System.nanoTime). */
    public static void event(long nanos, String what) {
        synchronized (TIMES) {
            TIMES.add(new double[] {(nanos - phaseStart) / 1e6, WHAT.size()});
            WHAT.add(what);
        }
    }

    private static volatile long phaseUptime;

    /** The JVM's uptime when the phase started: to line up with -Xlog output (uptime decorations). */
    public static long phaseUptimeMillis() {
        return phaseUptime;
    }

    private static volatile java.time.LocalTime phaseClock = java.time.LocalTime.now();

    /** The time of day when the phase started: to line up with a flight recording's sample times. */
    public static java.time.LocalTime phaseClock() {
        return phaseClock;
    }

    public static void startPhase() {
        phaseUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        phaseClock = java.time.LocalTime.now();
        synchronized (TIMES) {
            TIMES.clear();
            WHAT.clear();
            phaseStart = System.nanoTime();
        }
    }

    /** The phase's events in time order, as lines, and forgets them. */
    public static List<String> drain() {
        synchronized (TIMES) {
            List<String> lines = new ArrayList<>();
            TIMES.stream().sorted(Comparator.comparingDouble(t -> t[0]))
                    .forEach(t -> lines.add(String.format(Locale.ROOT, "%8.1f %s", t[0], WHAT.get((int) t[1]))));
            TIMES.clear();
            WHAT.clear();
            return lines;
        }
    }
}
