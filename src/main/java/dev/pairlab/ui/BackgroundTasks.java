package dev.pairlab.ui;

import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * The one way the UI runs core work: off the FX thread in a {@link Task}, with the core's progress
 * listener and cancellation token bridged to the task's progress and cancel. The status bar observes
 * {@link #current()}.
 */
public final class BackgroundTasks {

    /** Core work that reports progress and honours cancellation. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, Cancellation cancel) throws Exception;
    }

    /** Threads of the lowest priority: the FX and render threads come first (see BackgroundThreads). */
    private final ExecutorService executor = Executors.newCachedThreadPool(BackgroundThreads.named("pairlab-background"));
    /** With -Dpairlab.fxTrace=true, results whose display takes over a frame (16 ms) are named on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("pairlab.fxTrace");
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>();

    public ReadOnlyObjectProperty<Task<?>> current() {
        return current.getReadOnlyProperty();
    }

    /** Runs work; {@code onDone} and {@code onError} are called on the FX thread. */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Cancellation cancellation = new Cancellation();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
                return work.run((done, total, message) -> {
                    updateMessage(message);
                    if (total > 0) {
                        updateProgress(done, total);
                    }
                }, cancellation);
            }

            @Override
            protected void cancelled() {
                cancellation.cancel();
            }
        };
        task.setOnSucceeded(e -> {
            clear(task);
            long t0 = System.nanoTime();
            onDone.accept(task.getValue());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (FxTrace.ON && ms > 3) {
                FxTrace.event(t0, "result of " + title + " " + ms + " ms");
            }
            if (TRACE && ms > 16) {
                System.err.println("pairlab: showing the result of \"" + title + "\" took " + ms + " ms on the FX thread");
            }
        });
        task.setOnFailed(e -> {
            clear(task);
            onError.accept(task.getException());
        });
        task.setOnCancelled(e -> clear(task));
        current.set(task);
        executor.submit(task);
        return task;
    }

    private void clear(Task<?> task) {
        if (current.get() == task) {
            current.set(null);
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
