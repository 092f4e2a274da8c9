package dev.pairlab.ui;

import dev.pairlab.ui.jobs.Job;
import dev.pairlab.ui.jobs.JobManager;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * The one way the UI runs core work: every call becomes a job of the window's {@link JobManager}
 * (listed with its own progress and Cancel), with the core's progress listener and cancellation token
 * bridged to it. {@link #current()} is the newest job still running, for callers that wait for quiet.
 */
public final class BackgroundTasks {

    /** Core work that reports progress and honours cancellation. */
    @FunctionalInterface
    public interface Work<T> extends JobManager.Work<T> {
    }

    private final JobManager jobs = new JobManager();
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>();

    public BackgroundTasks() {
        jobs.newest().addListener((o, a, j) -> current.set(j == null ? null : j.task()));
    }

    public JobManager jobs() {
        return jobs;
    }

    /** The newest job's task that has not ended, or null when no job runs. */
    public ReadOnlyObjectProperty<Task<?>> current() {
        return current.getReadOnlyProperty();
    }

    /** Runs work; {@code onDone} and {@code onError} are called on the FX thread. */
    public <T> Job run(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        return jobs.run(title, work, onDone, onError);
    }

    public void shutdown() {
        jobs.shutdown();
    }
}
