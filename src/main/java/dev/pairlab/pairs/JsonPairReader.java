package dev.pairlab.pairs;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a JSON lines or JSON array file (gzip or not) record by record through a JSON format. */
final class JsonPairReader implements PairReader {

    private final RecordSource source;
    private final PairFormat format;
    private final ImportOptions options;

    JsonPairReader(Path file, PairFormat format, ImportOptions options) throws IOException, BadInputException {
        this.source = openJson(file, options.maxLineBytes());
        this.format = format;
        this.options = options;
    }

    /** JSON lines unless the first non-blank character opens an array. */
    static RecordSource openJson(Path file, long maxLineBytes) throws IOException, BadInputException {
        InputFiles.Opened in = InputFiles.open(file);
        int first = Containers.firstChar(file);
        if (first == '[') {
            return new JsonArraySource(file, in, maxLineBytes);
        }
        return new JsonLinesSource(file, in, maxLineBytes);
    }

    @Override
    public ParsedRecord next() throws IOException, BadInputException {
        return Containers.parse(source.next(), format, options);
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    public long totalBytes() {
        return source.totalBytes();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
