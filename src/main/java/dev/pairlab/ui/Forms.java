package dev.pairlab.ui;

import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The view side of the one form model ({@link Form}): how a screen binds a field (a {@link FormField} or a view
 * model's text), its tooltip (the parameter record's {@code DESC_X}) and its problem beside it; choices, buttons never
 * squeezed, a form's problems listed. Problem labels have the style class {@code error-text} and take no room while empty.
 */
public final class Forms {

    private Forms() {
    }

    /**
     * A list of an enum's keys (what users type and what TestFX tests set) kept equal to the view model's
     * property both ways; the key is the constant's {@code toString()}.
     */
    public static <E extends Enum<E>> ComboBox<String> choice(ObjectProperty<E> property, E[] values, Function<String, E> parse) {
        return choice(property, values, String::valueOf, parse);
    }

    /** The same with the key given (e.g. {@code Split::key}). */
    public static <E extends Enum<E>> ComboBox<String> choice(ObjectProperty<E> property, E[] values, Function<E, String> key,
                                                              Function<String, E> parse) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(Arrays.stream(values).map(key).toList()));
        box.setValue(key.apply(property.get()));
        box.valueProperty().addListener((o, a, k) -> {
            if (k != null && !k.equals(key.apply(property.get()))) {
                property.set(parse.apply(k));
            }
        });
        property.addListener((o, a, e) -> box.setValue(key.apply(e)));
        return box;
    }

    /** The problem of one field (by the record's component name, "" for the form's own), beside it; id {@code problem-field}. */
    public static Label problem(ObservableMap<String, String> problems, String field) {
        Label l = problemLabel("problem-" + field);
        l.textProperty().bind(Bindings.valueAt(problems, field));
        return l;
    }

    /** A form field's problem beside it; id {@code prefix-kebab-name-problem}. */
    public static Label problem(FormField f, String idPrefix) {
        Label l = problemLabel(id(idPrefix, f) + "-problem");
        l.textProperty().bind(f.problem());
        return l;
    }

    /** A label in the error style that takes no room while it says nothing. */
    public static Label problemLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("error-text");
        l.setWrapText(true);
        l.setMaxWidth(360);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }

    /** {@code prefix-kebab-name}: {@code gen-url-a} for the field {@code urlA}. */
    public static String id(String idPrefix, FormField f) {
        return idPrefix + "-" + f.name().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A text field bound both ways to a form field's text, with the record's description as its tooltip; id {@code prefix-kebab-name}. */
    public static TextField field(FormField f, String idPrefix, int columns) {
        return field(f.text(), id(idPrefix, f), plain(f.description(), f.defaultText()), columns);
    }

    /** A form's fields as rows: label (the description), text field, problem. */
    public static GridPane grid(Form form, String idPrefix) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        int row = 0;
        for (FormField f : form.fields()) {
            Label name = new Label(f.description());
            name.setMinWidth(Region.USE_PREF_SIZE); // a problem shown beside a field must not truncate the field's name
            Label problem = problem(f, idPrefix);
            problem.setMinWidth(0);
            problem.setMinHeight(Region.USE_PREF_SIZE); // it wraps onto more lines instead of ending in "…"
            g.addRow(row++, name, field(f, idPrefix, 8), problem);
        }
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grow.setMinWidth(0);
        g.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(), new javafx.scene.layout.ColumnConstraints(), grow);
        return g;
    }

    /** Which label-model run a screen uses, in words, amber while the run is stale. */
    public static Label fitStatus(javafx.beans.value.ObservableStringValue text, javafx.beans.value.ObservableBooleanValue stale, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setId(id);
        l.styleProperty().bind(Bindings.when(stale).then("-fx-text-fill: #b06000;").otherwise(""));
        return l;
    }

    /** A parameter record's description (as picocli shows it) as a control's tooltip. */
    public static <C extends Control> C described(C control, String description, String defaultValue) {
        control.setTooltip(new Tooltip(plain(description, defaultValue)));
        return control;
    }

    /**
     * A picocli description in plain words: the default filled in, line breaks and %% undone, and an option it
     * names ("--seed") said as the setting's name ('seed'), since the screen has no such flag.
     */
    public static String plain(String description, String defaultValue) {
        return description.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue).replace("%n", " ").replace("%%", "%")
                .replaceAll("--([a-z][a-z0-9-]*)", "'$1'");
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
        Label l = problemLabel(id);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(Bindings.createStringBinding(() -> problems.stream().map(Problem::message).collect(Collectors.joining("\n")),
                problems));
        return l;
    }
}
