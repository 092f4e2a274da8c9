package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CompileException;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/** A code LF: the body of a Java method, with compile errors underlined. */
final class CodeLfForm extends LfForm {

    private final JavaCodeArea code = new JavaCodeArea();
    CodeLfForm(LfEditorModel model) {
        super(CodeRule.KIND);
        code.setId("lf-code");
        // The code area's text is read-only as a property: kept in step both ways by hand.
        code.textProperty().addListener((o, a, t) -> model.code().set(t));
        model.code().addListener((o, a, t) -> {
            if (!t.equals(code.getText())) {
                code.replaceText(t);
            }
        });
        VirtualizedScrollPane<JavaCodeArea> scroll = new VirtualizedScrollPane<>(code);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(8, new Label("Body of  Vote vote(LfPair p)  — return A, B or ABSTAIN; p.a(), p.b(), p.context(), "
                + "p.featureA(\"length\"), p.delta(\"length\")"), scroll);
        VBox.setVgrow(box, Priority.ALWAYS);
        setNode(box);
    }

    /** Underlines a failed compile's problems (an empty list clears them). */
    void showProblems(List<CompileException.Problem> problems) {
        code.showProblems(problems);
    }
}
