package dev.pairlab.ui.form;

import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A parameter record's form without controls (mzmine's parameter set dialog, as a view model): its fields, and
 * after each {@link #show} the problems beside the fields they name, those about several fields together, and
 * whether the form can run.
 */
public final class Form {

    private final Map<String, FormField> fields = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper general = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);

    /** Adds a text field for a record component, starting at its default. */
    public FormField field(String name, String label, String defaultText, String description) {
        FormField f = new FormField(name, label, defaultText, description);
        fields.put(name, f);
        return f;
    }

    public List<FormField> fields() {
        return List.copyOf(fields.values());
    }

    /** Calls {@code check} now and whenever a field's text changes. */
    public void onChange(Runnable check) {
        fields.values().forEach(f -> f.text().addListener((o, a, b) -> check.run()));
        check.run();
    }

    /** Shows these problems: each beside its field, the rest as the form's; valid when there are none. */
    public void show(List<Problem> problems) {
        List<String> rest = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (Problem p : problems) {
            if (fields.containsKey(p.field())) {
                byField.computeIfAbsent(p.field(), k -> new ArrayList<>()).add(p.message());
            } else {
                rest.add(p.message());
            }
        }
        fields.forEach((name, f) -> f.setProblem(String.join("; ", byField.getOrDefault(name, List.of()))));
        general.set(rest.stream().collect(Collectors.joining("; ")));
        valid.set(problems.isEmpty());
    }

    /** Problems that name no field of the form, or "". */
    public ReadOnlyStringProperty general() {
        return general.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty valid() {
        return valid.getReadOnlyProperty();
    }
}
