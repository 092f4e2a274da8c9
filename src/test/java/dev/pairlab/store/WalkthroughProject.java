package dev.pairlab.store;

import dev.pairlab.TestData;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;

/**
 * The README walkthrough's MT-Bench project, made through the core: the baseline train set, the evaluation set
 * as the test split, then {@code split --eval 0 --labeled 0.1 --seed 123} (train 90: 50 A, 40 B; test 386; pool 808).
 */
public final class WalkthroughProject {

    private WalkthroughProject() {
    }

    public static Path create(Path dir) throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            ProjectFixture.importFile(p, TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
            new Splitter.Job(p, new SplitParams(0, 0.1, 0, 123, false)).run(ProgressListener.NONE, Cancellation.none());
        }
        return file;
    }
}
