package dev.pairlab.store;

import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param invalid     records that could not be read (skipped with {@link ImportOptions#skipInvalid()})
 * @param dropped     records the format drops on purpose (ties), by reason
 * @param errors      the invalid records' errors, in file order
 * @param errorReport where the errors were written, or null
 * @param warnings    valid records that are probably not what the user wants
 */
public record ImportReport(long importId, String file, String format, long seed, long imported, long invalid,
                           Map<String, Long> dropped, List<RecordError> errors, Path errorReport,
                           Map<Split, Long> splits, long millis, Warnings warnings) {

    /** {@link #dropped} reason of pairs skipped as duplicates ({@link ImportOptions#dedupe()}). */
    public static final String DROPPED_DUPLICATE = "duplicate (" + ImportOptions.NAME_DEDUPE + ")";
    /** {@link #dropped} reason of pairs skipped for an empty answer ({@link ImportOptions#skipEmpty()}). */
    public static final String DROPPED_EMPTY = "empty answer (" + ImportOptions.NAME_SKIP_EMPTY + ")";

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Counts of pairs that read fine but are likely mistakes in the data, whether imported or skipped.
     *
     * @param duplicates       pairs with the context and two answers (either order) of an earlier pair in the file
     * @param identicalAnswers pairs whose two answers are the same text: nothing to prefer
     * @param emptyAnswers     pairs with an empty or whitespace-only answer
     */
    public record Warnings(long duplicates, long identicalAnswers, long emptyAnswers, boolean dedupe, boolean skipEmpty) {

        public boolean any() {
            return duplicates > 0 || identicalAnswers > 0 || emptyAnswers > 0;
        }

        /** One sentence for the CLI and the GUI, or "" when there is nothing to say. */
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (duplicates > 0) {
                parts.add(count(duplicates, "duplicate pair") + " (same prompt and answers as an earlier pair; "
                        + (dedupe ? "skipped" : "'" + ImportOptions.NAME_DEDUPE + "' leaves them out") + ")");
            }
            if (identicalAnswers > 0) {
                parts.add(count(identicalAnswers, "pair") + " whose two answers are identical");
            }
            if (emptyAnswers > 0) {
                parts.add(count(emptyAnswers, "pair") + " with an empty answer ("
                        + (skipEmpty ? "skipped" : "'" + ImportOptions.NAME_SKIP_EMPTY + "' leaves them out") + ")");
            }
            return String.join(", ", parts);
        }

        private static String count(long n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }
}
