package dev.pairlab.pairs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What an import would read, from the start of a file: its format, the first pairs and the first errors. */
public record ImportPreview(String format, List<Pair> pairs, List<RecordError> errors, int recordsRead, int dropped) {

    /** Reads up to {@code scan} records, keeping {@code keep} pairs and up to 10 errors. */
    public static ImportPreview of(Path file, ImportOptions options, int keep, int scan) throws IOException, BadInputException {
        PairFormat format = Formats.resolve(file, options);
        List<Pair> pairs = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        int read = 0;
        int dropped = 0;
        try (PairReader r = format.open(file, options)) {
            ParsedRecord rec;
            while (read < scan && (rec = r.next()) != null) {
                read++;
                if (rec.error() != null && errors.size() < 10) {
                    errors.add(rec.error());
                } else if (rec.dropReason() != null) {
                    dropped++;
                } else if (rec.isOk() && pairs.size() < keep) {
                    pairs.add(rec.pair());
                }
            }
        }
        return new ImportPreview(format.id(), pairs, errors, read, dropped);
    }
}
