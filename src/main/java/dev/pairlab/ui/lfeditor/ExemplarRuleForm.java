package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.ExemplarRule;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** An exemplar LF: example good and bad answers, compared in MiniLM sentence embeddings. */
final class ExemplarRuleForm extends LfForm {

    ExemplarRuleForm(LfEditorModel model) {
        super(ExemplarRule.KIND);
        TextArea good = LfForm.text(new TextArea(), model.exGood(), "exemplar-good");
        TextArea bad = LfForm.text(new TextArea(), model.exBad(), "exemplar-bad");
        good.setPromptText("example answers to move towards, separated by lines holding only ---");
        bad.setPromptText("example answers to move away from, separated by lines holding only ---");
        good.setPrefRowCount(5);
        bad.setPrefRowCount(5);
        TextField margin = field("exMargin", LfForm.text(new TextField(), model.exMargin(), "exemplar-margin"));
        HBox m = new HBox(8, new Label("Abstain if the scores differ by less than"), margin);
        m.setAlignment(Pos.CENTER_LEFT);
        Label intro = new Label("Score of an answer: its highest cosine to a good example minus its highest to a bad one (MiniLM embeddings)."
                + " Good examples:");
        intro.setWrapText(true);
        setNode(new VBox(8, intro, good, new Label("Bad examples:"), bad, m));
    }
}
