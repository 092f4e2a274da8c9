package dev.pairlab.ui.jobs;

import java.util.List;
import java.util.Optional;

/**
 * What closing the app must ask first: nothing when no job runs and no screen holds unsaved work,
 * else one question naming each. Plain data in, text out, so it is tested without a window.
 */
public final class ClosePolicy {

    private ClosePolicy() {
    }

    /** The question to ask before closing, or empty to close at once. */
    public static Optional<String> question(List<String> runningJobs, List<String> unsavedWork) {
        if (runningJobs.isEmpty() && unsavedWork.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        if (!runningJobs.isEmpty()) {
            b.append(runningJobs.size() == 1 ? "This job is still running:\n" : "These jobs are still running:\n");
            runningJobs.forEach(j -> b.append("  • ").append(j).append('\n'));
            b.append("Closing cancels them: work not yet saved is rolled back and the project stays as it was before it;"
                    + " a training run stops with its last checkpoint and can be resumed.\n");
        }
        if (!unsavedWork.isEmpty()) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append("Not saved:\n");
            unsavedWork.forEach(u -> b.append("  • ").append(u).append('\n'));
            b.append("Closing loses it.\n");
        }
        b.append("\nClose anyway?");
        return Optional.of(b.toString());
    }
}
