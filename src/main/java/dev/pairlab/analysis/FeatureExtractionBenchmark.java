package dev.pairlab.analysis;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code pairlab bench features}: the feature columns a project lacks computed as {@code lf stats}
 * computes them (one streaming read of the texts, all cores, stored in one transaction), timed,
 * with the heap in use sampled while it runs: on a million pairs it should stay near the size of the
 * columns, not grow with the texts read.
 */
public final class FeatureExtractionBenchmark {

    /**
     * What was computed and how fast. {@code peakHeapBytes} is the largest heap in use seen by a
     * sampler every 10 ms (garbage not yet collected included); {@code columnBytes} is what the columns
     * computed occupy (4 bytes per answer and feature).
     */
    public record Result(int pairs, List<String> features, List<String> computed, int rowsComputedFrom, double seconds,
                         double pairsPerS, long peakHeapBytes, long maxHeapBytes, long columnBytes, long answersReused,
                         long answersLookedUp, int cores) {
    }

    private FeatureExtractionBenchmark() {
    }

    public static Result run(Project project, Collection<String> features, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        Runtime rt = Runtime.getRuntime();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            long t0 = System.nanoTime();
            FeatureTable table = FeatureCache.open(project);
            List<String> missing = table.missing(features);
            FeatureCache.Filling filling = FeatureCache.filling(project, table, missing);
            List<String> computing = filling.computing();
            filling.stream(progress, cancel);
            filling.finish(table);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] reuse = filling.reuse();
            int n = table.size();
            int computedRows = n - Math.min(n, filling.from());
            return new Result(n, List.copyOf(features), computing, filling.from(), seconds, computedRows / seconds,
                    peak.get(), rt.maxMemory(), 8L * n * computing.size(), reuse[0], reuse[1], rt.availableProcessors());
        } finally {
            done.set(true);
            sampler.interrupt();
        }
    }
}
