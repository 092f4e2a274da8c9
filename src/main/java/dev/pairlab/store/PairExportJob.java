package dev.pairlab.store;

import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writing a project's pairs in a format as a job ({@link PairExport}): what {@code pairlab export} runs. */
public record PairExportJob(Project project, PairExportJob.Params params, OutputFile out) implements Workflow<PairExport.Report> {

    /**
     * @param format        the format to write, one of {@link dev.pairlab.pairs.Formats}
     * @param splits        the splits whose pairs are written
     * @param includeHidden write the pool's hidden gold labels too
     */
    public record Params(PairFormat format, Set<Split> splits, boolean includeHidden) implements Parameters {

        public static final String DESC_FORMAT = "Format id (required).";
        public static final String DESC_INCLUDE_HIDDEN = "Write the pool's hidden gold labels too.";

        public Params {
            splits = splits == null ? Pairs.allSplits() : Set.copyOf(splits);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (format == null) {
                problems.add(Problem.of("format", "choose the format to write"));
            }
            if (splits.isEmpty()) {
                problems.add(Problem.of("splits", "choose at least one split to write"));
            }
            return problems;
        }
    }

    @Override
    public PairExport.Report run(ProgressListener progress, Cancellation cancel) throws Exception {
        params.requireValid();
        return PairExport.run(project, params.format(), out, params.splits(), params.includeHidden(), progress, cancel);
    }

    @Override
    public String title() {
        return "Exporting to " + out.file().getFileName();
    }
}
