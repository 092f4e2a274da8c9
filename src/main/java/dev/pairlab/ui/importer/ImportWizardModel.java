package dev.pairlab.ui.importer;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportFormat;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.ImportPreview;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The import wizard without a window: the {@link ImportOptions} form (defaults, descriptions and problems from
 * the record), the file, what the preview found, and the gate: Import stays off while the preview shows records
 * with errors (or could not read the file at all), unless invalid records are to be skipped, and while a setting
 * has a problem.
 */
public final class ImportWizardModel {

    public static final String DETECT = "detect";
    public static final String BY_GOLD = "by gold label (train / pool)";

    private final Form form = new Form();
    private final FormField seed = form.field("seed", "the A/B swap seed", ImportOptions.DEFAULT_SEED, ImportOptions.DESC_SEED);
    private final FormField columns = form.field("columns", ImportOptions.NAME_COLUMNS, "", ImportOptions.DESC_COLUMNS
            + ", as role=field, e.g. context=input, a=output_1, b=output_2, label=label");
    private final FormField labelMap = form.field("labelMap", ImportOptions.NAME_LABEL_MAP, "", ImportOptions.DESC_LABEL_MAP
            + ", as value=a|b|none, e.g. 1=a, 2=b");
    private final FormField maxLineMb = form.field("maxLineMb", ImportOptions.NAME_MAX_LINE_MB, ImportOptions.DEFAULT_MAX_LINE_MB,
            ImportOptions.DESC_MAX_LINE_MB);
    private final StringProperty file = new SimpleStringProperty("");
    private final StringProperty format = new SimpleStringProperty(DETECT);
    private final StringProperty split = new SimpleStringProperty(BY_GOLD);
    private final BooleanProperty dedupe = new SimpleBooleanProperty();
    private final BooleanProperty skipEmpty = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<ImportOptions> options = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Pair> pairs = FXCollections.observableArrayList();
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final StringProperty detected = new SimpleStringProperty("Choose a file.");
    private final IntegerProperty previewErrors = new SimpleIntegerProperty();
    private final BooleanProperty unreadable = new SimpleBooleanProperty();
    private final BooleanProperty skipInvalid = new SimpleBooleanProperty();
    private final BooleanBinding importBlocked = previewErrors.greaterThan(0).and(skipInvalid.not()).or(unreadable).or(options.isNull());
    private final StringBinding blockedReason = Bindings.createStringBinding(() -> {
        if (unreadable.get()) {
            return "Import is off: the file could not be read (see Errors).";
        }
        if (options.get() == null) {
            return "Import is off: a setting has a problem (see beside it).";
        }
        if (previewErrors.get() > 0 && !skipInvalid.get()) {
            return "Import is off: the preview shows " + previewErrors.get() + (previewErrors.get() == 1 ? " record" : " records")
                    + " with errors. Fix the file, or tick '" + ImportOptions.NAME_SKIP_INVALID + "'.";
        }
        return "";
    }, previewErrors, unreadable, skipInvalid, options);

    public ImportWizardModel() {
        for (var p : List.of(format, split)) {
            p.addListener((o, a, b) -> check());
        }
        for (var p : List.of(dedupe, skipEmpty, skipInvalid)) {
            p.addListener((o, a, b) -> check());
        }
        form.onChange(this::check);
    }

    private void check() {
        List<Problem> problems = new ArrayList<>();
        long s = seed.whole(problems);
        int mb = maxLineMb.integer(problems);
        Map<String, String> cols = map(columns, problems);
        Map<String, String> labels = map(labelMap, problems);
        ImportOptions o = null;
        if (problems.isEmpty()) {
            ImportFormat f;
            try {
                f = DETECT.equals(format.get()) || format.get() == null ? null : ImportFormat.parse(format.get());
            } catch (BadInputException e) {
                throw new IllegalStateException("the format list offers only known formats", e);
            }
            Split target = BY_GOLD.equals(split.get()) || split.get() == null ? null : Split.parse(split.get());
            o = new ImportOptions(f, s, skipInvalid.get(), target, cols, dedupe.get(), skipEmpty.get(), mb, labels);
            problems.addAll(o.validate());
        }
        options.set(problems.isEmpty() ? o : null);
        form.show(problems);
    }

