package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * A file holding one JSON array of records (PandaLM's test set, many exports). Read as a stream, so
 * a large array is never held whole. A syntax error ends the file, since nothing after it can be
 * trusted; a record of the wrong type only fails that record.
 */
final class JsonArraySource implements RecordSource {

    private final Path file;
    private final InputFiles.Opened in;
    private final JsonParser parser;
    private final ElementLimit limit;
    private final long maxElementBytes;
    private boolean started;
    private boolean done;

    JsonArraySource(Path file, InputFiles.Opened in, long maxElementBytes) throws IOException {
        this.file = file;
        this.in = in;
        this.maxElementBytes = maxElementBytes;
        this.limit = new ElementLimit(in);
        this.parser = Json.MAPPER.getFactory().createParser(limit);
    }

    @Override
    public RawRecord next() throws IOException, BadInputException {
        if (done) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    throw new BadInputException(file + ":1: expected a JSON array of records");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                done = true;
                if (parser.nextToken() != null) {
                    throw new BadInputException(file + ":" + parser.currentLocation().getLineNr()
                            + ": unexpected content after the closing ']'");
                }
                return null;
            }
            if (token == null) {
                throw new BadInputException(file + ": the JSON array is not closed (file truncated?)");
            }
            long line = parser.currentTokenLocation().getLineNr();
            long start = parser.currentTokenLocation().getByteOffset();
            limit.limit = (start >= 0 ? start : limit.count) + maxElementBytes;
            JsonNode node;
            try {
                node = Json.ELEMENT_READER.readValue(parser);
            } catch (ElementTooLarge e) {
                done = true;
                throw JsonLinesSource.tooLong(file, line, "array element", maxElementBytes);
            } finally {
                limit.limit = Long.MAX_VALUE;
            }
            if (node == null || !node.isObject()) {
                return RawRecord.broken(line, "expected a JSON object, got " + JsonLinesSource.describe(node));
            }
            return RawRecord.of(line, node);
        } catch (JsonProcessingException e) {
            done = true;
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(file + ":" + line + ": malformed JSON: " + e.getOriginalMessage());
        } catch (EOFException | ZipException e) {
            done = true;
            throw InputFiles.gzipProblem(file, parser.currentLocation().getLineNr(), e);
        }
    }

    /** Signals that the element being read passed the cap, before it is read whole. */
    private static final class ElementTooLarge extends IOException {
        ElementTooLarge() {
            super("array element over the size limit");
        }
    }

    /** Counts the bytes the parser reads, and refuses to hand it any past the current element's cap. */
    private static final class ElementLimit extends FilterInputStream {
        long count;
        long limit = Long.MAX_VALUE;

        ElementLimit(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                throw new ElementTooLarge();
            }
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len > 0 && count >= limit) {
                throw new ElementTooLarge();
            }
            int n = super.read(b, off, (int) Math.min(len, limit - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    @Override
    public long bytesRead() {
        return in.fileBytesRead();
    }

    @Override
    public long totalBytes() {
        return in.fileSize();
    }

    @Override
    public void close() throws IOException {
        parser.close();
        in.close();
    }
}
