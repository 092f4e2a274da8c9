package dev.pairlab.ui;

import dev.pairlab.task.Problem;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/** The pieces a screen's form is built of, bound to its view model: a text field, a button, the list of problems. */
public final class Forms {

    private Forms() {
    }

    /** A text field bound both ways to the view model's text, with the parameter's description as its tooltip. */
    public static TextField field(StringProperty value, String id, String description, int columns) {
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(value);
        t.setTooltip(new Tooltip(description));
        t.setPrefColumnCount(columns);
        return t;
    }

    /** A button that is never narrower than its text (a squeezed layout must not show "C…"). */
    public static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** The form's problems, one a line, in the user's words; takes no room while there are none. */
    public static Label problems(ObservableList<Problem> problems, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #b00020;");
        l.textProperty().bind(Bindings.createStringBinding(() -> problems.stream().map(Problem::message).collect(Collectors.joining("\n")),
                problems));
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }
}
