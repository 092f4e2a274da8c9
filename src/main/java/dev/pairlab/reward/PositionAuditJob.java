package dev.pairlab.reward;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.PositionAudit;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The A/B position audit ({@code pairlab audit position}): the answers of every pair of a split swapped
 * and each enabled LF applied again (each vote should flip, each abstention stay), and optionally the
 * latest finished reward model scored the same way ({@link RewardScores#positionAudit}).
 */
public record PositionAuditJob(Project project, PositionAuditJob.Params params) implements Workflow<PositionAuditJob.Result> {

    /**
     * @param split the split to audit
     * @param rm    also re-score the latest finished reward model on the swapped pairs
     */
    public record Params(Split split, boolean rm) implements Parameters {

        public static final String DEFAULT_SPLIT = "train";
        public static final String DESC_SPLIT = "The split to audit";
        public static final String DESC_RM = "Also re-score the latest finished reward model on the swapped pairs.";

        @Override
        public List<Problem> validate() {
            return split == null ? List.of(Problem.of("split", "choose the split to audit")) : List.of();
        }
    }

    /** @param pairs the pairs audited; {@code rows} one per LF (and the reward model last) */
    public record Result(Split split, int pairs, List<PositionAudit.Row> rows) {

        /** Whether any LF (or the reward model) votes by position. */
        public boolean flagged() {
            return rows.stream().anyMatch(PositionAudit.Row::positionDependent);
        }
    }

    @Override
    public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
        params.requireValid();
        List<NamedLf> lfs = new ArrayList<>();
        for (LfRecord r : Lfs.list(project)) {
            // LLM judges are asked in both orders by design (their vote needs the two to agree); not audited here.
            if (r.enabled() && !r.kind().equals(JudgeRule.KIND)) {
                lfs.add(NamedLf.of(r));
            }
        }
        FeatureTable all = FeatureCache.open(project); // lazy: the audit computes only the columns its LFs read
        List<Pair> pairs = new ArrayList<>();
        Pairs.<RuntimeException, RuntimeException>forEach(project, EnumSet.of(params.split()), false, pairs::add);
        int[] sub = new int[pairs.size()];
        for (int k = 0; k < sub.length; k++) {
            sub[k] = all.row(pairs.get(k).id());
        }
        List<PositionAudit.Row> rows = new ArrayList<>(PositionAudit.audit(all.rows(sub), pairs, lfs, cancel));
        if (params.rm()) {
            rows.add(RewardScores.positionAudit(project, pairs));
        }
        return new Result(params.split(), pairs.size(), rows);
    }

    @Override
    public String title() {
        return "Auditing A/B position on the " + params.split().key() + " split";
    }
}
