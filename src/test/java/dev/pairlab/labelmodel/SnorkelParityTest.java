package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.LabelMatrixCsv;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Learned LF accuracies equal Snorkel 0.10's on the same matrix, with Snorkel's defaults and with the paper's settings. */
class SnorkelParityTest {

    private static final Path MATRIX = Path.of(System.getProperty("pairlab.projectDir", "."), "src/test/resources/snorkel/mt-bench-train-L.csv");

    private static SnorkelStyleModel fit(FitOptions o) throws Exception {
        LabelMatrixCsv.Read read = LabelMatrixCsv.read(MATRIX);
        SnorkelStyleModel m = new SnorkelStyleModel();
        m.fit(read.matrix(), Subsets.all(read.matrix().n()), o, ProgressListener.NONE, Cancellation.none());
        return m;
    }

    @Test
    void snorkelsDefaultsSgdWithoutL2() throws Exception {
        double[] snorkel = {0.951346, 0.524838, 1.0, 0.736714, 0.864455, 0.670567};
        FitOptions o = new FitOptions(0.5, 100, 0.01, 0.0, 0.7, 123).withOptimizer(FitOptions.Optimizer.SGD);
        double[] mine = fit(o).lfAccuracies();
        for (int j = 0; j < snorkel.length; j++) {
            assertEquals(snorkel[j], mine[j], 0.0005, "LF " + j);
        }
    }

    @Test
    void thePapersSettingsAdamWithL2() throws Exception {
        double[] snorkel = {0.704684, 0.572924, 0.777264, 0.679406, 0.716381, 0.665017};
        SnorkelStyleModel m = fit(new FitOptions(0.5, 100, 0.01, 0.6, 0.7, 123));
        double[] mine = m.lfAccuracies();
        for (int j = 0; j < snorkel.length; j++) {
            assertEquals(snorkel[j], mine[j], 0.0005, "LF " + j);
        }
        double[] proba = {0.454954, 0.98794, 0.006551, 0.000385, 0.440956};
        LabelMatrixCsv.Read read = LabelMatrixCsv.read(MATRIX);
        double[] p = m.probabilityB(read.matrix(), new int[] {0, 1, 2, 3, 4});
        for (int k = 0; k < proba.length; k++) {
            assertEquals(proba[k], p[k], 0.0005, "row " + k);
        }
    }
}
