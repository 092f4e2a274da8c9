package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV (or TSV) with a header. Columns are found by their usual names or named with
 * {@code --col role=COLUMN} for the roles context, a, b, label, or context, chosen, rejected.
 * With chosen/rejected columns, A/B is swapped by the seed as for other chosen/rejected formats.
 * Labels: 0/1 or A/B, or the values of {@code --label-map}; empty means unlabeled. A "split" column, as the export writes, places each
 * pair in that split.
 */
public final class CsvFormat implements PairFormat {

    /** The roles a column can play, with the header names recognised without a mapping. */
    static final Map<String, List<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("context", List.of("context", "prompt", "instruction", "conversation", "question"));
        ROLES.put("a", List.of("answer_a", "answer_0", "response_a", "response1", "a"));
        ROLES.put("b", List.of("answer_b", "answer_1", "response_b", "response2", "b"));
        ROLES.put("label", List.of("label", "gold", "preferred", "winner"));
        ROLES.put("chosen", List.of("chosen"));
        ROLES.put("rejected", List.of("rejected"));
    }

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV/TSV with a header (columns by name or --col role=COLUMN)";
    }

    @Override
    public int detectionOrder() {
        return 1000;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return false;
    }

    @Override
    public boolean takesFieldMapping() {
        return true;
    }

    @Override
    public String fileExtension() {
        return "csv";
    }

    @Override
    public PairReader open(Path file, ImportOptions options) throws IOException, BadInputException {
        CsvSource source = new CsvSource(file, InputFiles.open(file), options.maxLineBytes());
        try {
            Map<String, String> columns = resolveColumns(file, source.header(), options.columns());
            return new PairReader() {
                @Override
                public ParsedRecord next() throws IOException, BadInputException {
                    RawRecord raw = source.next();
                    if (raw == null) {
                        return null;
                    }
                    if (raw.error() != null) {
                        return ParsedRecord.error(raw.error());
                    }
                    try {
                        return ParsedRecord.ok(raw.line(), parseRow(raw.node(), raw.line(), columns, options));
                    } catch (InvalidRecordException e) {
                        return ParsedRecord.error(new RecordError(raw.line(), e.field(), e.getMessage()));
                    }
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
            };
        } catch (BadInputException | IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** A column map's role that is not one of {@link #ROLES}. */
    static String unknownRole(String role) {
        return ImportOptions.NAME_COLUMNS + " names an unknown role '" + role + "' (use one of " + ROLES.keySet() + ")";
    }

    /** Role → column name, from the user's mapping first, then the usual names. */
    static Map<String, String> resolveColumns(Path file, List<String> header, Map<String, String> mapping)
            throws BadInputException {
        Set<String> present = new HashSet<>(header);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            if (!ROLES.containsKey(e.getKey())) {
                throw new BadInputException(unknownRole(e.getKey()));
            }
            if (!present.contains(e.getValue())) {
                throw new BadInputException(file + ":1: no column '" + e.getValue() + "' for " + e.getKey()
                        + " (the header has " + header + ")");
            }
            out.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, List<String>> role : ROLES.entrySet()) {
            if (!out.containsKey(role.getKey())) {
                role.getValue().stream().filter(present::contains).findFirst().ifPresent(c -> out.put(role.getKey(), c));
            }
        }
        boolean pairwise = out.containsKey("chosen") && out.containsKey("rejected");
        boolean ab = out.containsKey("a") && out.containsKey("b");
        if (!out.containsKey("context") || !(pairwise || ab)) {
            throw new BadInputException(file + ":1: cannot tell which columns hold the context and the two answers"
                    + " (header: " + header + "); name them in " + ImportOptions.NAME_COLUMNS + ": context=…, a=…, b=… [, label=…]"
                    + " or context=…, chosen=…, rejected=…");
        }
        if (!ab) {
            out.remove("a");
            out.remove("b");
            out.remove("label");
        } else if (pairwise && mapping.containsKey("a")) {
            out.remove("chosen");
            out.remove("rejected");
        } else if (pairwise) {
            out.remove("a");
            out.remove("b");
            out.remove("label");
        }
        return out;
    }

    static Pair parseRow(JsonNode row, long line, Map<String, String> columns, ImportOptions options)
            throws InvalidRecordException {
        String context = row.get(columns.get("context")).textValue();
        Set<String> consumed = new HashSet<>(columns.values());
        Split split = null;
        if (row.has(SPLIT_COLUMN) && !consumed.contains(SPLIT_COLUMN)) {
            String s = row.get(SPLIT_COLUMN).textValue().strip();
            if (!s.isEmpty()) {
                try {
                    split = Split.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRecordException(SPLIT_COLUMN, e.getMessage());
                }
            }
            consumed.add(SPLIT_COLUMN);
        }
        String extras = Fields.extras(row, consumed);
        Pair pair;
        if (columns.containsKey("chosen")) {
            pair = Swap.place(context, row.get(columns.get("chosen")).textValue(),
                    row.get(columns.get("rejected")).textValue(), options.seed(), line, extras);
        } else {
            String label = columns.get("label");
            Gold gold = label == null ? Gold.NONE : LabelMap.read(row, row.get(label), label, options.labelMap());
            pair = Pair.parsed(context, row.get(columns.get("a")).textValue(), row.get(columns.get("b")).textValue(),
                    gold, line, extras);
        }
        return pair.withSplit(split);
    }

    /** A "split" column (as this format's export writes) places each pair, like --split does for a file. */
    static final String SPLIT_COLUMN = "split";

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) {
        throw new UnsupportedOperationException("CSV records are parsed by the reader open() returns");
    }

    @Override
    public PairWriter writer(OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        String header = "id,split,context,answer_a,answer_b,label,source,source_row";
        return new PairWriter() {
            private boolean headerWritten;

            @Override
            public boolean write(Pair p) throws IOException {
                return write(p, Map.of());
            }

            @Override
            public boolean write(Pair p, Map<String, Object> extra) throws IOException {
                if (!headerWritten) {
                    w.write(header);
                    for (String k : extra.keySet()) {
                        w.write(',');
                        quote(w, k);
                    }
                    w.write('\n');
                    headerWritten = true;
                }
                w.write(Long.toString(p.id()));
                w.write(',');
                w.write(p.split() == null ? "" : p.split().key());
                w.write(',');
                quote(w, p.context());
                w.write(',');
                quote(w, p.answerA());
                w.write(',');
                quote(w, p.answerB());
                w.write(',');
                w.write(p.gold().known() ? Integer.toString(p.gold().code()) : "");
                w.write(',');
                quote(w, p.source());
                w.write(',');
                w.write(Long.toString(p.sourceRow()));
                for (Object v : extra.values()) {
                    w.write(',');
                    w.write(String.valueOf(v));
                }
                w.write('\n');
                return true;
            }

            @Override
            public void close() throws IOException {
                if (!headerWritten) {
                    w.write(header + "\n");
                }
                w.close();
            }
        };
    }

    /** RFC 4180 quoting: always quoted, so embedded newlines and commas survive. */
    private static void quote(Writer w, String s) throws IOException {
        w.write('"');
        int from = 0;
        int q;
        while ((q = s.indexOf('"', from)) >= 0) {
            w.write(s, from, q - from + 1);
            w.write('"');
            from = q + 1;
        }
        w.write(s, from, s.length() - from);
        w.write('"');
    }
}
