package dev.pairlab.pairs;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of one file, whatever its container (JSON lines, JSON array, CSV). */
interface RecordSource extends Closeable {

    /** The next record, or null at the end of the file. Problems that end the whole file throw. */
    RawRecord next() throws IOException, BadInputException;

    /** File bytes consumed so far, for progress. */
    long bytesRead();

    long totalBytes();
}
