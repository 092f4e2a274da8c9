package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * CSV (RFC 4180: quoted fields may hold delimiters, doubled quotes and newlines) with a header row.
 * Each row becomes a JSON object keyed by the header, so the pair formats read it like JSON.
 * Parsed on bytes (every character that matters to CSV is ASCII) and decoded field by field, so
 * invalid UTF-8 is reported with its row and column. A tab-separated file is recognised by its
 * extension (.tsv) or by a header with tabs and no commas.
 */
final class CsvSource implements RecordSource {

    private final Path file;
    private final InputFiles.Opened in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private byte delimiter;
    private List<String> header;
    private long line = 1;
    private boolean eof;
    private boolean started;

    /** One row's fields as raw bytes, before decoding. */
    private final List<byte[]> rawFields = new ArrayList<>();
    private byte[] field = new byte[256];
    private int fieldLen;

    private final long maxRowBytes;
    private long rowBytes;
    private long rowStart;

    CsvSource(Path file, InputFiles.Opened in, long maxRowBytes) {
        this.file = file;
        this.in = in;
        this.maxRowBytes = maxRowBytes;
        String name = file.getFileName().toString().toLowerCase();
        this.delimiter = name.endsWith(".tsv") || name.endsWith(".tsv.gz") ? (byte) '\t' : 0;
    }

    /** The header's column names; reads the header if not yet read. */
    List<String> header() throws IOException, BadInputException {
        if (header == null) {
            readHeader();
        }
        return header;
    }

    @Override
    public RawRecord next() throws IOException, BadInputException {
        header();
        while (true) {
            long start = line;
            if (!readRow()) {
                return null;
            }
            if (rawFields.size() == 1 && isBlank(rawFields.get(0))) {
                continue;
            }
            if (rawFields.size() != header.size()) {
                return RawRecord.broken(start, "expected " + header.size() + " columns as in the header, found " + rawFields.size());
            }
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (int i = 0; i < rawFields.size(); i++) {
                String value = decode(rawFields.get(i));
                if (value == null) {
                    return new RawRecord(start, null, new RecordError(start, header.get(i), "invalid UTF-8"));
                }
                int nul = value.indexOf('\0');
                if (nul >= 0) {
                    return new RawRecord(start, null, new RecordError(start, header.get(i), Fields.nulMessage(nul)));
                }
                node.put(header.get(i), value);
            }
            return RawRecord.of(start, node);
        }
    }

    private void readHeader() throws IOException, BadInputException {
        if (!readRow()) {
            throw new BadInputException(file + ": file is empty (no CSV header)");
        }
        if (delimiter == 0) {
            delimiter = ',';
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rawFields.size(); i++) {
            String name = decode(rawFields.get(i));
            if (name == null) {
                throw new BadInputException(file + ":1: invalid UTF-8 in the header");
            }
            if (name.indexOf('\0') >= 0) {
                throw new BadInputException(file + ":1: column " + (i + 1) + " of the header " + Fields.nulMessage(name.indexOf('\0')));
            }
            names.add(name);
        }
        if (names.size() == 1 && names.get(0).indexOf('\t') >= 0 && delimiter == ',') {
            names = new ArrayList<>(List.of(names.get(0).split("\t", -1)));
            delimiter = '\t';
        }
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (name.isEmpty()) {
                throw new BadInputException(file + ":1: column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new BadInputException(file + ":1: the header names column '" + name + "' twice");
            }
            names.set(i, name);
        }
        header = names;
    }

    /** Reads one row's raw fields into {@link #rawFields}; false at end of input. */
    private boolean readRow() throws IOException, BadInputException {
        rawFields.clear();
        fieldLen = 0;
        if (eof) {
            return false;
        }
        // Until the delimiter is known (header row of a CSV without .tsv name) split on commas.
        byte delim = delimiter == 0 ? (byte) ',' : delimiter;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        rowStart = line;
        rowBytes = 0;
        int c = read();
        if (c < 0) {
            eof = true;
            return false;
        }
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new BadInputException(file + ":" + rowStart + ": a quoted field is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(c);
                }
            } else if (c < 0 || c == '\n') {
                if (c < 0) {
                    eof = true;
                } else {
                    line++;
                }
                if (!fieldWasQuoted && fieldLen > 0 && field[fieldLen - 1] == '\r') {
                    fieldLen--;
                }
                endField();
                return true;
            } else if (c == delim) {
                endField();
                fieldWasQuoted = false;
            } else if (c == '"' && fieldLen == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == '\r' && fieldWasQuoted) {
                // The CR of a CRLF after a closing quote: dropped with the line end.
            } else if (fieldWasQuoted) {
                throw new BadInputException(file + ":" + line + ": text after the closing quote of a field");
            } else {
                append(c);
            }
            c = read();
        }
    }

    private void append(int b) throws BadInputException {
        if (++rowBytes > maxRowBytes) {
            throw JsonLinesSource.tooLong(file, rowStart, "row", maxRowBytes);
        }
        if (fieldLen == field.length) {
            field = Arrays.copyOf(field, (int) Math.min(maxRowBytes, field.length * 2L));
        }
        field[fieldLen++] = (byte) b;
    }

    private void endField() {
        int from = 0;
        if (!started) {
            started = true;
            if (fieldLen >= 3 && field[0] == (byte) 0xEF && field[1] == (byte) 0xBB && field[2] == (byte) 0xBF) {
                from = 3;
            }
        }
        rawFields.add(Arrays.copyOfRange(field, from, fieldLen));
        fieldLen = 0;
    }

    private String decode(byte[] bytes) {
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r') {
                return false;
            }
        }
        return true;
    }

    private int read() throws IOException, BadInputException {
        if (bufPos == bufLen) {
            int n;
            try {
                n = in.read(buf, 0, buf.length);
            } catch (EOFException | ZipException e) {
                throw InputFiles.gzipProblem(file, line, e);
            }
            if (n <= 0) {
                return -1;
            }
            bufPos = 0;
            bufLen = n;
        }
        return buf[bufPos++] & 0xFF;
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
