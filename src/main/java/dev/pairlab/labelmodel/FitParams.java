package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import java.util.Locale;

/**
 * A label-model fit: which model, its options, where it is fitted ("labeled": the train split, as
 * the paper calibrates it; "pool": the unlabeled pool, as Snorkel is usually fitted), the tie policy
 * of hard labels, and the split it is evaluated on. Saved with the run, so a run can be repeated.
 */
public record FitParams(String type, FitOptions options, String fitOn, TiePolicy ties, Split evalSplit) {

    public FitParams {
        LabelModels.create(type);
        if (!fitOn.equals("labeled") && !fitOn.equals("pool") && !fitOn.equals(LABELED_AND_POOL)) {
            throw new IllegalArgumentException("fit on: labeled, pool or labeled+pool, not '" + fitOn + "'");
        }
    }

    /** The labeled split and the pool together: what the gold-using models are fitted on by default. */
    public static final String LABELED_AND_POOL = "labeled+pool";

    /** Where a model type is fitted unless the user says otherwise: the paper's labeled split, or for the gold-using models both. */
    public static String defaultFitOn(String type) {
        return LabelModels.usesGold(type) ? LABELED_AND_POOL : "labeled";
    }

    public static FitParams paper(String type) {
        return new FitParams(type, FitOptions.paper(), "labeled", TiePolicy.RANDOM, Split.TEST);
    }

    /** The splits the model is fitted on (never test or dev). */
    public java.util.EnumSet<Split> fitSplits() {
        return switch (fitOn) {
            case "labeled" -> java.util.EnumSet.of(Split.TRAIN);
            case "pool" -> java.util.EnumSet.of(Split.POOL);
            default -> java.util.EnumSet.of(Split.TRAIN, Split.POOL);
        };
    }

    /**
     * Heading of the LF accuracy measured on the gold of the rows fitted on: the labeled split (train);
     * the pool's gold is hidden, so a fit on the pool alone has no such measurement.
     */
    public String labeledAccuracyTitle() {
        return fitOn.equals("pool") ? "on labeled split (train; not fitted on it: -)" : "on labeled split (train) [95% CI]";
    }

    /** Heading of the LF accuracy measured on the evaluation split; one on the test split is for a look, never for choices. */
    public String evaluationAccuracyTitle() {
        return "on " + evalSplit.key() + " split" + (evalSplit == Split.TEST ? " (look only)" : "");
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", type);
        o.put("fit_on", fitOn);
        o.put("ties", ties.name().toLowerCase(Locale.ROOT));
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
        return new FitParams(o.path("type").asText(), new FitOptions(o.path("class_balance").asDouble(d.classBalanceB()), o.path("epochs").asInt(d.epochs()),
                o.path("lr").asDouble(d.lr()), o.path("l2").asDouble(d.l2()), o.path("prec_init").asDouble(d.precInit()), o.path("seed").asLong(d.seed()),
                o.path("prior_strength").asDouble(d.priorStrength()), FitOptions.BelowChance.parse(o.path("below_chance").asText(d.belowChance().key())),
                FitOptions.Optimizer.parse(o.path("optimizer").asText(d.optimizer().key()))),
                o.path("fit_on").asText("labeled"), TiePolicy.parse(o.path("ties").asText("random")), Split.parse(o.path("eval_split").asText("test")));
    }
}