    /** "k=v, k=v" as a map; an entry without '=' is a problem of the field. */
    private static Map<String, String> map(FormField f, List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (f.optional() == null) {
            return out;
        }
        for (String entry : f.optional().split(",")) {
            String e = entry.strip();
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                problems.add(Problem.of(f.name(), f.label() + ": '" + e + "' must be KEY=VALUE"));
                continue;
            }
            out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
        }
        return out;
    }

    /** The choices of the format list: detect, then every format's id. */
    public static List<String> formatChoices() {
        List<String> out = new ArrayList<>(List.of(DETECT));
        for (ImportFormat f : ImportFormat.values()) {
            out.add(f.id());
        }
        return out;
    }

    /** The choices of the split list: by gold label, then every split. */
    public static List<String> splitChoices() {
        List<String> out = new ArrayList<>(List.of(BY_GOLD));
        for (Split s : Split.values()) {
            out.add(s.key());
        }
        return out;
    }

    public Form form() {
        return form;
    }

    public FormField seed() {
        return seed;
    }

    public FormField columns() {
        return columns;
    }

    public FormField labelMap() {
        return labelMap;
    }

    public FormField maxLineMb() {
        return maxLineMb;
    }

    public StringProperty file() {
        return file;
    }

    public StringProperty format() {
        return format;
    }

    public StringProperty split() {
        return split;
    }

    public BooleanProperty dedupe() {
        return dedupe;
    }

    public BooleanProperty skipEmpty() {
        return skipEmpty;
    }

    /** The settings as a record, or null while one has a problem. */
    public ReadOnlyObjectProperty<ImportOptions> options() {
        return options.getReadOnlyProperty();
    }

    /** What the preview says about the file: its format and counts, or why it cannot be read. */
    public StringProperty detected() {
        return detected;
    }

    /** The file to import, or null (with {@link #detected()} saying why) when there is none. */
    public Path existingFile() {
        String text = file.get() == null ? "" : file.get().strip();
        if (text.isEmpty()) {
            detected.set("Choose a file.");
            return null;
        }
        Path path = Path.of(text);
        if (!Files.isRegularFile(path)) {
            detected.set("No such file: " + path);
            return null;
        }
        return path;
    }

    /** The first pairs the preview read. */
    public ObservableList<Pair> pairs() {
        return pairs;
    }

    /** The preview's errors, each as file:line: what is wrong. */
    public ObservableList<String> errors() {
        return errors;
    }

    /** What a preview of this file read. */
    public void previewed(ImportPreview p, Path path) {
        pairs.setAll(p.pairs());
        errors.setAll(p.errors().stream().map(e -> e.describe(path.getFileName().toString())).toList());
        detected.set("Format: " + p.format() + (options.get() != null && options.get().format() == null ? " (detected)" : "") + " — "
                + p.recordsRead() + " records read, " + p.errors().size() + " with errors" + (p.dropped() > 0 ? ", " + p.dropped() + " dropped (ties)" : ""));
        unreadable.set(false);
        previewErrors.set(p.errors().size());
    }

    /** The preview could not read the file at all. */
    public void previewFailed(Throwable t) {
        detected.set(t.getMessage());
        pairs.clear();
        errors.setAll(t.getMessage().lines().toList());
        unreadable.set(true);
    }

    /** No file to preview. */
    public void noPreview() {
        pairs.clear();
        errors.clear();
        previewErrors.set(0);
        unreadable.set(false);
    }

    /** The import to run: the job {@code pairlab import} runs. */
    public PairImport.Job job(Project project, Path path) {
        return new PairImport.Job(project, path, options.get(), null);
    }

    /** What the status bar says after an import. */
    public static String describe(ImportReport r, Path path) {
        return "Imported " + r.imported() + " pairs from " + path.getFileName() + " (" + r.format() + ")"
                + (r.invalid() > 0 ? "; skipped " + r.invalid() + " invalid, report " + r.errorReport() : "")
                + (r.droppedTotal() > 0 ? "; dropped " + r.dropped() : "")
                + (r.warnings().any() ? ". Check the data: " + r.warnings().describe() : "");
    }

    /** Records with errors among those the preview read. */
    public IntegerProperty previewErrorsProperty() {
        return previewErrors;
    }

    /** True when the preview failed as a whole (no format, unreadable file). */
    public BooleanProperty unreadableProperty() {
        return unreadable;
    }

    public BooleanProperty skipInvalidProperty() {
        return skipInvalid;
    }

    public BooleanBinding importBlocked() {
        return importBlocked;
    }

    /** Why Import is off, in the user's words; empty while it is on. */
    public StringBinding blockedReason() {
        return blockedReason;
    }
}
