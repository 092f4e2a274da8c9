package dev.pairlab.pairs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** What kind of container a file is, judged from its first bytes. */
final class Containers {

    private Containers() {
    }

    /** The first character that is not white space or a byte-order mark, or 0 for an empty file. */
    static char firstChar(Path file) throws IOException, BadInputException {
        try (InputStream in = InputFiles.open(file)) {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b < 0) {
                    return 0;
                }
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
                    continue;
                }
                return (char) b;
            }
            return 0;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new BadInputException(file + ": the gzip data is truncated or corrupt (" + e.getMessage() + ")");
        }
    }

    /** Turns a raw record into a parsed one through a format; null stays null. */
    static ParsedRecord parse(RawRecord raw, PairFormat format, ImportOptions options) {
        if (raw == null) {
            return null;
        }
        if (raw.error() != null) {
            return ParsedRecord.error(raw.error());
        }
        try {
            Pair pair = format.parse(raw.node(), raw.line(), options);
            if (pair == null) {
                return ParsedRecord.dropped(raw.line(), format.dropReason(raw.node()));
            }
            return ParsedRecord.ok(raw.line(), pair);
        } catch (InvalidRecordException e) {
            return ParsedRecord.error(new RecordError(raw.line(), e.field(), e.getMessage()));
        }
    }
}
