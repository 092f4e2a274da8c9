package dev.pairlab.reward;

import dev.pairlab.analysis.Intervals;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained reward model scored on another data set: any file the import reads (its format detected
 * or given, a field mapping for other schemas), nothing imported. The same for {@code rm eval --file}
 * and the training screen.
 *
 * @param withoutGold pairs of the file left out because they have no gold label
 */
public record FileEvaluation(Path file, String format, int withoutGold, Trainer.Evaluation evaluation) {

    public static FileEvaluation of(Path runDir, Path file, ImportOptions options) throws IOException, BadInputException {
        RewardData.Labeled read = RewardData.readLabeled(file, options);
        try (RewardNet net = RewardTraining.load(runDir, "auto")) {
            return new FileEvaluation(file, read.format(), read.withoutGold(), Trainer.evaluate(net, RewardData.evaluationPairs(read.pairs()), 32));
        }
    }

    /** The 95 % Wilson interval of the plain accuracy. */
    public Intervals.Interval accuracyInterval() {
        return evaluation.interval();
    }

    /** One line for people: accuracy with its interval, length-balanced accuracy and "longer wins" on the same pairs. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s (%s, %d pairs%s): %s", file.getFileName(), format, evaluation.pairs(),
                withoutGold > 0 ? ", " + withoutGold + " without gold left out" : "", evaluation.summary());
    }
}
