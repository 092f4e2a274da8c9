package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.LabelNext;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.reward.RewardNet;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainPair;
import dev.pairlab.reward.Trainer;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--n", defaultValue = "50", description = "How many pairs (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--by", defaultValue = "combined", description = "conflict, model, rm or combined (default ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--split", defaultValue = "pool", description = "Which split to rank (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--show-text", description = "Print each pair's prompt and answers (first 80 characters).")
    boolean showText;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LabelNext.By ranking = LabelNext.By.parse(by);
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1");
        }
        List<String> notes = new ArrayList<>();
        dev.pairlab.store.ModelRecord modelRun = null;
        LabelNext.Ranked[] top;
        Map<Long, Pair> texts = Map.of();
        try (Project p = Projects.openForCaching(project.file);
             ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, progress, Cancellation.none());
            int[] rows = Subsets.rows(l.labels(), EnumSet.of(Split.parse(split)));
            double[] probB = null;
            if (ranking != LabelNext.By.CONFLICT && ranking != LabelNext.By.RM) {
                try {
                    WeakExport.Labeler labeler = WeakExport.fromProject(p, 0);
                    modelRun = ModelCommand.runOf(p, labeler);
                    probB = labeler.model().probabilityB(l.matrix(), dev.pairlab.analysis.Subsets.all(l.matrix().n()));
                } catch (LfException e) {
                    if (ranking == LabelNext.By.MODEL) {
                        throw e;
                    }
                    notes.add("no usable label model (" + e.getMessage() + "): ranking by LF conflict only");
                }
            }
            double[] rmProbB = null;
            if (ranking == LabelNext.By.RM || ranking == LabelNext.By.COMBINED) {
                rmProbB = rewardProbabilities(p, l.matrix().ids(), rows, notes, ranking == LabelNext.By.RM);
            }
            top = LabelNext.rank(l.matrix(), rows, probB, rmProbB, ranking, n);
            if (showText) {
                texts = Pairs.getMany(p, java.util.Arrays.stream(top).mapToLong(LabelNext.Ranked::id).toArray());
            }
            Projects.noteUncached(p, output.json, spec.commandLine().getErr());
        }
        PrintWriter out = spec.commandLine().getOut();
        notes.forEach(s -> spec.commandLine().getErr().println("pairlab: " + s));
        if (output.json) {
            ObjectNode o = Output.object().put("by", ranking.name().toLowerCase(java.util.Locale.ROOT)).put("split", split);
            if (modelRun == null) {
                o.putNull("label_model");
            } else {
                o.set("label_model", ModelCommand.runJson(modelRun));
            }
            ObjectNode columns = o.putObject("columns");
            COLUMNS.forEach(c -> columns.put(c[0], c[2]));
            ArrayNode a = o.putArray("pairs");
            for (LabelNext.Ranked r : top) {
                ObjectNode x = a.addObject().put("id", r.id()).put("score", r.score()).put("conflict", r.conflict()).put("votes", r.votes());
                Output.putNum(x, "model_uncertainty", r.model());
                Output.putNum(x, "rm_uncertainty", r.rm());
            }
            Output.print(out, o);
            return Cli.OK;
        }
        if (top.length == 0) {
            out.println("No pairs in the " + split + " split to rank.");
            return Cli.OK;
        }
        boolean usesModel = ranking == LabelNext.By.MODEL || ranking == LabelNext.By.COMBINED;
        out.println("Ranked by " + ranking.name().toLowerCase(java.util.Locale.ROOT) + " on the " + split + " split, using "
                + (modelRun != null ? ModelCommand.describeRun(modelRun) : usesModel ? "no label model (none usable)" : "no label model")
                + ". Columns:");
        for (String[] c : COLUMNS) {
            out.printf("  %-9s %s%n", c[1], c[2]);
        }
        out.printf("%4s %10s %7s %8s %8s %8s %6s%n", "#", "pair", "score", "conflict", "model", "rm", "votes");
        int i = 0;
        for (LabelNext.Ranked r : top) {
            out.printf("%4d %10d %7.3f %8.3f %8s %8s %6d%n", ++i, r.id(), r.score(), r.conflict(), LfCommand.fmt(r.model()), LfCommand.fmt(r.rm()),
                    r.votes());
            Pair pr = texts.get(r.id());
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

    /** σ(r_B − r_A) of the latest finished reward model for the given rows (NaN elsewhere), or null. */
    static double[] rewardProbabilities(Project p, long[] ids, int[] rows, List<String> notes, boolean required) throws Exception {
        TrainingRuns.Run run = TrainingRuns.latestDone(p);
        if (run == null) {
            if (required) {
                throw new IllegalArgumentException("ranking by the reward model needs a finished training run ('pairlab rm train')");
            }
            notes.add("no finished reward model: leaving it out of the combined score");
            return null;
        }
        long[] want = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            want[k] = ids[rows[k]];
        }
        Map<Long, Pair> pairs = Pairs.getMany(p, want);
        List<TrainPair> list = new ArrayList<>();
        for (long id : want) {
            Pair x = pairs.get(id);
            list.add(new TrainPair(id, x.context(), x.answerA(), x.answerB(), 0.5, false));
        }
        double[] s;
        try (RewardNet net = RewardTraining.load(run.dir(), "auto")) {
            s = Trainer.scorePairs(net, list, 32);
        }
        double[] out = new double[ids.length];
        java.util.Arrays.fill(out, Double.NaN);
        for (int k = 0; k < rows.length; k++) {
            out[rows[k]] = 1 / (1 + Math.exp(-(s[2 * k + 1] - s[2 * k])));
        }
        notes.add("reward-model uncertainty from training run " + run.id());
        return out;
    }
}
