package dev.pairlab.ui.split;

import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.Forms;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Project → Split…: the {@link SplitParams} form (defaults and descriptions from the record, problems beside the
 * fields, Split off while the form has problems); Split runs the same job as {@code pairlab split} through the
 * job manager and shows its counts. The dialog stays open to show them; Close closes it.
 */
public final class SplitDialog extends Dialog<ButtonType> {

    private final SplitViewModel model = new SplitViewModel();
    private final ButtonType splitButton = new ButtonType("Split", ButtonBar.ButtonData.APPLY);

    public SplitDialog(Window owner, Workspace ws) {
        initOwner(owner);
        setTitle("Split");
        setHeaderText("Assign pairs to test / train (labeled) / dev / pool. Pinned pairs stay where they are.");
        CheckBox byContext = new CheckBox(SplitParams.DESC_BY_CONTEXT);
        byContext.selectedProperty().bindBidirectional(model.byContext());
        byContext.setId("split-by-context");
        Label general = Forms.problemLabel("split-problem");
        general.textProperty().bind(model.form().general());
        Label result = new Label();
        result.textProperty().bind(model.result());
        result.setWrapText(true);
        result.setId("split-result");
        VBox box = new VBox(8, Forms.grid(model.form(), "split"), byContext, general, result);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(splitButton, ButtonType.CLOSE);
        Node run = getDialogPane().lookupButton(splitButton);
        run.setId("split-run");
        run.disableProperty().bind(model.form().valid().not());
        run.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open to show the counts
            Project w = ws.writer();
            if (w == null) {
                return;
            }
            run.disableProperty().unbind();
            run.setDisable(true);
            ws.tasks().jobs().run(model.job(w), counts -> {
                model.done(counts);
                run.disableProperty().bind(model.form().valid().not());
                ws.reloadIds(ws::relabel);
            }, err -> {
                run.disableProperty().bind(model.form().valid().not());
                ws.error(err);
            });
        });
    }

    public SplitViewModel model() {
        return model;
    }
}
