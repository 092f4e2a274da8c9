package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.features.Features;
import dev.pairlab.lf.LfEdit;
import dev.pairlab.lf.PresetAdding;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.store.WalkthroughProject;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze features} and {@code lf matrix} as core jobs, on the README walkthrough's MT-Bench project. */
class AnalysisJobsTest {

    @TempDir
    static Path dir;

    static Path file;

    @BeforeAll
    static void walkthrough() throws Exception {
        file = WalkthroughProject.create(dir);
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            new PresetAdding.Job(p, new PresetAdding.Params(PresetAdding.Preset.MT_BENCH, false)).run(ProgressListener.NONE, Cancellation.none());
        }
    }

    private static List<FeatureSurvey.FeatureResult> survey(Set<Split> splits) throws Exception {
        try (Project p = Project.open(file, Project.Access.CACHING)) {
            return new FeatureSurvey.Job(p, new FeatureSurvey.Params(splits)).run(ProgressListener.NONE, Cancellation.none());
        }
    }

    @Test
    void onTheLabeledTrainSplitTheLongerAnswerIsPreferredIn64Of90Pairs() throws Exception {
        List<FeatureSurvey.FeatureResult> results = survey(FeatureSurvey.Params.defaults().splits());
        assertEquals(Features.all().stream().map(f -> f.name()).toList().subList(0, 3),
                results.stream().map(r -> r.feature().name()).toList().subList(0, 3));
        FeatureAnalysis.Report length = results.get(0).report();
        assertEquals("length", length.feature());
        assertEquals(90, length.pairs());
        assertEquals(64 / 90.0, length.preferredHigher(), 1e-12);
        assertEquals(1001.71, length.preferredMean(), 0.005);
        assertEquals(800.23, length.rejectedMean(), 0.005);
        assertEquals("higher", length.suggestedPrefer());
        assertEquals(0.0, length.suggestedThreshold());
        assertEquals(1.0, length.suggestedCoverage());
        assertEquals(64, results.get(0).byLength().all().votes().correct());
        assertEquals(90, results.get(0).byLength().all().votes().voted());
    }

    @Test
    void onTrainAndTestTheSameFeatureIsMeasuredOn476Pairs() throws Exception {
        FeatureAnalysis.Report length = survey(EnumSet.of(Split.TRAIN, Split.TEST)).get(0).report();
        assertEquals(476, length.pairs());
        assertEquals(0.688, length.preferredHigher(), 0.0005);
        assertEquals(1, FeatureSurvey.Params.defaults().splits().size());
        assertEquals("splits", new FeatureSurvey.Params(Set.of()).validate().get(0).field());
    }

    @Test
    void theMatrixHasOneColumnPerEnabledLfAndTheTrainRowsGold() throws Exception {
        Path all = dir.resolve("all.csv");
        Path train = dir.resolve("train.csv");
        try (Project p = Project.open(file, Project.Access.CACHING)) {
            MatrixExport.Result whole = new MatrixExport.Job(p, new MatrixExport.Params(null), OutputFile.of(all, false))
                    .run(ProgressListener.NONE, Cancellation.none());
            assertEquals(new MatrixExport.Result(1284, 6), whole);
        }
        List<String> lines = Files.readAllLines(all);
        assertEquals("id,length,reading_ease,lexical_diversity,vader_polarity,amount_of_numbers,regex,gold", lines.get(0));
        assertEquals(1285, lines.size());
        assertEquals(808, lines.stream().skip(1).filter(l -> l.endsWith(",-1")).count(), "pool gold stays hidden");
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            new LfEdit.ChangeJob(p, "regex", LfEdit.Change.DISABLE).run(ProgressListener.NONE, Cancellation.none());
            MatrixExport.Result onTrain = new MatrixExport.Job(p, new MatrixExport.Params(Set.of(Split.TRAIN)), OutputFile.of(train, false))
                    .run(ProgressListener.NONE, Cancellation.none());
            assertEquals(new MatrixExport.Result(90, 5), onTrain);
            new LfEdit.ChangeJob(p, "regex", LfEdit.Change.ENABLE).run(ProgressListener.NONE, Cancellation.none());
        }
        List<String> trainLines = Files.readAllLines(train);
        assertEquals(50, trainLines.stream().skip(1).filter(l -> l.endsWith(",0")).count());
        assertEquals(40, trainLines.stream().skip(1).filter(l -> l.endsWith(",1")).count());
        assertTrue(trainLines.get(0).endsWith("amount_of_numbers,gold"));
    }
}
