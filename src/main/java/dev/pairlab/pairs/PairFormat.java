package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * One import/export format. Formats are plug-ins: each is one class listed in
 * {@code META-INF/services/dev.pairlab.pairs.PairFormat}; adding one touches no other class.
 * JSON formats only parse a record and write one; the container (JSON lines, a JSON array, gzip)
 * is handled for them.
 */
public interface PairFormat {

    /** The id users type after {@code --format}. */
    String id();

    String description();

    /** Lower runs first when detecting, so that more specific formats win. */
    default int detectionOrder() {
        return 100;
    }

    /**
     * Whether this format reads records through the user's field mapping ({@code --col}) and label
     * value map ({@code --label-map}); any other format refuses them rather than ignoring them.
     */
    default boolean takesFieldMapping() {
        return false;
    }

    /** Whether this format recognises a file whose first record is this one. */
    boolean accepts(JsonNode firstRecord);

    /**
     * Parses one record into a pair, or returns null when the format drops it on purpose (then
     * {@link #dropReason(JsonNode)} says why).
     */
    Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException;

    /**
     * {@link #parse}, after the checks every format shares (no NUL character in any string), as
     * the import and the Spark job read a record.
     */
    default Pair parseChecked(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        Fields.requireNoNul(record);
        return parse(record, line, options);
    }

    default String dropReason(JsonNode record) {
        return "dropped";
    }

    default PairReader open(Path file, ImportOptions options) throws IOException, BadInputException {
        return new JsonPairReader(file, this, options);
    }

    PairWriter writer(OutputStream out) throws IOException;

    default String fileExtension() {
        return "jsonl";
    }
}
