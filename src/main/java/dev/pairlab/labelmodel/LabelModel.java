package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;

/**
 * Combines LF votes into a probability that answer B is preferred. Fitted on some rows of a label
 * matrix, applied to any rows of a matrix with the same LFs.
 */
public interface LabelModel {

    /** "majority", "snorkel" or "dawid-skene". */
    String type();

    void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException;

    /** P(B preferred) for each of the given rows, in order. */
    double[] probabilityB(LabelMatrix matrix, int[] rows);

    /** Each LF's learned accuracy P(vote correct | it votes); NaN where the model has none. */
    double[] lfAccuracies();

    /** The fitted parameters, enough to rebuild the model with {@link LabelModels#fromJson}. */
    ObjectNode toJson();
}
