package dev.pairlab.pairs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** What kind of container a file is, judged from its first bytes. */
final class Containers {

    private Containers() {
    }

    /**
     * The first byte that is not white space or a byte-order mark, as a character, or -1 for a
     * file with nothing else in its first 4 KB (a NUL byte counts: it is content, not emptiness).
     */
    static int firstChar(Path file) throws IOException, BadInputException {
        try (InputStream in = InputFiles.open(file)) {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
                    continue;
                }
                return b;
            }
            return -1;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw InputFiles.gzipProblem(file, 0, e);
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
            Pair pair = format.parseChecked(raw.node(), raw.line(), options);
            if (pair == null) {
                return ParsedRecord.dropped(raw.line(), format.dropReason(raw.node()));
            }
            return ParsedRecord.ok(raw.line(), pair);
        } catch (InvalidRecordException e) {
            return ParsedRecord.error(new RecordError(raw.line(), e.field(), e.getMessage()));
        }
    }
}
