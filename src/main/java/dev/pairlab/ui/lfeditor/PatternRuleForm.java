package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.PatternRule;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** A pattern rule: good and bad patterns counted in each answer. */
final class PatternRuleForm extends LfForm {

    PatternRuleForm(LfEditorModel model) {
        super(PatternRule.KIND);
        TextArea good = field("good", LfForm.text(new TextArea(), model.good(), "pattern-good"));
        TextArea bad = field("bad", LfForm.text(new TextArea(), model.bad(), "pattern-bad"));
        for (TextArea a : List.of(good, bad)) {
            a.setPromptText("one pattern per line");
            a.setPrefRowCount(5);
        }
        FlowPane options = new FlowPane(10, 6, LfForm.check("regular expressions", model.regex()), LfForm.check("match case", model.caseSensitive()),
                LfForm.check("whole words", model.wholeWord()), new Label("count"), LfForm.choice(model.count(), List.of("presence", "occurrences")));
        setNode(new VBox(8, new Label("Good patterns (count for an answer)"), good, new Label("Bad patterns (count against)"), bad, options));
    }
}
