package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.LabelNext;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.reward.LabelNextJob;
import dev.pairlab.store.Project;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "next", mixinStandardHelpOptions = true, description = {
    "Label these next: the unlabeled pairs a human label would help most, ranked by LF conflict (vote entropy),",
    "label-model uncertainty, reward-model uncertainty, or combined = 0.4 conflict + 0.4 model + 0.2 rm",
    "(a part that is missing is left out and the other weights scaled to sum to 1)."})
final class NextCommand implements Callable<Integer> {
    @Mixin
    ProjectArg project;

    @Option(names = "--n", defaultValue = LabelNextJob.Params.DEFAULT_N, description = LabelNextJob.Params.DESC_N + " (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--by", defaultValue = LabelNextJob.Params.DEFAULT_BY, description = LabelNextJob.Params.DESC_BY + " (default ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--split", defaultValue = LabelNextJob.Params.DEFAULT_SPLIT, description = LabelNextJob.Params.DESC_SPLIT
            + " (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--show-text", description = LabelNextJob.Params.DESC_WITH_TEXT)
    boolean showText;

    @Mixin
    QuietOption quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LabelNextJob.Params params = new LabelNextJob.Params(n, LabelNext.By.parse(by), Split.parse(split), showText);
        LabelNextJob.Result r;
        try (Project p = Projects.openForCaching(project.file); ConsoleProgress progress = quiet.progress()) {
            r = new LabelNextJob(p, params).run(progress, dev.pairlab.task.Cancellation.none());
            Projects.noteUncached(p, output.json, spec.commandLine().getErr());
        }
        PrintWriter out = spec.commandLine().getOut();
        r.notes().forEach(s -> spec.commandLine().getErr().println("pairlab: " + s));
        String rankedBy = params.by().name().toLowerCase(Locale.ROOT);
        if (output.json) {
            ObjectNode o = Output.object().put("by", rankedBy).put("split", split);
            if (r.modelRun() == null) {
                o.putNull("label_model");
            } else {
                o.set("label_model", ModelCommand.runJson(r.modelRun()));
            }
            ObjectNode columns = o.putObject("columns");
            COLUMNS.forEach(c -> columns.put(c[0], c[2]));
            ArrayNode a = o.putArray("pairs");
            for (LabelNext.Ranked x : r.top()) {
                ObjectNode row = a.addObject().put("id", x.id()).put("score", x.score()).put("conflict", x.conflict()).put("votes", x.votes());
                Output.putNum(row, "model_uncertainty", x.model());
                Output.putNum(row, "rm_uncertainty", x.rm());
            }
            Output.print(out, o);
            return Cli.OK;
        }
        if (r.top().length == 0) {
            out.println("No pairs in the " + split + " split to rank.");
            return Cli.OK;
        }
        out.println("Ranked by " + rankedBy + " on the " + split + " split, using "
                + (r.modelRun() != null ? ModelCommand.describeRun(r.modelRun()) : r.usesModel() ? "no label model (none usable)" : "no label model")
                + ". Columns:");
        for (String[] c : COLUMNS) {
            out.printf("  %-9s %s%n", c[1], c[2]);
        }
        out.printf("%4s %10s %7s %8s %8s %8s %6s%n", "#", "pair", "score", "conflict", "model", "rm", "votes");
        int i = 0;
        for (LabelNext.Ranked x : r.top()) {
            out.printf("%4d %10d %7.3f %8.3f %8s %8s %6d%n", ++i, x.id(), x.score(), x.conflict(), LfCommand.fmt(x.model()), LfCommand.fmt(x.rm()),
                    x.votes());
            Pair pr = r.texts().get(x.id());
            if (pr != null) {
                out.println("       prompt: " + clip(pr.context()));
                out.println("       A: " + clip(pr.answerA()));
                out.println("       B: " + clip(pr.answerB()));
            }
        }
        return Cli.OK;
    }

    /** JSON key, text heading, what it means (LabelNext's definitions). */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"id", "pair", "the pair's id (--show-text prints its prompt and answers)"},
            new String[] {"score", "score", "what --by ranks on, highest first; combined = 0.4 conflict + 0.4 model + 0.2 rm, parts that are"
                    + " missing left out and the rest scaled to sum to 1"},
            new String[] {"conflict", "conflict", "entropy (bits) of the LFs' A/B votes, abstentions left out: 1 an even split, 0 all agree"
                    + " or none votes"},
            new String[] {"model_uncertainty", "model", "label-model uncertainty 1 - 2|P(B) - 0.5|: 1 at P = 0.5, 0 when certain (- without a model)"},
            new String[] {"rm_uncertainty", "rm", "reward-model uncertainty 1 - 2|σ(r_B - r_A) - 0.5| of the latest finished training run"
                    + " (- without one)"},
            new String[] {"votes", "votes", "how many LFs voted (did not abstain) on the pair"});

    private static String clip(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 80 ? t.substring(0, 79) + "…" : t;
    }
}
