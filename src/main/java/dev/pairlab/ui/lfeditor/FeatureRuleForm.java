package dev.pairlab.ui.lfeditor;

import dev.pairlab.features.Feature;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.ui.features.FeatureChoices;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;

/** A feature rule: prefer the answer with the higher (or lower) feature, abstaining on small (or large) differences. */
final class FeatureRuleForm extends LfForm {

    private final ComboBox<String> feature;

    FeatureRuleForm(LfEditorModel model) {
        super(FeatureRule.KIND);
        feature = LfForm.choice(model.feature(), Features.all().stream().map(Feature::name).toList());
        if (model.feature().get() == null) {
            model.feature().set(feature.getItems().get(0));
        }
        TextField minDelta = field("minDelta", LfForm.text(new TextField(), model.minDelta(), "lf-min"));
        TextField maxDelta = field("maxDelta", LfForm.text(new TextField(), model.maxDelta(), "lf-max"));
        setNode(LfForm.grid("Feature", feature, "Prefer the answer with the", LfForm.choice(model.prefer(), List.of("higher", "lower")),
                "Abstain if |Δ| below", minDelta, "… or above (optional)", maxDelta));
    }

    /** The project's features (embedding features appear once it has them). */
    void refill(FeatureTable features) {
        FeatureChoices.refill(feature, features);
    }
}
