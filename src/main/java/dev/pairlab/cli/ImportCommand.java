package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportFormat;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import pairs from a file (JSON lines, a JSON array or CSV; .gz too) in one transaction.",
            "Formats: hh, trl, answer-label, mt-bench, pandalm, csv (detected unless --format is given);",
            "json reads JSON of any schema through --col (and --label-map), with no detection.",
            "Pairs with a gold label go to train and those without to pool, unless --split says otherwise."})
final class ImportCommand extends ProjectJobCommand {

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--format", paramLabel = "F", description = ImportOptions.DESC_FORMAT)
    String format;

    @Option(names = "--split", paramLabel = "S", description = ImportOptions.DESC_SPLIT)
    String split;

    @Option(names = "--seed", defaultValue = ImportOptions.DEFAULT_SEED, description = ImportOptions.DESC_SEED + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-invalid", description = ImportOptions.DESC_SKIP_INVALID)
    boolean skipInvalid;

    @Option(names = "--report", paramLabel = "FILE", description = "Where --skip-invalid writes the bad records"
            + " (default: PROJECT.import-N.errors.txt beside the project).")
    Path report;

    @Option(names = "--col", paramLabel = "ROLE=FIELD", description = ImportOptions.DESC_COLUMNS
            + ", e.g. --col context=input --col a=output_1 --col b=output_2 --col label=label;"
            + " a JSON field may be a dot path (responses.0). For a JSON file it selects the json format (no detection).")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--label-map", split = ",", paramLabel = "VALUE=a|b|none", description = ImportOptions.DESC_LABEL_MAP
            + ", e.g. --label-map 1=a,2=b; a value not in the map is an error (default: 0/1 or A/B).")
    Map<String, String> labelMap = new LinkedHashMap<>();

    @Mixin
    ForceOption force;
    @Option(names = "--dedupe", description = ImportOptions.DESC_DEDUPE)
    boolean dedupe;

    @Option(names = "--skip-empty", description = ImportOptions.DESC_SKIP_EMPTY)
    boolean skipEmpty;

    @Option(names = "--max-line-mb", paramLabel = "MB", defaultValue = ImportOptions.DEFAULT_MAX_LINE_MB, description = ImportOptions.DESC_MAX_LINE_MB
            + " (default ${DEFAULT-VALUE}); a larger one fails the import.")
    int maxLineMb;

    /** The import settings' names in messages, and the flag the CLI adds after a message that names one. */
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put(ImportOptions.NAME_FORMAT, "--format");
        FLAGS.put(ImportOptions.NAME_COLUMNS, "--col");
        FLAGS.put(ImportOptions.NAME_LABEL_MAP, "--label-map");
        FLAGS.put(ImportOptions.NAME_SKIP_INVALID, "--skip-invalid");
        FLAGS.put(ImportOptions.NAME_DEDUPE, "--dedupe");
        FLAGS.put(ImportOptions.NAME_SKIP_EMPTY, "--skip-empty");
        FLAGS.put(ImportOptions.NAME_MAX_LINE_MB, "--max-line-mb");
    }

    /** A message that names import settings, with their flags after it: "… in the column map (…) [--col]". */
    static String withFlags(String message) {
        List<String> flags = FLAGS.entrySet().stream().filter(e -> message.contains(e.getKey())).map(Map.Entry::getValue).toList();
        return flags.isEmpty() ? message : message + " [" + String.join(", ", flags) + "]";
    }

    @Override
    public Integer call() throws Exception {
        ImportOptions options = new ImportOptions(ImportFormat.parse(format), seed, skipInvalid, split == null ? null : Split.parse(split),
                columns, dedupe, skipEmpty, maxLineMb, labelMap);
        ImportReport r;
        try (Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = quiet.progress()) {
            r = new PairImport.Job(p, file, options, report == null ? null : OutputFile.of(report, force.force)).run(progress, Cancellation.none());
        } catch (InvalidParametersException e) {
            // The record calls the column map "columns"; here it is --col.
            throw new InvalidParametersException(e.problems().stream()
                    .map(pr -> pr.field().equals("columns") ? Problem.of("col", pr.message()) : pr).toList());
        } catch (BadInputException e) {
            throw new BadInputException(withFlags(e.getMessage()), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = Output.object();
            o.put("imported", r.imported());
            o.put("file", r.file());
            o.put("format", r.format());
            o.put("seed", r.seed());
            o.put("invalid", r.invalid());
            ObjectNode dropped = o.putObject("dropped");
            r.dropped().forEach(dropped::put);
            ObjectNode splits = o.putObject("splits");
            r.splits().forEach((k, v) -> splits.put(k.key(), v));
            o.put("error_report", r.errorReport() == null ? null : r.errorReport().toString());
            ImportReport.Warnings w = r.warnings();
            o.putObject("warnings").put("duplicates", w.duplicates()).put("identical_answers", w.identicalAnswers())
                    .put("empty_answers", w.emptyAnswers());
            o.put("millis", r.millis());
            Output.print(out, o);
        } else {
            String splits = r.splits().entrySet().stream().map(e -> e.getKey().key() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.printf("Imported %d pairs from %s (format %s, seed %d) in %.1f s: %s%n", r.imported(), r.file(), r.format(),
                    r.seed(), r.millis() / 1000.0, splits);
            if (r.droppedTotal() > 0) {
                out.println("Dropped on purpose: " + r.dropped());
            }
            if (r.invalid() > 0) {
                out.printf("Skipped %d invalid record(s); report: %s%n", r.invalid(), r.errorReport());
                for (RecordError e : r.errors().subList(0, (int) Math.min(5, r.errors().size()))) {
                    out.println("  " + e.describe(r.file()));
                }
            }
        }
        if (r.warnings().any()) {
            spec.commandLine().getErr().println(withFlags("Warning: " + r.file() + ": " + r.warnings().describe()));
        }
        return Cli.OK;
    }
}
