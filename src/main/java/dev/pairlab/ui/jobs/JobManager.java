package dev.pairlab.ui.jobs;

import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.ui.BackgroundThreads;
import dev.pairlab.ui.FxTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Every background job of the window (JabRef's list of running tasks): each runs off the FX thread
 * with its own progress, message and Cancel, and is listed in {@link #jobs()} until it has ended.
 * Two rules are kept here once instead of in each screen: for a kind of job whose newest result is
 * the only one that counts ({@link Policy#LATEST_WINS}, e.g. relabeling), a newer job cancels the
 * older and the older's result is dropped; a kind that must not run twice ({@link Policy#ONE_AT_A_TIME},
 * e.g. training) is refused with the reason. Methods are called on the FX thread.
 */
public final class JobManager {

    /** Core work that reports progress and honours cancellation. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, dev.pairlab.task.Cancellation cancel) throws Exception;
    }

    /** How a job relates to other jobs of the same key. */
    public enum Policy {
        /** Unrelated to any other job. */
        INDEPENDENT,
        /** A newer job with the same key supersedes it: the older is cancelled and its result (or error) dropped. */
        LATEST_WINS,
        /** Refused while another job with the same key runs. */
        ONE_AT_A_TIME
    }

    /** Threads of the lowest priority: the FX and render threads come first (see BackgroundThreads). */
    private final ExecutorService executor = Executors.newCachedThreadPool(BackgroundThreads.named("pairlab-background"));
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ObservableList<Job> jobsView = FXCollections.unmodifiableObservableList(jobs);
    private final ReadOnlyObjectWrapper<Job> newest = new ReadOnlyObjectWrapper<>();
    /** The newest job started for each LATEST_WINS key. */
    private final Map<String, Job> latest = new HashMap<>();
    private final List<Supplier<Optional<String>>> closeGuards = new CopyOnWriteArrayList<>();

    /** The jobs that have not ended, oldest first. */
    public ObservableList<Job> jobs() {
        return jobsView;
    }

    /** The most recently started job that has not ended (the status bar's), or null. */
    public ReadOnlyObjectProperty<Job> newest() {
        return newest.getReadOnlyProperty();
    }

    /**
     * Where errors of jobs started without their own handler go: the window's error model (the workspace
     * sets it); until then an internal error opens the error window on its own.
     */
    private Consumer<Throwable> errorHandler = dev.pairlab.ui.errors.Errors.standalone()::internal;

    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = java.util.Objects.requireNonNull(handler);
    }

    /** Runs unrelated work; errors go to the {@linkplain #setErrorHandler error handler} (user errors to the status bar, bugs to the error window). */
    public <T> Job run(String title, Work<T> work, Consumer<T> onDone) {
        return run(title, work, onDone, errorHandler);
    }

    /** Runs unrelated work; {@code onDone} and {@code onError} are called on the FX thread. */
    public <T> Job run(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        return start(title, null, Policy.INDEPENDENT, work, onDone, onError);
    }

    /** Runs a core workflow under its own title (see {@link #run(String, Work, Consumer, Consumer)}). */
    public <T> Job run(dev.pairlab.task.Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError) {
        return run(workflow.title(), workflow::run, onDone, onError);
    }

    /** Runs a core workflow; its errors go to the error handler. */
    public <T> Job run(dev.pairlab.task.Workflow<T> workflow, Consumer<T> onDone) {
        return run(workflow, onDone, errorHandler);
    }

    /** Runs work whose result counts only if no newer job with this key was started meanwhile. */
    public <T> Job runLatest(String key, String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Job older = latest.get(key);
        if (older != null && !older.state().ended()) {
            older.cancel();
        }
        Job job = start(title, key, Policy.LATEST_WINS, work, onDone, onError);
        latest.put(key, job);
        return job;
    }

    /** Runs work unless another job with this key runs; then it is refused, naming that job. */
    public <T> Job runAlone(String key, String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) throws JobRefusedException {
        Optional<Job> other = running(key);
        if (other.isPresent()) {
            throw new JobRefusedException("\"" + other.get().title() + "\" is still running, and only one can run at a time:"
                    + " wait for it to finish or cancel it first.");
        }
        return start(title, key, Policy.ONE_AT_A_TIME, work, onDone, onError);
    }

    /** The job with this key that has not ended, if any. */
    public Optional<Job> running(String key) {
        return jobs.stream().filter(j -> key.equals(j.key())).findFirst();
    }

    /** True while a job with this key has not ended (a Start button is disabled by it). */
    public BooleanBinding isRunning(String key) {
        return Bindings.createBooleanBinding(() -> running(key).isPresent(), jobs);
    }

    private <T> Job start(String title, String key, Policy policy, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Job job = new Job(title, key, policy);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                try {
                    updateTitle(title);
                    updateMessage(title);
                    return work.run((done, total, message) -> {
                        updateMessage(message);
                        if (total > 0) {
                            updateProgress(done, total);
                        }
                    }, job.cancellation());
                } finally {
                    job.markReturned();
                }
            }
        };
        job.attach(task);
        task.setOnRunning(e -> job.moveTo(JobState.RUNNING));
        task.setOnSucceeded(e -> {
            boolean superseded = superseded(job);
            end(job, job.cancellation().isCancelled() ? JobState.CANCELLED : JobState.DONE);
            if (superseded) {
                return;
            }
            long t0 = System.nanoTime();
            onDone.accept(task.getValue());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (FxTrace.ON && ms > 3) {
                FxTrace.event(t0, "result of " + title + " " + ms + " ms");
            }
            FxTrace.slow(ms, "showing the result of \"" + title + "\"");
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            boolean superseded = superseded(job);
            end(job, error instanceof CancelledException ? JobState.CANCELLED : JobState.FAILED);
            if (!superseded) {
                onError.accept(error);
            }
        });
        jobs.add(job);
        newest.set(job);
        executor.submit(task);
        return job;
    }

    private boolean superseded(Job job) {
        return job.policy() == Policy.LATEST_WINS && latest.get(job.key()) != job;
    }

    private void end(Job job, JobState state) {
        if (job.state() == JobState.QUEUED) {
            job.moveTo(JobState.RUNNING); // the running event is queued behind this one only if the work was instant
        }
        job.moveTo(state);
        jobs.remove(job);
        if (job.key() != null && latest.get(job.key()) == job) {
            latest.remove(job.key());
        }
        if (newest.get() == job) {
            newest.set(jobs.isEmpty() ? null : jobs.get(jobs.size() - 1));
        }
    }

    /**
     * Adds a reason not to close without asking, e.g. a screen's unsaved edits: the supplier returns a
     * line naming them, or empty when there are none. Asked on the FX thread each time the app closes.
     */
    public void addCloseGuard(Supplier<Optional<String>> guard) {
        closeGuards.add(guard);
    }

    /** The titles of the jobs that have not ended, oldest first. */
    public List<String> runningTitles() {
        return jobs.stream().map(Job::title).toList();
    }

    /** What closing now would lose, from the close guards. */
    public List<String> unsavedWork() {
        List<String> out = new ArrayList<>();
        for (Supplier<Optional<String>> g : closeGuards) {
            g.get().ifPresent(out::add);
        }
        return out;
    }

    /** The question to ask before closing now, or empty (see {@link ClosePolicy}). */
    public Optional<String> closeQuestion() {
        return ClosePolicy.question(runningTitles(), unsavedWork());
    }

    /**
     * Cancels every job and waits up to {@code timeout} for their work to return (a training run writes
     * its checkpoint and state on the way out). Blocks the calling thread; true if all returned.
     */
    public boolean cancelAllAndWait(Duration timeout) {
        List<Job> all = List.copyOf(jobs);
        all.forEach(Job::cancel);
        long until = System.nanoTime() + timeout.toNanos();
        boolean allReturned = true;
        for (Job j : all) {
            try {
                allReturned &= j.awaitReturn(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return allReturned;
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
