package dev.pairlab.ui.generate;

import dev.pairlab.generate.GenerateParams;
import dev.pairlab.generate.Generator;
import dev.pairlab.generate.Keys;
import dev.pairlab.lf.Endpoints;
import dev.pairlab.store.Project;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Generate screen's state without a window: the {@link GenerateParams} form (a source's URL and model are
 * two fields here, {@code URL,MODEL} on the command line), its problems beside the fields, whether Start and
 * Cancel can be pressed, and what the last run said.
 */
public final class GenerateViewModel {

    public static final String DEFAULT_URL_A = "http://127.0.0.1:8080/v1";
    public static final String DEFAULT_URL_B = "http://127.0.0.1:8081/v1";

    private final Form form = new Form();
    private final FormField prompts = form.field("prompts", "the prompts file", "", GenerateParams.DESC_PROMPTS);
    private final FormField urlA = form.field("urlA", "source A's URL", DEFAULT_URL_A, GenerateParams.DESC_SOURCE_A);
    private final FormField modelA = form.field("modelA", "source A's model", "", "The model of source A");
    private final FormField keyA = form.field("keyA", "source A's key variable", "", GenerateParams.DESC_KEY_A);
    private final FormField urlB = form.field("urlB", "source B's URL", DEFAULT_URL_B, GenerateParams.DESC_SOURCE_B);
    private final FormField modelB = form.field("modelB", "source B's model", "", GenerateParams.DESC_SOURCE_B);
    private final FormField keyB = form.field("keyB", "source B's key variable", "", GenerateParams.DESC_KEY_B);
    private final FormField temperature = form.field("temperature", "the temperature", GenerateParams.DEFAULT_TEMPERATURE,
            GenerateParams.DESC_TEMPERATURE);
    private final FormField maxTokens = form.field("maxTokens", "the max tokens", GenerateParams.DEFAULT_MAX_TOKENS, GenerateParams.DESC_MAX_TOKENS);
    private final FormField system = form.field("system", "the system prompt", "", GenerateParams.DESC_SYSTEM);
    private final FormField concurrency = form.field("concurrency", "the concurrency", GenerateParams.DEFAULT_CONCURRENCY,
            GenerateParams.DESC_CONCURRENCY);
    private final FormField limit = form.field("limit", "the limit", GenerateParams.DEFAULT_LIMIT, GenerateParams.DESC_LIMIT);
    private final FormField seed = form.field("seed", "the seed", GenerateParams.DEFAULT_SEED, GenerateParams.DESC_SEED);
    private final ReadOnlyObjectWrapper<GenerateParams> params = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty(
            "Point the sources at llama.cpp's server, vLLM or Ollama (see the user guide).");
    private final BooleanBinding canStart = params.isNotNull().and(running.not());

    public GenerateViewModel() {
        form.onChange(this::check);
    }

    private void check() {
        List<Problem> problems = new ArrayList<>();
        double t = temperature.decimal(problems);
        int mt = maxTokens.integer(problems);
        int c = concurrency.integer(problems);
        int l = limit.integer(problems);
        long s = seed.whole(problems);
        GenerateParams p = null;
        if (problems.isEmpty()) {
            GenerateParams d = GenerateParams.defaults();
            p = new GenerateParams(prompts.optional() == null ? null : Path.of(prompts.optional()), null, spec(urlA, modelA), keyA.optional(),
                    modelB.optional() == null ? null : spec(urlB, modelB), keyB.optional(), t, mt, system.optional(), c, d.rps(), d.timeout(),
                    d.retries(), l, s);
            for (Problem x : p.validate()) {
                // A source's problems go beside its model field (its URL and model are one setting of the record).
                problems.add(x.field().startsWith("source") ? Problem.of("model" + x.field().substring("source".length()), x.message()) : x);
            }
        }
        params.set(problems.isEmpty() ? p : null);
        form.show(problems);
    }

    private static String spec(FormField url, FormField model) {
        return model.optional() == null ? null : (url.optional() == null ? "" : url.optional()) + "," + model.optional();
    }

    public Form form() {
        return form;
    }

    public FormField prompts() {
        return prompts;
    }

    public FormField urlA() {
        return urlA;
    }

    public FormField modelA() {
        return modelA;
    }

    public FormField keyA() {
        return keyA;
    }

    public FormField urlB() {
        return urlB;
    }

    public FormField modelB() {
        return modelB;
    }

    public FormField keyB() {
        return keyB;
    }

    public FormField temperature() {
        return temperature;
    }

    public FormField maxTokens() {
        return maxTokens;
    }

    public FormField system() {
        return system;
    }

    public FormField concurrency() {
        return concurrency;
    }

    public FormField limit() {
        return limit;
    }

    public FormField seed() {
        return seed;
    }

    /** The settings the form describes, or null while it has problems. */
    public ReadOnlyObjectProperty<GenerateParams> params() {
        return params.getReadOnlyProperty();
    }

    /** Start is on when the form is valid and no run is going. */
    public BooleanBinding canStart() {
        return canStart;
    }

    public BooleanProperty running() {
        return running;
    }

    /** What the screen says about the run: the progress, the outcome, or a hint. */
    public StringProperty status() {
        return status;
    }

    /** The job Start runs (the one {@code pairlab generate} runs), and marks the screen running. */
    public Generator.Job start(Project project) {
        if (params.get() == null || running.get()) {
            throw new IllegalStateException("Start is off");
        }
        running.set(true);
        return new Generator.Job(project, params.get(), Keys.system());
    }

    /** Plain-http warnings for the sources, once per host. */
    public Set<String> warnings() {
        Set<String> out = new LinkedHashSet<>();
        GenerateParams p = params.get();
        if (p != null) {
            Endpoints.plainHttpWarning(p.a().baseUrl()).ifPresent(out::add);
            if (p.b() != null) {
                Endpoints.plainHttpWarning(p.b().baseUrl()).ifPresent(out::add);
            }
        }
        return out;
    }

    public void done(Generator.Result r) {
        running.set(false);
        status.set(String.format(Locale.ROOT, "%d of %d prompts done; tokens %d in / %d out%s", r.pairs(), r.prompts(), r.promptTokens(),
                r.completionTokens(), r.failures() > 0 ? "; " + r.failures() + " failed (Start again retries them): " + r.firstFailure() : ""));
    }

    /** After an error: true when it was a cancel (said here), false when the screen should show the error. */
    public boolean failed(Throwable t) {
        running.set(false);
        if (t instanceof CancelledException) {
            status.set("cancelled; finished answers are kept — Start continues");
            return true;
        }
        status.set("failed: " + t.getMessage());
        return false;
    }
}
