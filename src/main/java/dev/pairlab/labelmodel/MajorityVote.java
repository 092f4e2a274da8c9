package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.Json;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.util.Arrays;

/**
 * Majority vote, the baseline every label model is compared with: P(B) is the (weighted) share of
 * B votes among the votes cast; rows without votes get 0.5. With weights it is a weighted vote.
 */
public final class MajorityVote implements LabelModel {

    public static final String TYPE = "majority";

    private double[] weights;

    public MajorityVote() {
    }

    /** A weighted vote with fixed weights, one per LF. */
    public MajorityVote(double[] weights) {
        this.weights = weights.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel) {
        if (weights == null || weights.length != matrix.m()) {
            weights = new double[matrix.m()];
            Arrays.fill(weights, 1.0);
        }
        progress.progress(1, 1, "majority vote needs no fitting");
    }

    @Override
    public double[] probabilityB(LabelMatrix matrix, int[] rows) {
        double[] w = weights == null ? filled(matrix.m()) : weights;
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            double a = 0;
            double b = 0;
            for (int j = 0; j < matrix.m(); j++) {
                byte v = matrix.get(rows[k], j);
                if (v == Votes.A) {
                    a += w[j];
                } else if (v == Votes.B) {
                    b += w[j];
                }
            }
            out[k] = a + b == 0 ? 0.5 : b / (a + b);
        }
        return out;
    }

    private static double[] filled(int m) {
        double[] w = new double[m];
        Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    public double[] lfAccuracies() {
        double[] nan = new double[weights == null ? 0 : weights.length];
        Arrays.fill(nan, Double.NaN);
        return nan;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", TYPE);
        ArrayNode w = o.putArray("weights");
        if (weights != null) {
            for (double x : weights) {
                w.add(x);
            }
        }
        return o;
    }

    static MajorityVote fromJson(ObjectNode o) {
        double[] w = new double[o.path("weights").size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = o.path("weights").get(i).asDouble();
        }
        return w.length == 0 ? new MajorityVote() : new MajorityVote(w);
    }
}
