package dev.pairlab.store;

import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param invalid     records that could not be read (skipped under --skip-invalid)
 * @param dropped     records the format drops on purpose (ties), by reason
 * @param errors      the invalid records' errors, in file order
 * @param errorReport where the errors were written, or null
 */
public record ImportReport(long importId, String file, String format, long seed, long imported, long invalid,
                           Map<String, Long> dropped, List<RecordError> errors, Path errorReport,
                           Map<Split, Long> splits, long millis) {

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
