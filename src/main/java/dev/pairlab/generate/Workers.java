package dev.pairlab.generate;

import dev.pairlab.task.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs request jobs a few at a time on daemon threads; what a job throws is counted as a failure. */
final class Workers {

    private Workers() {
    }

    /**
     * Runs every job (skipping the rest once {@code cancel} is set) and waits for all; an interrupt
     * of the caller cancels. Unexpected exceptions add to {@code failures} and the first is kept.
     */
    static void runAll(List<Callable<Void>> jobs, int concurrency, String threadName, Cancellation cancel, AtomicLong failures,
                       AtomicReference<String> firstFailure) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        List<Future<Void>> futures = new ArrayList<>();
        try {
            for (Callable<Void> job : jobs) {
                futures.add(pool.submit(() -> cancel.isCancelled() ? null : job.call()));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.cancel();
                } catch (ExecutionException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
