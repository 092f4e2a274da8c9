package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A label-model fit: which model, its options, where it is fitted ({@link FitOn}), the tie policy of hard
 * labels, and the split it is evaluated on. Saved with the run, so a run can be repeated; {@code model fit}'s
 * options and the label-model screen's form are both made from it.
 *
 * @param fitOn where the model is fitted; null takes the type's default ({@link FitOn#defaultFor})
 */
public record FitParams(LabelModelType type, FitOptions options, FitOn fitOn, TiePolicy ties, Split evalSplit) implements Parameters {

    /** Where a model is fitted: the labeled split (as the paper calibrates it), the unlabeled pool (as Snorkel is usually fitted), or both. */
    public enum FitOn {
        LABELED("labeled"), POOL("pool"), LABELED_AND_POOL("labeled+pool");

        private final String key;

        FitOn(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        @Override
        public String toString() {
            return key;
        }

        /** The splits fitted on (never test or dev). */
        public EnumSet<Split> splits() {
            return switch (this) {
                case LABELED -> EnumSet.of(Split.TRAIN);
                case POOL -> EnumSet.of(Split.POOL);
                case LABELED_AND_POOL -> EnumSet.of(Split.TRAIN, Split.POOL);
            };
        }

        /** Where a model type is fitted unless the user says otherwise: the paper's labeled split, or for the gold-using models both. */
        public static FitOn defaultFor(LabelModelType type) {
            return type.usesGold() ? LABELED_AND_POOL : LABELED;
        }

        public static FitOn parse(String s) {
            FitOn f = Choices.byKey(values(), FitOn::key, s);
            if (f == null) {
                throw new IllegalArgumentException("fit on: labeled, pool or labeled+pool, not '" + s + "'");
            }
            return f;
        }
    }

    public static final String DEFAULT_TYPE = "snorkel";
    public static final String DEFAULT_EVAL_SPLIT = "test";
    public static final String DEFAULT_TIES = TiePolicy.DEFAULT;
    public static final String DESC_TYPE = "snorkel, majority or dawid-skene (unsupervised), or snorkel-gold%nor dawid-skene-semi, which learn"
            + " from the labeled split's gold (decision 0014) (default ${DEFAULT-VALUE}).";
    public static final String DESC_FIT_ON = "labeled, pool or labeled+pool (default: labeled; labeled+pool for the gold-using types).";
    public static final String DESC_TIES = "Hard label at P = 0.5: random, abstain or prior";
    public static final String DESC_EVAL_SPLIT = "Split to evaluate on";

    public FitParams {
        if (fitOn == null && type != null) {
            fitOn = FitOn.defaultFor(type);
        }
        if (ties == null) {
            ties = TiePolicy.parse(DEFAULT_TIES);
        }
        if (evalSplit == null) {
            evalSplit = Split.parse(DEFAULT_EVAL_SPLIT);
        }
    }

    /** The paper's settings for a model type, fitted on the labeled split. */
    public static FitParams paper(LabelModelType type) {
        return new FitParams(type, FitOptions.paper(), FitOn.LABELED, TiePolicy.RANDOM, Split.TEST);
    }

    /** The form's and the CLI's starting point: the default type, its default rows, the paper's options. */
    public static FitParams defaults() {
        return new FitParams(LabelModelType.parse(DEFAULT_TYPE), FitOptions.paper(), null, null, null);
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (type == null) {
            problems.add(Problem.of("type", "choose a label model"));
        }
        problems.addAll(options.validate());
        return problems;
    }

    /** The splits the model is fitted on (never test or dev). */
    public EnumSet<Split> fitSplits() {
        return fitOn.splits();
    }

    /**
     * Heading of the LF accuracy measured on the gold of the rows fitted on: the labeled split (train);
     * the pool's gold is hidden, so a fit on the pool alone has no such measurement.
     */
    public String labeledAccuracyTitle() {
        return fitOn == FitOn.POOL ? "on labeled split (train; not fitted on it: -)" : "on labeled split (train) [95% CI]";
    }

    /** Heading of the LF accuracy measured on the evaluation split; one on the test split is for a look, never for choices. */
    public String evaluationAccuracyTitle() {
        return "on " + evalSplit.key() + " split" + (evalSplit == Split.TEST ? " (look only)" : "");
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", type.key());
        o.put("fit_on", fitOn.key());
        o.put("ties", ties.key());
        o.put("eval_split", evalSplit.key());
        o.put("class_balance", options.classBalanceB());
        o.put("epochs", options.epochs());
        o.put("lr", options.lr());
        o.put("l2", options.l2());
        o.put("prec_init", options.precInit());
        o.put("seed", options.seed());
        o.put("prior_strength", options.priorStrength());
        o.put("below_chance", options.belowChance().key());
        o.put("optimizer", options.optimizer().key());
        return o;
    }

    public static FitParams fromJson(JsonNode o) {
        // A field an older run did not save takes today's default (FitOptions, the one place defaults live).
        FitOptions d = FitOptions.paper();
        return new FitParams(LabelModelType.parse(o.path("type").asText()), new FitOptions(o.path("class_balance").asDouble(d.classBalanceB()),
                o.path("epochs").asInt(d.epochs()), o.path("lr").asDouble(d.lr()), o.path("l2").asDouble(d.l2()),
                o.path("prec_init").asDouble(d.precInit()), o.path("seed").asLong(d.seed()), o.path("prior_strength").asDouble(d.priorStrength()),
                FitOptions.BelowChance.parse(o.path("below_chance").asText(d.belowChance().key())),
                FitOptions.Optimizer.parse(o.path("optimizer").asText(d.optimizer().key()))),
                FitOn.parse(o.path("fit_on").asText("labeled")), TiePolicy.parse(o.path("ties").asText("random")),
                Split.parse(o.path("eval_split").asText("test")));
    }
}
