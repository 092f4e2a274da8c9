package dev.pairlab.lf;

import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Choices;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Adding one of the paper's LF sets ({@link Presets}) to a project: {@code lf preset}. */
public final class PresetAdding {

    private PresetAdding() {
    }

    /** The paper's LF sets, by the keys users type. */
    public enum Preset {
        HH("hh"), UB("ub"), UBP("ubp"), MT_BENCH("mt-bench");

        private final String key;

        Preset(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Preset parse(String s) throws LfException {
            Preset p = Choices.byKey(values(), Preset::key, s);
            if (p != null) {
                return p;
            }
            throw new LfException("unknown preset '" + s + "' (presets: " + String.join(", ", Presets.NAMES) + ")");
        }
    }

    public static final String DESC_PRESET = "hh, ub, ubp or mt-bench";
    public static final String DESC_EXACT = "The reference code's LFs exactly (DFKI-NLP/weak-supervision-rlhf notebooks),"
            + " replacing LFs of the same names; see docs/guide.md, \"Exact vs cleaned-up presets\".";

    /**
     * @param exact the reference code's LFs as written there (case-sensitive regexes, space-split keywords, its
     *              flaws too) instead of the cleaned-up set
     */
    public record Params(Preset preset, boolean exact) implements Parameters {

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (preset == null) {
                problems.add(Problem.of("preset", "choose a preset: " + DESC_PRESET));
            }
            return problems;
        }
    }

    /** Saves the set's LFs (a new version of each LF of the same name); returns them in the paper's order. */
    public record Job(Project project, Params params) implements Workflow<Map<String, LfDefinition>> {

        @Override
        public Map<String, LfDefinition> run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            Map<String, LfDefinition> lfs = Presets.get(params.preset().key(), params.exact());
            Presets.addTo(project, params.preset().key(), params.exact());
            return lfs;
        }

        @Override
        public String title() {
            return "Adding the " + params.preset().key() + " preset";
        }
    }
}
