package dev.pairlab.ui.jobs;

import dev.pairlab.task.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

/**
 * One background job as the screens see it: its title, state, progress, message and Cancel. Its
 * properties change on the FX thread only. Cancel is cooperative: the work sees the token at its next
 * safe point and returns (a training run with its checkpoint) or throws (its transaction rolls back).
 */
public final class Job {

    private final String title;
    private final String key;
    private final JobManager.Policy policy;
    private final Cancellation cancellation = new Cancellation();
    private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(JobState.QUEUED);
    private final ReadOnlyBooleanWrapper cancelRequested = new ReadOnlyBooleanWrapper();
    /** Counted down by the job's own thread when its work has returned (so closing can wait for it). */
    private final CountDownLatch returned = new CountDownLatch(1);
    private Task<?> task;

    Job(String title, String key, JobManager.Policy policy) {
        this.title = title;
        this.key = key;
        this.policy = policy;
    }

    void attach(Task<?> task) {
        this.task = task;
    }

    public String title() {
        return title;
    }

    /** The kind of job for {@link JobManager.Policy#LATEST_WINS} and {@link JobManager.Policy#ONE_AT_A_TIME}; null for others. */
    public String key() {
        return key;
    }

    JobManager.Policy policy() {
        return policy;
    }

    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public JobState state() {
        return state.get();
    }

    /** Moves to the next state; a transition {@link JobState#canMoveTo} does not allow is a bug. */
    void moveTo(JobState next) {
        JobState now = state.get();
        if (!now.canMoveTo(next)) {
            throw new IllegalStateException("job \"" + title + "\" cannot move from " + now + " to " + next);
        }
        state.set(next);
    }

    /** The work's progress, 0..1, or negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return task.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return task.messageProperty();
    }

    /** The task the job runs in (the status bar binds to it). */
    public Task<?> task() {
        return task;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Asks the work to stop at its next safe point; the job stays RUNNING until it has. */
    public void cancel() {
        cancellation.cancel();
        cancelRequested.set(true);
    }

    public ReadOnlyBooleanProperty cancelRequestedProperty() {
        return cancelRequested.getReadOnlyProperty();
    }

    void markReturned() {
        returned.countDown();
    }

    /** Waits (on any thread) until the work has returned; false if it has not within {@code timeout}. */
    public boolean awaitReturn(Duration timeout) throws InterruptedException {
        return returned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return title + " (" + state.get().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
