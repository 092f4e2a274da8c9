package dev.pairlab.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns a training run, as stored: {@code "PID START"} with START the process's start
 * instant (or "-" where the OS does not report it). The start time tells a live owner from an unrelated
 * process that was later given the same pid.
 */
final class RunOwner {

    /** Start times read twice from the OS can differ by rounding (Linux counts clock ticks since boot). */
    private static final Duration SAME_START = Duration.ofSeconds(2);

    private RunOwner() {
    }

    static String current() {
        ProcessHandle me = ProcessHandle.current();
        return me.pid() + " " + me.info().startInstant().map(Instant::toString).orElse("-");
    }

    /** Whether the recorded owner is still running; false for a run recorded before owners were (null). */
    static boolean alive(String owner) {
        if (owner == null || owner.isBlank()) {
            return false;
        }
        String[] parts = owner.strip().split(" ", 2);
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        if (parts.length < 2 || parts[1].equals("-")) {
            return true;
        }
        Optional<Instant> started = h.get().info().startInstant();
        if (started.isEmpty()) {
            return true;
        }
        try {
            return Duration.between(Instant.parse(parts[1]), started.get()).abs().compareTo(SAME_START) <= 0;
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }
}
