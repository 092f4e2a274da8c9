package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectInfo;
import dev.pairlab.task.Workflow;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Counts per split, gold balance (pool labels stay hidden), text lengths and imports.")
final class InfoCommand extends OneJobCommand<ProjectInfo> {

    @Override
    Workflow<ProjectInfo> job(Project p) {
        return new ProjectInfo.Job(p);
    }

    @Override
    void print(ProjectInfo info, PrintWriter out) {
        if (output.json) {
            Output.print(out, json(info));
            return;
        }
        out.printf("Project %s: %d pairs%n", info.name(), info.pairs());
        out.printf("  %-6s %8s %8s %8s %10s%n", "split", "pairs", "gold A", "gold B", "unlabeled");
        for (Map.Entry<Split, ProjectInfo.SplitCounts> e : info.splits().entrySet()) {
            ProjectInfo.SplitCounts c = e.getValue();
            if (c.goldHidden()) {
                out.printf("  %-6s %8d %28s%n", e.getKey().key(), c.pairs(), "(gold hidden)");
            } else {
                out.printf("  %-6s %8d %8d %8d %10d%n", e.getKey().key(), c.pairs(), c.a(), c.b(), c.unlabeled());
            }
        }
        out.printf("  lengths (characters)   mean  median     p95      max%n");
        printLengths(out, "context", info.context());
        printLengths(out, "answers", info.answers());
        if (info.lastSplit() != null) {
            out.println("  last split: " + info.lastSplit());
        }
        for (ProjectInfo.ImportEntry i : info.imports()) {
            out.printf("  import %d: %s (%s) %d pairs, %d invalid skipped, %d dropped, %s%n", i.id(), i.file(), i.format(),
                    i.pairs(), i.invalid(), i.dropped(), i.importedAt());
        }
    }

    private static void printLengths(PrintWriter out, String what, ProjectInfo.LengthStats s) {
        out.printf("  %-19s %7.0f %7d %7d %8d%n", what, s.mean(), s.median(), s.p95(), s.max());
    }

    static ObjectNode json(ProjectInfo info) {
        ObjectNode o = Output.object();
        o.put("project", info.name());
        o.put("pairs", info.pairs());
        ObjectNode splits = o.putObject("splits");
        info.splits().forEach((split, c) -> {
            ObjectNode s = splits.putObject(split.key());
            s.put("pairs", c.pairs());
            if (c.goldHidden()) {
                s.put("gold_hidden", true);
            } else {
                s.put("gold_a", c.a());
                s.put("gold_b", c.b());
                s.put("unlabeled", c.unlabeled());
            }
        });
        ObjectNode lengths = o.putObject("lengths");
        lengths.set("context", lengths(info.context()));
        lengths.set("answers", lengths(info.answers()));
        ArrayNode imports = o.putArray("imports");
        for (ProjectInfo.ImportEntry i : info.imports()) {
            imports.addObject().put("id", i.id()).put("file", i.file()).put("format", i.format()).put("pairs", i.pairs())
                    .put("invalid", i.invalid()).put("dropped", i.dropped()).put("imported_at", i.importedAt());
        }
        return o;
    }

    private static ObjectNode lengths(ProjectInfo.LengthStats s) {
        return Output.object().put("mean", Math.round(s.mean() * 10) / 10.0).put("median", s.median()).put("p95", s.p95())
                .put("max", s.max());
    }
}
