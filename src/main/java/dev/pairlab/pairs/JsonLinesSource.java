package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * JSON lines, one object a line. Lines are split on raw bytes so that invalid UTF-8 or broken JSON
 * on one line is reported with its line number and does not stop the lines after it. Blank lines
 * are skipped, CRLF endings and a leading byte-order mark are accepted.
 */
final class JsonLinesSource implements RecordSource {

    private final Path file;
    private final InputFiles.Opened in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private byte[] line = new byte[1 << 12];
    private long lineNumber;
    private boolean eof;
    private final long maxLineBytes;

    JsonLinesSource(Path file, InputFiles.Opened in, long maxLineBytes) {
        this.file = file;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public RawRecord next() throws IOException, BadInputException {
        while (true) {
            int len = readLine();
            if (len < 0) {
                return null;
            }
            lineNumber++;
            int start = 0;
            if (lineNumber == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                start = 3;
            }
            if (len > start && line[len - 1] == '\r') {
                len--;
            }
            if (isBlank(line, start, len)) {
                continue;
            }
            String text;
            try {
                text = decoder.decode(ByteBuffer.wrap(line, start, len - start)).toString();
            } catch (MalformedInputException e) {
                return RawRecord.broken(lineNumber, "invalid UTF-8 (" + e.getInputLength() + " bad byte(s))");
            } catch (CharacterCodingException e) {
                return RawRecord.broken(lineNumber, "invalid UTF-8");
            }
            return parse(lineNumber, text);
        }
    }

    static RawRecord parse(long lineNumber, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return RawRecord.broken(lineNumber, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return RawRecord.broken(lineNumber, "expected a JSON object, got " + describe(node));
        }
        return RawRecord.of(lineNumber, node);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads the next line's bytes into {@link #line}, without the newline; -1 at end of file. */
    private int readLine() throws IOException, BadInputException {
        if (eof) {
            return -1;
        }
        int len = 0;
        while (true) {
            if (bufPos == bufLen) {
                int n;
                try {
                    n = in.read(buf, 0, buf.length);
                } catch (EOFException | ZipException e) {
                    throw InputFiles.gzipProblem(file, lineNumber + 1, e);
                }
                if (n <= 0) {
                    eof = true;
                    return len == 0 ? -1 : len;
                }
                bufPos = 0;
                bufLen = n;
            }
            int i = bufPos;
            while (i < bufLen && buf[i] != '\n') {
                i++;
            }
            int chunk = i - bufPos;
            if (len + chunk > maxLineBytes) {
                throw tooLong(file, lineNumber + 1, "line", maxLineBytes);
            }
            if (len + chunk > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(line.length * 2L, len + chunk)));
            }
            System.arraycopy(buf, bufPos, line, len, chunk);
            len += chunk;
            if (i < bufLen) {
                bufPos = i + 1;
                return len;
            }
            bufPos = bufLen;
        }
    }

    /** The error for a line, array element or row over the cap; said before it is read whole. */
    static BadInputException tooLong(Path file, long line, String what, long maxLineBytes) {
        return BadInputException.at(file, line, "the " + what + " starting here is longer than " + (maxLineBytes >> 20)
                + " MB, the limit; if it is real data, raise " + ImportOptions.NAME_MAX_LINE_MB);
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
        in.close();
    }
}
