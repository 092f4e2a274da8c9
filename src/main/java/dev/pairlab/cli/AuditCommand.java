package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.PositionAudit;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.reward.RewardNet;
import dev.pairlab.reward.RewardTraining;
import dev.pairlab.reward.TrainPair;
import dev.pairlab.reward.Trainer;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
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

    /**
     * The latest finished reward model scored on the pairs and on the pairs with A and B swapped: its
     * preference should flip (a tie should stay a tie).
     */
    static PositionAudit.Row rewardModel(Project p, List<Pair> pairs) throws Exception {
        TrainingRuns.Run run = TrainingRuns.latestDone(p);
        if (run == null) {
            throw new IllegalArgumentException("--rm needs a finished training run ('pairlab rm train')");
        }
        List<TrainPair> straight = new ArrayList<>();
        List<TrainPair> swapped = new ArrayList<>();
        for (Pair x : pairs) {
            straight.add(new TrainPair(x.id(), x.context(), x.answerA(), x.answerB(), 0.5, false));
            swapped.add(new TrainPair(x.id(), x.context(), x.answerB(), x.answerA(), 0.5, false));
        }
        double[] s;
        double[] t;
        try (RewardNet net = RewardTraining.load(run.dir(), "auto")) {
            s = Trainer.scorePairs(net, straight, 32);
            t = Trainer.scorePairs(net, swapped, 32);
        }
        int ok = 0;
        long first = 0;
        for (int i = 0; i < pairs.size(); i++) {
            int before = Double.compare(s[2 * i + 1], s[2 * i]);
            int after = Double.compare(t[2 * i + 1], t[2 * i]);
            if (after == -before) {
                ok++;
            } else if (first == 0) {
                first = pairs.get(i).id();
            }
        }
        int n = pairs.size();
        return new PositionAudit.Row("reward model (run " + run.id() + ")", n, ok, n == 0 ? 1 : (double) ok / n, ok < n, first);
    }

    @Command(name = "position", mixinStandardHelpOptions = true, description = {
        "A/B position audit: swap the answers of every pair of a split and apply each LF again. Each vote should flip",
        "and each abstention stay; an LF whose vote depends on where an answer stands is flagged (exit code 3).",
        "--rm re-scores the latest trained reward model the same way."})
    static final class Position implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Option(names = "--split", defaultValue = "train", description = "The split to audit (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--rm", description = "Also re-score the latest finished reward model on the swapped pairs.")
        boolean rm;

        @Option(names = {"-q", "--quiet"}, description = "No progress output.")
        boolean quiet;

        @Mixin
        Output output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<PositionAudit.Row> rows;
            int n;
            try (Project p = Projects.openForCaching(project.file);
                 ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
                List<NamedLf> lfs = new ArrayList<>();
                for (LfRecord r : Lfs.list(p)) {
                    // LLM judges are asked in both orders by design (their vote needs the two to agree); not audited here.
                    if (r.enabled() && !r.kind().equals(dev.pairlab.lf.JudgeRule.KIND)) {
                        lfs.add(NamedLf.of(r));
                    }
                }
                FeatureTable all = FeatureCache.open(p);
                List<Pair> pairs = new ArrayList<>();
                Pairs.<RuntimeException, RuntimeException>forEach(p, EnumSet.of(Split.parse(split)), false, pairs::add);
                int[] sub = new int[pairs.size()];
                for (int k = 0; k < sub.length; k++) {
                    sub[k] = all.row(pairs.get(k).id());
                }
                FeatureTable features = all.rows(sub);
                n = pairs.size();
                rows = new ArrayList<>(PositionAudit.audit(features, pairs, lfs, Cancellation.none()));
                if (rm) {
                    rows.add(rewardModel(p, pairs));
                }
                Projects.noteUncached(p, output.json, spec.commandLine().getErr());
            }
            boolean flagged = rows.stream().anyMatch(PositionAudit.Row::positionDependent);
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
