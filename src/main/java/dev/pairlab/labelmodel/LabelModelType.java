package dev.pairlab.labelmodel;

import dev.pairlab.task.Choices;
/** The label models a fit can choose, by the names users type ({@code model fit --type}, the screen's list). */
public enum LabelModelType {
    MAJORITY(MajorityVote.TYPE),
    SNORKEL(SnorkelStyleModel.TYPE),
    DAWID_SKENE(DawidSkene.TYPE),
    DAWID_SKENE_SEMI(DawidSkene.TYPE_SEMI),
    SNORKEL_GOLD(GoldPriorModel.TYPE);

    private final String key;

    LabelModelType(String key) {
        this.key = key;
    }

    /** The name users type and runs record ("dawid-skene-semi"). */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    public LabelModel create() {
        return LabelModels.create(key);
    }

    /** True for the models that read the labeled split's gold while fitting. */
    public boolean usesGold() {
        return LabelModels.usesGold(key);
    }

    public static LabelModelType parse(String text) {
        LabelModelType t = Choices.byKey(values(), LabelModelType::key, text);
        if (t == null) {
            throw new IllegalArgumentException("unknown label model '" + text + "' (types: " + String.join(", ", LabelModels.TYPES) + ")");
        }
        return t;
    }
}
