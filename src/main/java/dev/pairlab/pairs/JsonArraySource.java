package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
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
    private boolean started;
    private boolean done;

    JsonArraySource(Path file, InputFiles.Opened in) throws IOException {
        this.file = file;
        this.in = in;
        this.parser = Json.MAPPER.getFactory().createParser(in);
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
            JsonNode node = Json.ELEMENT_READER.readValue(parser);
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
            throw new BadInputException(file + ": the gzip data is truncated or corrupt (" + e.getMessage() + ")");
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
