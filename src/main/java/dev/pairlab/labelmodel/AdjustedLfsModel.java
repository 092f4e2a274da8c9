package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A label model that sees some LFs dropped (all abstain) or inverted (A and B swapped), because the user
 * asked for that for the LFs that were worse than a coin on the labeled rows. The choice is fitted and
 * saved with the model, so export, eval and the Spark job treat those LFs the same way.
 */
public final class AdjustedLfsModel implements LabelModel {

    private final LabelModel inner;
    private final FitOptions.BelowChance action;
    private final boolean[] adjusted;

    public AdjustedLfsModel(LabelModel inner, FitOptions.BelowChance action, boolean[] adjusted) {
        this.inner = inner;
        this.action = action;
        this.adjusted = adjusted.clone();
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public boolean usesGold() {
        return inner.usesGold();
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        inner.fit(adjust(matrix), rows, options, progress, cancel);
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, byte[] gold, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        inner.fit(adjust(matrix), rows, gold, options, progress, cancel);
    }

    @Override
    public double[] probabilityB(LabelMatrix matrix, int[] rows) {
        return inner.probabilityB(adjust(matrix), rows);
    }

    @Override
    public double[] lfAccuracies() {
        double[] acc = inner.lfAccuracies();
        for (int j = 0; j < acc.length && j < adjusted.length; j++) {
            if (adjusted[j] && action == FitOptions.BelowChance.DROP) {
                acc[j] = Double.NaN;
            }
        }
        return acc;
    }

    /** The LFs this model drops or inverts, by column. */
    public List<Integer> adjustedLfs() {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < adjusted.length; j++) {
            if (adjusted[j]) {
                out.add(j);
            }
        }
        return out;
    }

    public FitOptions.BelowChance action() {
        return action;
    }

    private LabelMatrix adjust(LabelMatrix matrix) {
        LabelMatrix out = matrix;
        for (int j = 0; j < adjusted.length && j < matrix.m(); j++) {
            if (!adjusted[j]) {
                continue;
            }
            byte[] col = matrix.column(j).clone();
            if (action == FitOptions.BelowChance.DROP) {
                Arrays.fill(col, Votes.ABSTAIN);
            } else {
                for (int i = 0; i < col.length; i++) {
                    col[i] = col[i] == Votes.ABSTAIN ? Votes.ABSTAIN : (byte) (1 - col[i]);
                }
            }
            out = out.withColumn(j, col);
        }
        return out;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = inner.toJson();
        ObjectNode b = o.putObject("below_chance");
        b.put("action", action.key());
        ArrayNode lfs = b.putArray("lfs");
        adjustedLfs().forEach(lfs::add);
        return o;
    }

    /** The model of a JSON object with a "below_chance" part, around the inner model already read. */
    static LabelModel wrap(LabelModel inner, ObjectNode o) {
        if (!o.has("below_chance")) {
            return inner;
        }
        FitOptions.BelowChance action = FitOptions.BelowChance.parse(o.path("below_chance").path("action").asText("keep"));
        int max = 0;
        for (var x : o.path("below_chance").path("lfs")) {
            max = Math.max(max, x.asInt() + 1); // LFs after the last adjusted one are left alone (adjust() stops at the array's end)
        }
        boolean[] adjusted = new boolean[max];
        o.path("below_chance").path("lfs").forEach(x -> adjusted[x.asInt()] = true);
        return new AdjustedLfsModel(inner, action, adjusted);
    }
}
