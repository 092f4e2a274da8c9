package dev.pairlab.store;

import dev.pairlab.pairs.Split;
import java.util.List;
import java.util.Map;

/**
 * A summary of a project, as {@code pairlab info} shows it.
 *
 * @param splits per split: how many pairs, and the gold balance (pool: hidden, so only counted)
 */
public record ProjectInfo(String name, long pairs, Map<Split, SplitCounts> splits, LengthStats context,
                          LengthStats answers, List<ImportEntry> imports, String lastSplit) {

    /** What {@code pairlab info} and the project's overview read: the summary, in one read. */
    public record Job(Project project) implements dev.pairlab.task.Workflow<ProjectInfo> {

        @Override
        public ProjectInfo run(dev.pairlab.task.ProgressListener progress, dev.pairlab.task.Cancellation cancel) {
            return Pairs.info(project);
        }

        @Override
        public String title() {
            return "Reading the project's summary";
        }
    }

    /** Counts of one split; {@code a + b + unlabeled == pairs}. */
    public record SplitCounts(long pairs, long a, long b, long unlabeled, boolean goldHidden) {
    }

    /** Character-length statistics over a set of texts. */
    public record LengthStats(long count, double mean, long median, long p95, long max) {

        static LengthStats of(int[] lengths, int n) {
            if (n == 0) {
                return new LengthStats(0, 0, 0, 0, 0);
            }
            int[] sorted = java.util.Arrays.copyOf(lengths, n);
            java.util.Arrays.sort(sorted);
            long sum = 0;
            for (int v : sorted) {
                sum += v;
            }
            return new LengthStats(n, (double) sum / n, sorted[(n - 1) / 2], sorted[(int) Math.ceil(0.95 * n) - 1], sorted[n - 1]);
        }
    }

    public record ImportEntry(long id, String file, String format, long pairs, long invalid, long dropped, String importedAt) {
    }
}
