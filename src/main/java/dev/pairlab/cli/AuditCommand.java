package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.PositionAudit;
import dev.pairlab.pairs.Split;
import dev.pairlab.reward.PositionAuditJob;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audits of the project's labeling functions.",
        subcommands = {AuditCommand.Position.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "position", mixinStandardHelpOptions = true, description = {
        "A/B position audit: swap the answers of every pair of a split and apply each LF again. Each vote should flip",
        "and each abstention stay; an LF whose vote depends on where an answer stands is flagged (exit code 3).",
        "--rm re-scores the latest trained reward model the same way."})
    static final class Position implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--split", defaultValue = PositionAuditJob.Params.DEFAULT_SPLIT, description = PositionAuditJob.Params.DESC_SPLIT
                + " (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--rm", description = PositionAuditJob.Params.DESC_RM)
        boolean rm;

        @Mixin
        QuietOption quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PositionAuditJob.Result result;
            try (Project p = Projects.openForCaching(project.file); ConsoleProgress progress = quiet.progress()) {
                result = new PositionAuditJob(p, new PositionAuditJob.Params(Split.parse(split), rm)).run(progress, Cancellation.none());
                Projects.noteUncached(p, output.json, spec.commandLine().getErr());
            }
            List<PositionAudit.Row> rows = result.rows();
            int n = result.pairs();
            boolean flagged = result.flagged();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                ObjectNode o = Output.object().put("split", split).put("pairs", n);
                ArrayNode a = o.putArray("lfs");
                for (PositionAudit.Row r : rows) {
                    ObjectNode x = a.addObject().put("lf", r.lf()).put("consistent", r.consistent()).put("share", r.share())
                            .put("position_dependent", r.positionDependent());
                    if (r.positionDependent()) {
                        x.put("first_inconsistent_pair", r.firstInconsistent());
                    }
                }
                Output.print(out, o);
            } else {
                out.printf("A/B position audit on %s (%d pairs): share of pairs whose vote mirrors when A and B swap%n", split, n);
                for (PositionAudit.Row r : rows) {
                    out.printf("  %-24s %7.3f  %s%n", r.lf(), r.share(), r.positionDependent()
                            ? "POSITION-DEPENDENT (" + (r.pairs() - r.consistent()) + " pairs, e.g. pair " + r.firstInconsistent() + ")" : "ok");
                }
            }
            return flagged ? 3 : Cli.OK;
        }
    }
}
