package dev.pairlab.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What closing asks, and the job states' transitions, without a window. */
class ClosePolicyTest {

    @Test
    void nothingRunningAndNothingUnsavedClosesAtOnce() {
        assertEquals(Optional.empty(), ClosePolicy.question(List.of(), List.of()));
    }

    @Test
    void aRunningJobIsNamedInTheQuestion() {
        String q = ClosePolicy.question(List.of("Training a features reward model"), List.of()).orElseThrow();
        assertTrue(q.contains("Training a features reward model"), q);
        assertTrue(q.contains("checkpoint"), "a training's checkpoint is promised: " + q);
        assertFalse(q.contains("Not saved"), q);
    }

    @Test
    void everyRunningJobAndEveryUnsavedReasonIsListed() {
        String q = ClosePolicy.question(List.of("Training a features reward model", "Applying labeling functions"),
                List.of("LF long_answer has unsaved edits")).orElseThrow();
        assertTrue(q.contains("These jobs are still running"), q);
        assertTrue(q.contains("• Training a features reward model") && q.contains("• Applying labeling functions"), q);
        assertTrue(q.contains("• LF long_answer has unsaved edits"), q);
    }

    @Test
    void anUnsavedReasonAloneAsks() {
        assertTrue(ClosePolicy.question(List.of(), List.of("LF x has unsaved edits")).isPresent());
    }

    @Test
    void jobStatesMoveOnlyForward() {
        assertTrue(JobState.QUEUED.canMoveTo(JobState.RUNNING));
        assertTrue(JobState.RUNNING.canMoveTo(JobState.CANCELLED));
        assertTrue(JobState.RUNNING.canMoveTo(JobState.DONE));
        assertTrue(JobState.RUNNING.canMoveTo(JobState.FAILED));
        assertFalse(JobState.QUEUED.canMoveTo(JobState.DONE));
        for (JobState end : List.of(JobState.DONE, JobState.CANCELLED, JobState.FAILED)) {
            assertTrue(end.ended());
            for (JobState next : JobState.values()) {
                assertFalse(end.canMoveTo(next), end + " → " + next);
            }
        }
        Job job = new Job("x", null, JobManager.Policy.INDEPENDENT);
        assertThrows(IllegalStateException.class, () -> job.moveTo(JobState.DONE));
    }
}
