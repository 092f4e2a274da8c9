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

    /** "majority", "snorkel", "dawid-skene", or the gold-using "dawid-skene-semi" and "snorkel-gold". */
    String type();

    void fit(LabelMatrix matrix, int[] rows, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException;

    /**
     * Fits on {@code rows}, reading the gold labels of those rows that have one ({@code gold[r]} 0 or 1;
     * −1 unknown or hidden) if the model uses gold; the unsupervised models ignore them. Callers pass
     * only rows whose gold may be read for fitting (the labeled split, never the test split).
     */
    default void fit(LabelMatrix matrix, int[] rows, byte[] gold, FitOptions options, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        fit(matrix, rows, options, progress, cancel);
    }

    /** True if {@link #fit(LabelMatrix, int[], byte[], FitOptions, ProgressListener, Cancellation)} reads gold. */
    default boolean usesGold() {
        return false;
    }

    /** P(B preferred) for each of the given rows, in order. */
    double[] probabilityB(LabelMatrix matrix, int[] rows);

    /** Each LF's learned accuracy P(vote correct | it votes); NaN where the model has none. */
    double[] lfAccuracies();

    /** The fitted parameters, enough to rebuild the model with {@link LabelModels#fromJson}. */
    ObjectNode toJson();
}
