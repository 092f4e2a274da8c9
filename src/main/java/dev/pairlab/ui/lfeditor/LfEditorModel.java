package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.CodeCompiler;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CompileException;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.store.LfRecord;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The LF editor's draft, without a window: the form's fields as properties, the LF they were loaded
 * from, and whether the form differs from it ({@link #dirtyProperty()}). The view binds its controls
 * to these properties; building the definition, checking it before a save and the words of a refused
 * save live here so they are tested without a stage.
 */
public final class LfEditorModel {

    /** What to do with unsaved edits before the form shows something else. */
    public enum Choice { SAVE, DISCARD, CANCEL }

    public static final String NEW_CODE_TEMPLATE = "double d = p.delta(\"length\");\nif (Math.abs(d) < 20) return ABSTAIN;\nreturn d > 0 ? B : A;\n";

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty kind = new SimpleStringProperty(FeatureRule.KIND);
    private final StringProperty feature = new SimpleStringProperty();
    private final StringProperty prefer = new SimpleStringProperty("higher");
    private final StringProperty minDelta = new SimpleStringProperty("0");
    private final StringProperty maxDelta = new SimpleStringProperty("");
    private final StringProperty good = new SimpleStringProperty("");
    private final StringProperty bad = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty(true);
    private final BooleanProperty caseSensitive = new SimpleBooleanProperty();
    private final BooleanProperty wholeWord = new SimpleBooleanProperty();
    private final StringProperty count = new SimpleStringProperty("presence");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty exGood = new SimpleStringProperty("");
    private final StringProperty exBad = new SimpleStringProperty("");
    private final StringProperty exMargin = new SimpleStringProperty("0.02");
    private final StringProperty judgeEndpoint = new SimpleStringProperty("http://127.0.0.1:8080/v1");
    private final StringProperty judgeModel = new SimpleStringProperty("");
    private final StringProperty judgeKeyEnv = new SimpleStringProperty("");
    private final StringProperty judgePrompt = new SimpleStringProperty(JudgeRule.DEFAULT_PROMPT);
    private final StringProperty judgeRegex = new SimpleStringProperty("");
    private final BooleanProperty judgeBothOrders = new SimpleBooleanProperty(true);
    private int judgeMaxTokens = 8;

    private final ReadOnlyObjectWrapper<LfRecord> loaded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    /** The form as it was when loaded, started or last saved. */
    private List<Object> baseline;
    /**
     * The stored source of the code LF last loaded: while the form still holds exactly that, previews
     * ask the trust store (it may have come with someone else's project); once edited, it is the
     * user's own draft.
     */
    private String loadedCode;

    public LfEditorModel() {
        baseline = snapshot();
        for (Observable o : fields()) {
            o.addListener(x -> dirty.set(!snapshot().equals(baseline)));
        }
    }

    /** Every field of the form, for listeners that follow any edit. */
    List<Observable> fields() {
        return List.of(name, kind, feature, prefer, minDelta, maxDelta, good, bad, regex, caseSensitive, wholeWord, count, code, exGood, exBad,
                exMargin, judgeEndpoint, judgeModel, judgeKeyEnv, judgePrompt, judgeRegex, judgeBothOrders);
    }

    /** The fields that make the definition of the current kind, with the name and kind: what "unsaved" compares. */
    public List<Object> snapshot() {
        List<Object> s = new ArrayList<>(List.of(name.get().strip(), String.valueOf(kind.get())));
        switch (String.valueOf(kind.get())) {
            case FeatureRule.KIND -> s.addAll(Arrays.asList(feature.get(), prefer.get(), minDelta.get().strip(), maxDelta.get().strip()));
            case PatternRule.KIND -> s.addAll(List.of(good.get(), bad.get(), regex.get(), caseSensitive.get(), wholeWord.get(),
                    String.valueOf(count.get())));
            case CodeRule.KIND -> s.add(code.get());
            case ExemplarRule.KIND -> s.addAll(List.of(exGood.get(), exBad.get(), exMargin.get().strip()));
            case JudgeRule.KIND -> s.addAll(List.of(judgeEndpoint.get(), judgeModel.get(), judgeKeyEnv.get(), judgePrompt.get(), judgeRegex.get(),
                    judgeBothOrders.get(), judgeMaxTokens));
            default -> { }
        }
        return s;
    }

    /** The form now counts as saved (after loading, starting a new LF, or discarding). */
    public void markClean() {
        baseline = snapshot();
        dirty.set(false);
    }

    /**
     * After a save of the form as it was at {@code saved} (a {@link #snapshot()}): edits made while
     * saving stay unsaved.
     */
    public void markSaved(LfRecord record, List<Object> saved) {
        loaded.set(record);
        loadedCode = null; // written or edited here: trusted as saved
        baseline = saved;
        dirty.set(!snapshot().equals(baseline));
    }

    /** The form empties into a new LF of this kind, with a name and (for code) a body to start from. */
    public void startNew(String k) {
        loaded.set(null);
        loadedCode = null;
        name.set(k.equals(CodeRule.KIND) ? "my_code_lf" : k.equals(PatternRule.KIND) ? "my_patterns"
                : k.equals(ExemplarRule.KIND) ? "my_exemplars" : "my_feature_rule");
        kind.set(k);
        if (k.equals(CodeRule.KIND)) {
            code.set(NEW_CODE_TEMPLATE);
        }
        markClean();
    }

    /** Fills the form from a stored LF; it then counts as saved. */
    public void load(LfRecord r) throws LfException {
        loadedCode = null;
        loaded.set(r);
        name.set(r.name());
        kind.set(r.kind());
        try {
            LfDefinition d = LfDefinition.parse(r.kind(), r.definition());
            if (d instanceof FeatureRule f) {
                feature.set(f.feature());
                prefer.set(f.prefer() == FeatureRule.Prefer.HIGHER ? "higher" : "lower");
                minDelta.set(num(f.minDelta()));
                maxDelta.set(f.maxDelta() == null ? "" : num(f.maxDelta()));
            } else if (d instanceof PatternRule p) {
                good.set(String.join("\n", p.good()));
                bad.set(String.join("\n", p.bad()));
                regex.set(p.regex());
                caseSensitive.set(p.caseSensitive());
                wholeWord.set(p.wholeWord());
                count.set(p.count().name().toLowerCase(Locale.ROOT));
            } else if (d instanceof CodeRule c) {
                loadedCode = c.source();
                code.set(c.source());
            } else if (d instanceof ExemplarRule x) {
                exGood.set(String.join("\n---\n", x.good()));
                exBad.set(String.join("\n---\n", x.bad()));
                exMargin.set(num(x.margin()));
            } else if (d instanceof JudgeRule j) {
                judgeEndpoint.set(j.endpoint());
                judgeModel.set(j.model());
                judgeKeyEnv.set(j.keyEnv() == null ? "" : j.keyEnv());
                judgePrompt.set(j.prompt());
                judgeRegex.set(j.answerRegex() == null ? "" : j.answerRegex());
                judgeBothOrders.set(j.bothOrders());
                judgeMaxTokens = j.maxTokens();
            }
        } finally {
            markClean();
        }
    }

    /** The definition in the form; an {@link IllegalArgumentException} says what is wrong with it. */
    public LfDefinition draft() {
        switch (String.valueOf(kind.get())) {
            case FeatureRule.KIND -> {
                double min = parse(minDelta.get(), "minDelta", "the minimum |Δ|");
                Double max = maxDelta.get().isBlank() ? null : parse(maxDelta.get(), "maxDelta", "the maximum |Δ|");
                return new FeatureRule(feature.get(), "higher".equals(prefer.get()) ? FeatureRule.Prefer.HIGHER : FeatureRule.Prefer.LOWER, min, max);
            }
            case JudgeRule.KIND -> {
                return new JudgeRule(judgeEndpoint.get().strip(), judgeModel.get().strip(), judgePrompt.get(),
                        judgeKeyEnv.get().isBlank() ? null : judgeKeyEnv.get().strip(), judgeRegex.get(), judgeBothOrders.get(), judgeMaxTokens);
            }
            case ExemplarRule.KIND -> {
                return ExemplarRule.texts(dev.pairlab.reward.Pretrained.MINILM.name(), examples(exGood.get()), examples(exBad.get()),
                        parse(exMargin.get(), "exMargin", "the margin"));
            }
            case PatternRule.KIND -> {
                return new PatternRule(lines(good.get()), lines(bad.get()), regex.get(), caseSensitive.get(), wholeWord.get(),
                        PatternRule.Count.valueOf(count.get().toUpperCase(Locale.ROOT)));
            }
            default -> {
                return new CodeRule(code.get());
            }
        }
    }

    /**
     * The draft checked as a save needs it: code compiled and patterns parsed. A code LF that does not
     * compile throws its {@link CompileException} and nothing may be saved. Slow for code (javac):
     * call it off the FX thread.
     */
    public static LfDefinition checkForSave(LfDefinition d) throws LfException {
        if (d instanceof CodeRule c) {
            CodeCompiler.compile(c.source());
        } else if (d instanceof PatternRule p) {
            p.compile();
        }
        return d;
    }

    /** What is wrong with the name before a save, or null; {@code existing} says an LF of that name is stored. */
    public String nameProblem(boolean existing) {
        String n = name.get().strip();
        if (n.isEmpty()) {
            return "give the LF a name";
        }
        return existing ? null : dev.pairlab.store.LfName.problem(n);
    }

    /** The status-bar line for a save that failed: says plainly that nothing was saved, and why. */
    public static String notSavedMessage(String lfName, Throwable err) {
        if (err instanceof CompileException ce) {
            String first = ce.problems().isEmpty() ? ce.getMessage() : ce.getMessage().lines().findFirst().orElse("");
            return "Not saved: LF '" + lfName + "' does not compile (" + first + ")";
        }
        return "Not saved: LF '" + lfName + "': " + (err.getMessage() == null ? err.toString() : err.getMessage());
    }

    /** A short description of the unsaved edits, for prompts (e.g. the app's close prompt); empty when there are none. */
    public String unsavedDescription() {
        if (!dirty.get()) {
            return "";
        }
        String n = name.get().strip().isEmpty() ? "a new LF" : "'" + name.get().strip() + "'";
        return loaded.get() == null ? "the new LF " + n + " is not saved" : "LF " + n + " has unsaved edits";
    }

    /** A field of the draft that does not parse: the model's field name (as {@link #fields()} has it) and what is wrong. */
    public static final class FieldException extends IllegalArgumentException {

        private final String field;

        FieldException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The problem at its field, for the editor's {@link dev.pairlab.ui.errors.ProblemReport} (a {@link Form}'s map). */
        public Problem problem() {
            return Problem.of(field, getMessage());
        }
    }

    private static double parse(String s, String field, String what) {
        List<Problem> found = new ArrayList<>();
        double d = Form.decimal(found, field, what, s);
        if (!found.isEmpty()) {
            throw new FieldException(field, found.get(0).message());
        }
        return d;
    }

    /** Example texts separated by lines holding only "---". */
    private static List<String> examples(String s) {
        return Arrays.stream(s.split("(?m)^\\s*---\\s*$")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\\R")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** The stored LF the form was loaded from or last saved as; null for a new, never-saved LF. */
    public ReadOnlyObjectProperty<LfRecord> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Forgets the loaded LF (e.g. after it was deleted): the form is a new draft, not dirty. */
    public void unload() {
        loaded.set(null);
        loadedCode = null;
        markClean();
    }

    public String loadedCode() {
        return loadedCode;
    }

    public StringProperty name() { return name; }
    public StringProperty kind() { return kind; }
    public StringProperty feature() { return feature; }
    public StringProperty prefer() { return prefer; }
    public StringProperty minDelta() { return minDelta; }
    public StringProperty maxDelta() { return maxDelta; }
    public StringProperty good() { return good; }
    public StringProperty bad() { return bad; }
    public BooleanProperty regex() { return regex; }
    public BooleanProperty caseSensitive() { return caseSensitive; }
    public BooleanProperty wholeWord() { return wholeWord; }
    public StringProperty count() { return count; }
    public StringProperty code() { return code; }
    public StringProperty exGood() { return exGood; }
    public StringProperty exBad() { return exBad; }
    public StringProperty exMargin() { return exMargin; }
    public StringProperty judgeEndpoint() { return judgeEndpoint; }
    public StringProperty judgeModel() { return judgeModel; }
    public StringProperty judgeKeyEnv() { return judgeKeyEnv; }
    public StringProperty judgePrompt() { return judgePrompt; }
    public StringProperty judgeRegex() { return judgeRegex; }
    public BooleanProperty judgeBothOrders() { return judgeBothOrders; }
}
