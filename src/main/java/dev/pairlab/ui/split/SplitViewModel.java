package dev.pairlab.ui.split;

import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Project;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Split dialog's state without a window: the form of {@link SplitParams} (its defaults and descriptions),
 * the problems {@link SplitParams#validate()} finds shown beside their fields, the record to run while the
 * form is valid, and the counts of the last split.
 */
public final class SplitViewModel {

    private final Form form = new Form();
    private final FormField eval = form.field("eval", "the test share", SplitParams.DEFAULT_EVAL, SplitParams.DESC_EVAL);
    private final FormField labeled = form.field("labeled", "the labeled share", SplitParams.DEFAULT_LABELED, SplitParams.DESC_LABELED);
    private final FormField dev = form.field("dev", "the dev share", SplitParams.DEFAULT_DEV, SplitParams.DESC_DEV);
    private final FormField seed = form.field("seed", "the seed", SplitParams.DEFAULT_SEED, SplitParams.DESC_SEED);
    private final BooleanProperty byContext = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<SplitParams> params = new ReadOnlyObjectWrapper<>();
    private final StringProperty result = new SimpleStringProperty("");

    public SplitViewModel() {
        byContext.addListener((o, a, b) -> check());
        form.onChange(this::check);
    }

    private void check() {
        List<Problem> problems = new ArrayList<>();
        double e = eval.decimal(problems);
        double l = labeled.decimal(problems);
        double d = dev.decimal(problems);
        long s = seed.whole(problems);
        SplitParams p = null;
        if (problems.isEmpty()) {
            p = new SplitParams(e, l, d, s, byContext.get());
            problems.addAll(p.validate());
        }
        params.set(problems.isEmpty() ? p : null);
        form.show(problems);
    }

    public Form form() {
        return form;
    }

    public FormField eval() {
        return eval;
    }

    public FormField labeled() {
        return labeled;
    }

    public FormField dev() {
        return dev;
    }

    public FormField seed() {
        return seed;
    }

    public BooleanProperty byContext() {
        return byContext;
    }

    /** The record the form describes, or null while it has problems. */
    public ReadOnlyObjectProperty<SplitParams> params() {
        return params.getReadOnlyProperty();
    }

    /** The split to run: the job {@code pairlab split} runs. */
    public Splitter.Job job(Project project) {
        if (params.get() == null) {
            throw new IllegalStateException("the form has problems: " + form.general().get());
        }
        return new Splitter.Job(project, params.get());
    }

    /** After a split: the counts, in the words {@code pairlab split} prints them. */
    public void done(Map<Split, Long> counts) {
        result.set(Splitter.Job.describe(counts, params.get() == null ? 0 : params.get().seed()));
    }


    /** The last split's counts, or "" before one. */
    public StringProperty result() {
        return result;
    }
}
