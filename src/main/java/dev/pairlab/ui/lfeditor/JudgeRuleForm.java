package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.JudgeRule;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** An LLM judge: an OpenAI-compatible endpoint and model asked which answer is better; try it on 5 pairs, then save and ask. */
final class JudgeRuleForm extends LfForm {

    private final TextArea outputs = new TextArea();

    JudgeRuleForm(LfEditorModel m, Runnable tryFive, Runnable saveAndAsk) {
        super(JudgeRule.KIND);
        TextField endpoint = field("judgeEndpoint", LfForm.text(new TextField(), m.judgeEndpoint(), "judge-endpoint"));
        TextField model = field("judgeModel", LfForm.text(new TextField(), m.judgeModel(), "judge-model"));
        TextArea prompt = LfForm.text(new TextArea(), m.judgePrompt(), "judge-prompt");
        prompt.setPrefRowCount(8);
        Button tryButton = new Button("Try on 5 pairs");
        tryButton.setId("judge-try");
        tryButton.setOnAction(e -> tryFive.run());
        Button apply = new Button("Save and ask the model");
        apply.setId("judge-apply");
        apply.setOnAction(e -> saveAndAsk.run());
        outputs.setEditable(false);
        outputs.setPrefRowCount(6);
        outputs.setId("judge-outputs");
        setNode(new VBox(8, LfForm.grid("Endpoint (OpenAI-compatible)", endpoint, "Model", model,
                "API key variable (optional)", LfForm.text(new TextField(), m.judgeKeyEnv(), "judge-key-env"),
                "Answer regex (optional)", LfForm.text(new TextField(), m.judgeRegex(), "judge-regex")),
                LfForm.check("ask in both orders (A/B and B/A); vote only when they agree", m.judgeBothOrders()),
                new Label("Prompt: {context}, {a} and {b} are filled in"), prompt, new HBox(8, tryButton, apply), outputs));
    }

    /** The raw answers of a try (or "asking …"). */
    void showOutputs(String text) {
        outputs.setText(text);
    }
}
