package dev.pairlab.ui.trust;

import dev.pairlab.lf.CodeTrust;
import dev.pairlab.store.LfRecord;
import dev.pairlab.ui.Workspace;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The bar shown above the screens while the open project has code LFs that are not trusted on this
 * machine: they abstain until the user has read their source here and pressed "Trust these LFs"
 * (decision 0013). What is trusted is exactly the source shown.
 */
public final class UntrustedLfsBanner extends VBox {

    private final Label message = new Label();
    private final TextArea sources = new TextArea();
    private final Button show = new Button("Show their code");
    private final Button trust = new Button("Trust these LFs");
    private final Button later = new Button("Not now");
    private List<LfRecord> shown = List.of();

    public UntrustedLfsBanner(Workspace ws) {
        setId("untrusted-banner");
        getStyleClass().add("untrusted-banner");
        setPadding(new Insets(6, 10, 6, 10));
        setSpacing(6);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        sources.setEditable(false);
        sources.getStyleClass().add("code-view");
        sources.setPrefRowCount(12);
        sources.setVisible(false);
        sources.managedProperty().bind(sources.visibleProperty());
        show.setId("untrusted-show");
        trust.setId("untrusted-trust");
        trust.setDisable(true); // enabled once the code has been shown
        show.setOnAction(e -> {
            sources.setVisible(!sources.isVisible());
            show.setText(sources.isVisible() ? "Hide their code" : "Show their code");
            trust.setDisable(false);
        });
        trust.setOnAction(e -> ws.trust(shown));
        later.setOnAction(e -> setVisible(false));
        for (Button b : new Button[] {show, trust, later}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the message wraps; the buttons keep their words
        }
        message.setMinWidth(0);
        HBox bar = new HBox(8, message, show, trust, later);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, sources);
        managedProperty().bind(visibleProperty());
        setVisible(false);
        ws.untrusted().addListener((ListChangeListener<LfRecord>) c -> update(ws.untrusted()));
    }

    private void update(List<LfRecord> untrusted) {
        shown = List.copyOf(untrusted);
        if (shown.isEmpty()) {
            setVisible(false);
            return;
        }
        String names = shown.stream().map(LfRecord::name).collect(Collectors.joining(", "));
        message.setText(shown.size() + " labeling function" + (shown.size() == 1 ? "" : "s") + " in this project (" + names + ")"
                + (shown.size() == 1 ? " was" : " were") + " not written on this machine: code LFs abstain everywhere and LLM judges are not asked until you trust them. Code LFs"
                + " run in a separate, restricted process, and a judge sends your texts to its endpoint: read them first.");
        sources.setText(shown.stream().map(r -> "// " + r.name() + " (" + r.kind() + ", version " + r.version() + ")\n"
                + CodeTrust.content(r).strip()).collect(Collectors.joining("\n\n")));
        sources.setVisible(false);
        show.setText("Show their code");
        trust.setDisable(true);
        setVisible(true);
    }
}
