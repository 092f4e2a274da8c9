package dev.pairlab.ui.features;

import dev.pairlab.features.Feature;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import java.util.List;
import javafx.scene.control.ComboBox;

/** A feature chooser's list: the text features, and the embedding features once the project has them. */
public final class FeatureChoices {

    private FeatureChoices() {
    }

    /**
     * Refills the list when the table's features differ from it, keeping the chosen feature when it is
     * still there; true when it refilled (the chooser's action then ran with the new choice).
     */
    public static boolean refill(ComboBox<String> chooser, FeatureTable table) {
        List<String> names = Features.in(table).stream().map(Feature::name).toList();
        if (!names.equals(chooser.getItems())) {
            String keep = chooser.getValue();
            chooser.getItems().setAll(names);
            chooser.getSelectionModel().select(names.contains(keep) ? keep : names.get(0));
            return true;
        }
        return false;
    }
}
