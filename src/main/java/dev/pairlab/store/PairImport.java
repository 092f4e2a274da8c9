package dev.pairlab.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.UserException;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports a file into a project in one transaction: either every good record is stored (and, when invalid
 * records are skipped, the bad ones are reported) or, on failure or cancel, the project is as it was.
 */
public final class PairImport {

    /** Unless invalid records are skipped, the import stops after this many errors: enough to fix a file in one go. */
    static final int MAX_ERRORS_SHOWN = 20;
    private static final int BATCH = 2000;

    private PairImport() {
    }

    /**
     * Importing a file as a job: what {@code pairlab import} and the import wizard both run.
     *
     * @param errorReport where the bad records go when they are skipped; null for the default beside the project
     */
    public record Job(Project project, Path file, ImportOptions options, OutputFile errorReport) implements Workflow<ImportReport> {

        @Override
        public ImportReport run(ProgressListener progress, Cancellation cancel) throws UserException, IOException, CancelledException {
            options.requireValid();
            return PairImport.run(project, file, options, errorReport, progress, cancel);
        }

        @Override
        public String title() {
            return "Importing " + file.getFileName();
        }
    }

    /**
     * @param errorReport where to write the bad records when they are skipped; null for the default,
     *                    {@code PROJECT.import-N.errors.txt} beside the project. It is checked before
     *                    anything is read and written before the import commits: a report that cannot
     *                    be written leaves the project as it was.
     */
    public static ImportReport run(Project project, Path file, ImportOptions options, OutputFile errorReport,
                                   ProgressListener progress, Cancellation cancel)
            throws BadInputException, IOException, CancelledException {
        long started = System.nanoTime();
        List<dev.pairlab.task.Problem> problems = options.validate();
        if (!problems.isEmpty()) {
            // Callers that skipped the job's check still get the problems, as bad input.
            throw new BadInputException(new dev.pairlab.task.InvalidParametersException(problems).getMessage());
        }
        OutputFile explicit = errorReport == null ? null : guard(errorReport, project, file);
        if (explicit != null) {
            explicit.check();
        }
        PairFormat format = Formats.resolve(file, options);
        return project.<ImportReport, BadInputException, CancelledException>write(c -> {
            ImportReport r = insertAll(c, project, file, format, options, errorReport == null ? null : errorReport.file(), progress,
                    cancel, started);
            if (r.errorReport() != null) {
                writeErrorReport(r, explicit != null ? explicit : guard(OutputFile.of(r.errorReport(), false), project, file));
            }
            return r;
        });
    }

    private static OutputFile guard(OutputFile report, Project project, Path input) {
        return Project.protect(report, project.file()).protecting(input, "the input file " + input);
    }

