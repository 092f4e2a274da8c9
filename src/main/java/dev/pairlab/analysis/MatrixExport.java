package dev.pairlab.analysis;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LabelMatrixCsv;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The label matrix written as CSV ({@link LabelMatrixCsv}): id, one column per enabled LF, gold last, on the
 * chosen splits (pool gold stays hidden): {@code lf matrix}. Here, not in {@code lf}, because choosing the
 * splits' rows is the analysis package's {@link Subsets}.
 */
public final class MatrixExport {

    private MatrixExport() {
    }

    public static final String DESC = "Write the label matrix as CSV: id, one column per LF (-1 abstain, 0 = A, 1 = B), gold last (-1 unknown or hidden).";

    /** @param splits the splits whose pairs are written; all when empty */
    public record Params(Set<Split> splits) implements Parameters {

        public Params {
            splits = splits == null || splits.isEmpty() ? EnumSet.allOf(Split.class) : EnumSet.copyOf(splits);
        }

        @Override
        public List<Problem> validate() {
            return new ArrayList<>();
        }
    }

    /** @param rows the pairs written; {@code lfs} the LF columns */
    public record Result(int rows, int lfs) {
    }

    /**
     * Labels the project (features and votes cached as {@link ProjectLabeling} does) and writes the matrix to
     * {@code target}, which the caller has checked may be written.
     */
    public record Job(Project project, Params params, OutputFile target) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            ProjectLabeling.Labeled labeled = ProjectLabeling.label(project, false, progress, cancel);
            int[] rows = Subsets.rows(labeled.labels(), params.splits());
            LabelMatrix m = labeled.matrix();
            LabelMatrixCsv.write(target, m, rows, labeled.labels().gold());
            return new Result(rows.length, m.m());
        }

        @Override
        public String title() {
            return "Writing the label matrix";
        }
    }
}
