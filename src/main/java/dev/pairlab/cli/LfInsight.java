package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.LfAgreement;
import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.LfVersionDiff;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The LF subcommands beyond stats: agreement matrix, history, diff between versions, revert. */
final class LfInsight {

    private LfInsight() {
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    @Command(name = "agreement", mixinStandardHelpOptions = true, description = {
        "Pairwise LF overlap, agreement on the overlap, conflict rate and vote correlation over a split;",
        "near-duplicates (agreement >= --duplicate-cutoff, default 0.95, on >= 20 shared pairs) are flagged:",
        "the label model counts them twice."})
    static final class Agreement implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--split", split = ",", description = "Only these splits (default: all).")
        List<String> split;

        @Option(names = "--csv", paramLabel = "FILE", description = "Write the matrix as CSV (one row per LF pair).")
        Path csv;

        @Option(names = "--duplicate-cutoff", paramLabel = "A", defaultValue = "0.95", description = {"Flag two LFs as near-duplicates"
            + " when they agree on at least this share of the pairs both vote on (>= 20 of them) (default ${DEFAULT-VALUE})."})
        double duplicateCutoff;

        @Mixin
        ForceOption force;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(duplicateCutoff >= 0 && duplicateCutoff <= 1)) {
                throw new IllegalArgumentException("--duplicate-cutoff must be an agreement between 0 and 1, got " + duplicateCutoff);
            }
            dev.pairlab.pairs.OutputFile target = csv == null ? null : Projects.output(csv, force.force, project.file);
            if (target != null) {
                target.check();
            }
            ProjectLabeling.Labeled labeled = Projects.label(project.file, quiet, output.json, spec.commandLine().getErr());
            int[] rows = Subsets.rows(labeled.labels(), LfCommand.splits(split));
            LfAgreement.Report r = LfAgreement.compute(labeled.matrix(), rows, duplicateCutoff);
            List<String> names = r.names();
            int k = names.size();
            if (csv != null) {
                target.writeText(w -> {
                    w.write("lf_a,lf_b,overlap,agreement,conflict,correlation\n");
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            LfAgreement.Cell c = r.cells()[i][j];
                            w.write(String.join(",", names.get(i), names.get(j), Integer.toString(c.overlap()), num(c.agreement()),
                                    num(c.conflict()), num(c.correlation())));
                            w.write('\n');
                        }
                    }
                });
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("pairs", rows.length);
                ArrayNode n = o.putArray("lfs");
                names.forEach(n::add);
                for (String key : List.of("overlap", "agreement", "conflict", "correlation")) {
                    ArrayNode m = o.putArray(key);
                    for (int i = 0; i < k; i++) {
                        ArrayNode row = m.addArray();
                        for (int j = 0; j < k; j++) {
                            LfAgreement.Cell c = r.cells()[i][j];
                            double v = switch (key) {
                                case "overlap" -> c.overlap();
                                case "agreement" -> c.agreement();
                                case "conflict" -> c.conflict();
                                default -> c.correlation();
                            };
                            if (Double.isNaN(v)) {
                                row.addNull();
                            } else if (key.equals("overlap")) {
                                row.add((int) v);
                            } else {
                                row.add(v);
                            }
                        }
                    }
                }
                o.put("duplicate_cutoff", r.duplicateCutoff()).put("duplicate_min_overlap", LfAgreement.DUPLICATE_MIN_OVERLAP);
                ArrayNode d = o.putArray("near_duplicates");
                for (int[] pr : r.nearDuplicates()) {
                    d.addObject().put("a", names.get(pr[0])).put("b", names.get(pr[1]))
                            .put("agreement", r.cells()[pr[0]][pr[1]].agreement()).put("overlap", r.cells()[pr[0]][pr[1]].overlap());
                }
                Output.print(out, o);
                return Cli.OK;
            }
            out.printf("Agreement on the overlap (upper triangle) and conflict rate (lower), %d pairs%n", rows.length);
            int w = 5 + Math.max(6, names.stream().mapToInt(String::length).max().orElse(6));
            out.printf("%-" + w + "s", "");
            for (int j = 0; j < k; j++) {
                out.printf(" %6s", "#" + (j + 1));
            }
            out.println();
            for (int i = 0; i < k; i++) {
                out.printf("%-" + w + "s", "#" + (i + 1) + " " + names.get(i));
                for (int j = 0; j < k; j++) {
                    LfAgreement.Cell c = r.cells()[i][j];
                    double v = i == j ? Double.NaN : i < j ? c.agreement() : c.conflict();
                    out.printf(" %6s", Double.isNaN(v) ? "-" : String.format("%.3f", v));
                }
                out.println();
            }
            if (r.nearDuplicates().isEmpty()) {
                int[] c = r.closest();
                out.printf(Locale.ROOT, "No near-duplicate LFs (agreement >= %.3f on >= %d shared pairs; --duplicate-cutoff to change)%s%n",
                        r.duplicateCutoff(), LfAgreement.DUPLICATE_MIN_OVERLAP, c == null ? "."
                                : String.format(Locale.ROOT, "; the closest: %s and %s agree on %.3f of the %d pairs both vote on.",
                                        names.get(c[0]), names.get(c[1]), r.cells()[c[0]][c[1]].agreement(), r.cells()[c[0]][c[1]].overlap()));
            }
            for (int[] pr : r.nearDuplicates()) {
                LfAgreement.Cell c = r.cells()[pr[0]][pr[1]];
                out.printf(Locale.ROOT, "Near-duplicates (agreement >= %.3f): %s and %s agree on %.1f%% of the %d pairs both vote on;"
                        + " the label model counts them twice.%n", r.duplicateCutoff(), names.get(pr[0]), names.get(pr[1]), 100 * c.agreement(),
                        c.overlap());
            }
            if (csv != null) {
                out.println("Wrote " + csv);
            }
            return Cli.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every saved version of a labeling function.")
    static final class History implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Parameters(index = "1", paramLabel = "LF")
        String name;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Lfs.Version> versions;
            LfRecord current;
            try (Project p = Project.open(project.file, Project.Access.READ_ONLY)) {
                current = Lfs.get(p, name);
                versions = Lfs.history(p, name);
            }
            if (current == null) {
                throw new BadInputException("no LF named '" + name + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("lf", name).put("current", current.version());
                ArrayNode a = o.putArray("versions");
                for (Lfs.Version v : versions) {
                    a.addObject().put("version", v.version()).put("kind", v.kind()).put("saved_at", v.savedAt()).put("definition", v.definition());
                }
                Output.print(out, o);
            } else {
                for (Lfs.Version v : versions) {
                    out.printf("%s v%d  %s  %s %s%n", v.version() == current.version() ? "*" : " ", v.version(), v.savedAt(), v.kind(),
                            v.definition());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = {
        "Stats of two versions of an LF side by side and the pairs whose vote changed: fixed (now better),",
        "broken (now worse; wrong < abstain < right) and without gold. Default: the previous version against the current."})
    static final class Diff implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Parameters(index = "1", paramLabel = "LF")
        String name;

        @Option(names = "--from", description = "Old version (default: the one before the current).")
        Integer from;

        @Option(names = "--to", description = "New version (default: the current).")
        Integer to;

        @Option(names = "--split", split = ",", description = "Only these splits (default: all).")
        List<String> split;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LfVersionDiff r;
            try (Project p = Projects.openForCaching(project.file);
                 ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
                r = LfVersionDiff.of(p, name, from, to, LfCommand.splits(split), progress, Cancellation.none());
                Projects.noteUncached(p, output.json, spec.commandLine().getErr());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("lf", name).put("from", r.from()).put("to", r.to()).put("changed", r.diff().changed());
                for (int i = 0; i < 2; i++) {
                    LfStats.LfSummary s = r.stats()[i];
                    ObjectNode x = o.putObject(i == 0 ? "stats_from" : "stats_to").put("coverage", s.coverage()).put("correct", s.correct())
                            .put("incorrect", s.incorrect());
                    Output.putNum(x, "accuracy", s.accuracy());
                }
                for (String key : List.of("fixed", "broken", "unknown")) {
                    long[] ids = key.equals("fixed") ? r.diff().fixed() : key.equals("broken") ? r.diff().broken() : r.diff().unknown();
                    ArrayNode a = o.putArray(key);
                    for (long id : ids) {
                        a.add(id);
                    }
                }
                Output.print(out, o);
            } else {
                out.printf("%-10s %8s %8s %9s %8s%n", name, "Coverage", "Correct", "Incorrect", "Emp.Acc.");
                for (int i = 0; i < 2; i++) {
                    LfStats.LfSummary s = r.stats()[i];
                    out.printf("%-10s %8.3f %8d %9d %8s%n", "v" + (i == 0 ? r.from() : r.to()), s.coverage(), s.correct(), s.incorrect(),
                            LfCommand.fmt(s.accuracy()));
                }
                out.println(r.diff().changed() + " votes changed: " + r.diff().summary());
                out.println("  fixed:   " + preview(r.diff().fixed()));
                out.println("  broken:  " + preview(r.diff().broken()));
                if (r.diff().unknown().length > 0) {
                    out.println("  no gold: " + preview(r.diff().unknown()));
                }
            }
            return Cli.OK;
        }

        private static String preview(long[] ids) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(20, ids.length); i++) {
                b.append(i == 0 ? "" : " ").append(ids[i]);
            }
            return ids.length > 20 ? b + " … (" + ids.length + "; --json lists all)" : ids.length == 0 ? "-" : b.toString();
        }
    }

    @Command(name = "revert", mixinStandardHelpOptions = true, description = {
        "Make an earlier version of an LF current again (saved as a new version; the history keeps everything)."})
    static final class Revert implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Parameters(index = "1", paramLabel = "LF")
        String name;

        @Option(names = "--to", required = true, description = "The version to restore.")
        int version;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LfRecord after;
            try (Project p = Project.open(project.file, Project.Access.READ_WRITE)) {
                if (Lfs.get(p, name) == null) {
                    throw new BadInputException("no LF named '" + name + "'");
                }
                if (Lfs.version(p, name, version) == null) {
                    throw new BadInputException("LF '" + name + "' has no version " + version + " (see pairlab lf history)");
                }
                after = Lfs.revert(p, name, version);
            }
            if (output.json) {
                Output.print(spec.commandLine().getOut(), Output.object().put("lf", name).put("restored", version).put("version", after.version()));
            } else {
                spec.commandLine().getOut().printf("%s: version %d restored as version %d%n", name, version, after.version());
            }
            return Cli.OK;
        }
    }
}
