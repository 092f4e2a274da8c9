package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.RecordError;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import pairs from a file (JSON lines, a JSON array or CSV; .gz too) in one transaction.",
            "Formats: hh, trl, answer-label, mt-bench, pandalm, csv (detected unless --format is given);",
            "json reads JSON of any schema through --col (and --label-map), with no detection.",
            "Pairs with a gold label go to train and those without to pool, unless --split says otherwise."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--format", paramLabel = "F", description = "Format id (see 'pairlab formats'); detected when absent.")
    String format;

    @Option(names = "--split", paramLabel = "S", description = "Put every pair in this split (train, dev, test, pool);"
            + " 'pairlab split' then leaves them there.")
    String split;

    @Option(names = "--seed", defaultValue = "123", description = "Seed of the A/B swap for chosen/rejected formats (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-invalid", description = "Import the good records and write the bad ones to a report.")
    boolean skipInvalid;

    @Option(names = "--report", paramLabel = "FILE", description = "Where --skip-invalid writes the bad records"
            + " (default: PROJECT.import-N.errors.txt beside the project).")
    Path report;

    @Option(names = "--col", paramLabel = "ROLE=FIELD", description = "The CSV column or JSON field for a role (context, a, b,"
            + " label, or context, chosen, rejected), e.g. --col context=input --col a=output_1 --col b=output_2 --col label=label;"
            + " a JSON field may be a dot path (responses.0). For a JSON file it selects the json format (no detection).")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--label-map", split = ",", paramLabel = "VALUE=a|b|none", description = "CSV and JSON: what each label"
            + " value means, e.g. --label-map 1=a,2=b; a value not in the map is an error (default: 0/1 or A/B).")
    Map<String, String> labelMap = new LinkedHashMap<>();

    @Mixin
    ForceOption force;
    @Option(names = "--dedupe", description = "Skip a pair whose prompt and two answers (in either order) an earlier"
            + " pair of the file has; without it they are imported and counted in a warning.")
    boolean dedupe;

    @Option(names = "--skip-empty", description = "Skip pairs with an empty or whitespace-only answer; without it they"
            + " are imported and counted in a warning.")
    boolean skipEmpty;

    @Option(names = "--max-line-mb", paramLabel = "MB", defaultValue = "64", description = "The largest line (JSON lines),"
            + " array element (JSON array) or row (CSV) to read, in MB (default ${DEFAULT-VALUE}); a larger one fails the import.")
    int maxLineMb;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImportOptions options = new ImportOptions(format, seed, skipInvalid, split == null ? null : Split.parse(split), columns,
                dedupe, skipEmpty, maxLineMb, labelMap);
        ImportReport r;
        try (Project p = project.open(Project.Access.READ_WRITE);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            r = PairImport.run(p, file, options, report == null ? null : OutputFile.of(report, force.force), progress, Cancellation.none());
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
            spec.commandLine().getErr().println("Warning: " + r.file() + ": " + r.warnings().describe());
        }
        return Cli.OK;
    }
}
