package dev.pairlab.lf;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The A/B position audit: swap the answers of every pair and apply each LF again. A vote should
 * flip (A ↔ B) and an abstention stay one; an LF whose vote depends on where an answer stands (often
 * a code LF) is flagged.
 */
public final class PositionAudit {

    /** @param consistent pairs where the swapped vote is the mirror of the original */
    public record Row(String lf, int pairs, int consistent, double share, boolean positionDependent, long firstInconsistent) {
    }

    private PositionAudit() {
    }

    public static List<Row> audit(FeatureTable features, List<Pair> pairs, List<NamedLf> lfs, Cancellation cancel) throws CancelledException {
        List<Pair> swapped = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            swapped.add(new Pair(p.id(), p.context(), p.answerB(), p.answerA(), p.gold().swapped(), p.split(), p.source(), p.sourceRow(), p.extras()));
        }
        // Lazy as the table given: only the columns the LFs read are computed.
        FeatureTable mirrored = features.swapped();
        LabelMatrix before = LfApplier.apply(features, lfs, null, LfApplier.inMemory(pairs), ProgressListener.NONE, cancel).matrix();
        LabelMatrix after = LfApplier.apply(mirrored, lfs, null, LfApplier.inMemory(swapped), ProgressListener.NONE, cancel).matrix();
        List<Row> out = new ArrayList<>();
        for (int j = 0; j < lfs.size(); j++) {
            int ok = 0;
            long first = 0;
            for (int r = 0; r < pairs.size(); r++) {
                byte x = before.get(r, j);
                byte y = after.get(r, j);
                boolean mirror = x == Votes.ABSTAIN ? y == Votes.ABSTAIN : y == 1 - x;
                if (mirror) {
                    ok++;
                } else if (first == 0) {
                    first = pairs.get(r).id();
                }
            }
            out.add(new Row(lfs.get(j).name(), pairs.size(), ok, pairs.isEmpty() ? 1 : (double) ok / pairs.size(), ok < pairs.size(), first));
        }
        return out;
    }
}
