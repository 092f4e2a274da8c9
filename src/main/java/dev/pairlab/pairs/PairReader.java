package dev.pairlab.pairs;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one file as pairs, errors or dropped records. */
public interface PairReader extends Closeable {

    /** The next record, or null at the end. File-level problems (truncated gzip, broken array) throw. */
    ParsedRecord next() throws IOException, BadInputException;

    long bytesRead();

    long totalBytes();
}
