package dev.pairlab.ui.jobs;

import java.util.Set;

/**
 * Where a background job is: QUEUED → RUNNING → DONE | CANCELLED | FAILED (cryptomator's vault states:
 * named states, and a transition not listed here is a programming error, not a silent overwrite).
 */
public enum JobState {
    QUEUED, RUNNING, DONE, CANCELLED, FAILED;

    /** Whether a job in this state may move to {@code next}. */
    public boolean canMoveTo(JobState next) {
        return switch (this) {
            case QUEUED -> Set.of(RUNNING, CANCELLED, FAILED).contains(next);
            case RUNNING -> Set.of(DONE, CANCELLED, FAILED).contains(next);
            case DONE, CANCELLED, FAILED -> false;
        };
    }

    /** DONE, CANCELLED or FAILED: the job's thread has returned. */
    public boolean ended() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }
}
