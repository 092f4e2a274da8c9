package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes doubled, and newlines) with a header row.
 * Each row becomes a JSON object keyed by the header, so the pair formats read it like JSON.
 * A tab-separated file is recognised by its extension (.tsv) or by a header with tabs and no commas.
 */
final class CsvSource implements RecordSource {

    private final Path file;
    private final InputFiles.Opened in;
    private final Reader reader;
    private char delimiter;
    private List<String> header;
    private long line = 1;
    private int pushedBack = -2;
    private boolean eof;

    CsvSource(Path file, InputFiles.Opened in) {
        this.file = file;
        this.in = in;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        String name = file.getFileName().toString().toLowerCase();
        this.delimiter = name.endsWith(".tsv") || name.endsWith(".tsv.gz") ? '\t' : 0;
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
            List<String> row = readRow();
            if (row == null) {
                return null;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                return RawRecord.broken(start, "expected " + header.size() + " columns as in the header, found " + row.size());
            }
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (int i = 0; i < row.size(); i++) {
                node.put(header.get(i), row.get(i));
            }
            return RawRecord.of(start, node);
        }
    }

    private void readHeader() throws IOException, BadInputException {
        int c = read();
        if (c != 0xFEFF) {
            unread(c);
        }
        if (delimiter == 0) {
            delimiter = ',';
            List<String> raw = readRow();
            if (raw == null) {
                throw new BadInputException(file + ": file is empty (no CSV header)");
            }
            if (raw.size() == 1 && raw.get(0).indexOf('\t') >= 0) {
                raw = List.of(raw.get(0).split("\t", -1));
                delimiter = '\t';
            }
            header = raw;
        } else {
            header = readRow();
            if (header == null) {
                throw new BadInputException(file + ": file is empty (no CSV header)");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                throw new BadInputException(file + ":1: column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new BadInputException(file + ":1: the header names column '" + name + "' twice");
            }
            header.set(i, name);
        }
    }

    /** One row's fields, or null at end of input. */
    private List<String> readRow() throws IOException, BadInputException {
        if (eof) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        long rowStart = line;
        int c = read();
        if (c < 0) {
            eof = true;
            return null;
        }
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new BadInputException(file + ":" + rowStart + ": a quoted field is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n') {
                if (c < 0) {
                    eof = true;
                } else {
                    line++;
                }
                int len = field.length();
                if (!fieldWasQuoted && len > 0 && field.charAt(len - 1) == '\r') {
                    field.setLength(len - 1);
                }
                fields.add(field.toString());
                return fields;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == '\r' && fieldWasQuoted) {
                // CR of a CRLF after a closing quote: dropped with the line end.
            } else if (fieldWasQuoted) {
                throw new BadInputException(file + ":" + line + ": text after the closing quote of a field");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException, BadInputException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            return reader.read();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ":" + line + ": invalid UTF-8");
        } catch (EOFException | ZipException e) {
            throw new BadInputException(file + ": the gzip data is truncated or corrupt (" + e.getMessage() + ")");
        }
    }

    private void unread(int c) {
        pushedBack = c;
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
        reader.close();
    }
}