    private static ImportReport insertAll(Connection c, Project project, Path file, PairFormat format, ImportOptions options,
                                          Path errorReport, ProgressListener progress, Cancellation cancel, long started)
            throws SQLException, BadInputException, CancelledException {
        try {
            return insertAllOrFail(c, project, file, format, options, errorReport, progress, cancel, started);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static ImportReport insertAllOrFail(Connection c, Project project, Path file, PairFormat format, ImportOptions options,
                                                Path errorReport, ProgressListener progress, Cancellation cancel, long started)
            throws SQLException, BadInputException, IOException, CancelledException {
        long importId = insertImportRecord(c, file, format, options);
        String shownName = file.toString();
        Batch run;
        try (PairReader reader = format.open(file, options);
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO pairs (import_id, source_row, context, answer_a, answer_b, gold, split, pinned, extras)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             ParsingThread parser = new ParsingThread(reader)) {
            run = new Batch(insert, importId, options);
            progress.progress(0, reader.totalBytes(), "importing " + file.getFileName());
            List<ParsedRecord> records;
            boolean more = true;
            while (more && (records = parser.next()) != null) {
                for (int i = 0; more && i < records.size(); i++) {
                    more = run.accept(records.get(i));
                }
                cancel.throwIfCancelled();
                progress.progress(reader.bytesRead(), reader.totalBytes(), "importing " + file.getFileName());
            }
            run.flush();
            progress.progress(reader.totalBytes(), reader.totalBytes(), "imported " + file.getFileName());
        }
        List<RecordError> errors = run.errors;
        Map<String, Long> dropped = run.dropped;
        long imported = run.imported;
        long records = run.records;
        if (!errors.isEmpty() && !options.skipInvalid()) {
            StringBuilder msg = new StringBuilder();
            for (RecordError e : errors) {
                msg.append(e.describe(shownName)).append('\n');
            }
            msg.append(errors.size() >= MAX_ERRORS_SHOWN ? "(stopped after " + MAX_ERRORS_SHOWN + " problems)" : "(" + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ")")
                    .append(" nothing was imported; fix the file, or " + ImportOptions.NAME_SKIP_INVALID + " to import the good ones");
            throw new BadInputException(msg.toString());
        }
        if (imported == 0) {
            String why = records == 0 ? "file is empty (no records)"
                    : errors.isEmpty() ? "no pairs to import (" + records + " records dropped: " + dropped + ")"
                    : "no valid records (" + errors.size() + " invalid; first: " + errors.get(0).describe(shownName) + ")";
            throw new BadInputException(shownName + ": " + why);
        }
        long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
        try (PreparedStatement ps = c.prepareStatement("UPDATE imports SET pairs = ?, invalid = ?, dropped = ? WHERE id = ?")) {
            ps.setLong(1, imported);
            ps.setLong(2, errors.size());
            ps.setLong(3, droppedTotal);
            ps.setLong(4, importId);
            ps.executeUpdate();
        }
        Path reportPath = null;
        if (!errors.isEmpty()) {
            reportPath = errorReport != null ? errorReport
                    : project.file().resolveSibling(project.name() + ".import-" + importId + ".errors.txt");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ImportReport.Warnings warnings = new ImportReport.Warnings(run.duplicates, run.identicalAnswers, run.emptyAnswers,
                options.dedupe(), options.skipEmpty());
        return new ImportReport(importId, shownName, format.id(), options.seed(), imported, errors.size(), dropped,
                List.copyOf(errors), reportPath, run.splits, millis, warnings);
    }

    /** Turns parsed records into batched inserts, counting what was imported, dropped and invalid. */
    private static final class Batch {
        final List<RecordError> errors = new ArrayList<>();
        final Map<String, Long> dropped = new TreeMap<>();
        final Map<Split, Long> splits = new EnumMap<>(Split.class);
        long imported;
        long records;
        long duplicates;
        long identicalAnswers;
        long emptyAnswers;
        private final RepeatedPairs seen = new RepeatedPairs();
        private final PreparedStatement insert;
        private final long importId;
        private final ImportOptions options;
        private int batched;

        Batch(PreparedStatement insert, long importId, ImportOptions options) {
            this.insert = insert;
            this.importId = importId;
            this.options = options;
        }

        /** Takes one record; false when the import should stop reading (too many errors to go on). */
        boolean accept(ParsedRecord r) throws SQLException {
            records++;
            if (r.error() != null) {
                errors.add(r.error());
                return options.skipInvalid() || errors.size() < MAX_ERRORS_SHOWN;
            }
            if (r.dropReason() != null) {
                dropped.merge(r.dropReason(), 1L, Long::sum);
                return true;
            }
            if (!errors.isEmpty() && !options.skipInvalid()) {
                return true; // the import will fail; keep reading only to report more errors
            }
            Pair p = r.pair();
            if (p.answerA().isBlank() || p.answerB().isBlank()) {
                emptyAnswers++;
                if (options.skipEmpty()) {
                    dropped.merge(ImportReport.DROPPED_EMPTY, 1L, Long::sum);
                    return true;
                }
            }
            if (!seen.addIfNew(p)) {
                duplicates++;
                if (options.dedupe()) {
                    dropped.merge(ImportReport.DROPPED_DUPLICATE, 1L, Long::sum);
                    return true;
                }
            }
            if (p.answerA().equals(p.answerB())) {
                identicalAnswers++;
            }
            // A split asked for, else the record's own split (a CSV "split" column), pins the pair.
            boolean pinned = options.split() != null || p.split() != null;
            Split split = options.split() != null ? options.split()
                    : p.split() != null ? p.split()
                    : p.gold().known() ? Split.TRAIN : Split.POOL;
            insert.setLong(1, importId);
            insert.setLong(2, p.sourceRow());
            insert.setString(3, p.context());
            insert.setString(4, p.answerA());
            insert.setString(5, p.answerB());
            insert.setInt(6, p.gold().code());
            insert.setString(7, split.key());
            insert.setInt(8, pinned ? 1 : 0);
            insert.setString(9, p.extras());
            insert.addBatch();
            splits.merge(split, 1L, Long::sum);
            imported++;
            if (++batched == BATCH) {
                flush();
            }
            return true;
        }

        void flush() throws SQLException {
            if (batched > 0) {
                insert.executeBatch();
                batched = 0;
            }
        }
    }

    private static long insertImportRecord(Connection c, Path file, PairFormat format, ImportOptions options) throws SQLException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("path", file.toAbsolutePath().normalize().toString());
        o.put("format", format.id());
        o.put("seed", options.seed());
        o.put("skip_invalid", options.skipInvalid());
        if (options.dedupe()) {
            o.put("dedupe", true);
        }
        if (options.skipEmpty()) {
            o.put("skip_empty", true);
        }
        if (options.maxLineMb() != Integer.parseInt(ImportOptions.DEFAULT_MAX_LINE_MB)) {
            o.put("max_line_mb", options.maxLineMb());
        }
        if (options.split() != null) {
            o.put("split", options.split().key());
        }
        ObjectNode cols = o.putObject("columns");
        options.columns().forEach(cols::put);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO imports (file, format, options, imported_at, pairs, invalid, dropped) VALUES (?, ?, ?, ?, 0, 0, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, file.getFileName().toString());
            ps.setString(2, format.id());
            ps.setString(3, o.toString());
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void writeErrorReport(ImportReport report, OutputFile out) throws BadInputException {
        try {
            out.writeText(w -> {
                w.write("# " + report.invalid() + " invalid record(s) skipped while importing " + report.file()
                        + " (import " + report.importId() + ", " + report.imported() + " pairs imported)\n");
                for (RecordError e : report.errors()) {
                    w.write(e.describe(report.file()));
                    w.write('\n');
                }
            });
        } catch (IOException e) {
            throw new BadInputException(out.file() + ": cannot write the report of invalid records (" + e.getMessage()
                    + "); nothing was imported", e);
        } catch (BadInputException e) {
            // Refused now though it passed the check at the start: something changed on disk meanwhile.
            throw new BadInputException(e.getMessage() + "; nothing was imported", e);
        }
    }
}
