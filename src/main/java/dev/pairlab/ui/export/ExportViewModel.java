package dev.pairlab.ui.export;

import dev.pairlab.labelmodel.FitStatus;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.WorkflowRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The export screen's state and actions, without a window: the form is a {@link WeakExport.Params} field by
 * field plus the run (as {@code --model}) and the file; Count runs {@link WeakExport.CountJob}, the export's own
 * keep rule, and Export runs {@link WeakExport.Job}, what {@code export weak} runs. It says which label-model run
 * it uses and whether LFs or gold changed since that fit ({@link FitStatus}).
 */
public final class ExportViewModel {

    public static final String LATEST = "latest";
    /** The length-balance choice that means none. */
    public static final String NO_BALANCE = "none";
    static final String COUNT = "export-count";
    static final String STATUS = "export-status";

    private final Workspace ws;
    private final WorkflowRunner jobs;
    private final Form form = new Form();

    public final ObjectProperty<WeakExport.Format> format = new SimpleObjectProperty<>(WeakExport.Format.parse(WeakExport.Params.DEFAULT_FORMAT));
    private final FormField thresholdField = form.field("threshold", "the threshold", WeakExport.Params.DEFAULT_THRESHOLD,
            WeakExport.Params.DESC_THRESHOLD);
    public final StringProperty threshold = thresholdField.text();
    public final BooleanProperty goldTrain = new SimpleBooleanProperty(true);
    public final BooleanProperty goldDev = new SimpleBooleanProperty(false);
    private final FormField seedField = form.field("seed", "the seed", WeakExport.Params.DEFAULT_SEED, WeakExport.Params.DESC_SEED);
    public final StringProperty seed = seedField.text();
    public final ObjectProperty<TiePolicy> ties = new SimpleObjectProperty<>(TiePolicy.parse(WeakExport.Params.DEFAULT_TIES));
    /** "latest" or a run id, as --model. */
    public final StringProperty run = new SimpleStringProperty(LATEST);
    public final ObservableList<String> runs = FXCollections.observableArrayList(LATEST);
    /** "none", "labeled" or a share, as --length-balance. */
    public final StringProperty lengthTarget = new SimpleStringProperty(NO_BALANCE);
    public final ObjectProperty<LengthBalance.Method> lengthMethod =
            new SimpleObjectProperty<>(LengthBalance.Method.parse(WeakExport.Params.DEFAULT_LENGTH_METHOD));
    public final StringProperty file = new SimpleStringProperty("");

    public final StringProperty counts = new SimpleStringProperty("Fit a label model first (Label model screen).");
    public final StringProperty manifest = new SimpleStringProperty("");
    public final StringProperty fitStatus = new SimpleStringProperty("");
    public final BooleanProperty stale = new SimpleBooleanProperty();

    public ExportViewModel(Workspace ws, WorkflowRunner jobs, ObjectProperty<Double> chosenThreshold) {
        this.ws = ws;
        this.jobs = jobs;
        chosenThreshold.addListener((o, a, t) -> threshold.set(String.format(Locale.ROOT, "%.2f", t)));
    }

    /** The form as the export's parameters, or empty with the problems beside their fields. */
    public Optional<WeakExport.Params> params() {
        List<Problem> found = new ArrayList<>();
        Set<Split> gold = EnumSet.noneOf(Split.class);
        if (goldTrain.get()) {
            gold.add(Split.TRAIN);
        }
        if (goldDev.get()) {
            gold.add(Split.DEV);
        }
        String target = lengthTarget.get() == null ? NO_BALANCE : lengthTarget.get().strip();
        LengthBalance balance = null;
        if (!target.isEmpty() && !target.equals(NO_BALANCE)) {
            try {
                balance = new LengthBalance(lengthMethod.get(), LengthBalance.parseTarget(target));
            } catch (IllegalArgumentException e) {
                found.add(Problem.of("lengthBalance", e.getMessage()));
            }
        }
        WeakExport.Params p = new WeakExport.Params(format.get(), thresholdField.decimal(found), seedField.whole(found), gold, ties.get(), balance);
        return form.show(Form.beside(found, p.validate())) ? Optional.of(p) : Optional.empty();
    }

    /** The chosen run, 0 for the latest. */
    long runId() {
        String v = run.get();
        return v == null || v.equals(LATEST) ? 0 : Long.parseLong(v);
    }

    private Project project() {
        Workspace.Opened o = ws.project().get();
        return o == null ? null : o.writable() ? o.writer() : o.reader();
    }

    /** Looks up the runs and the chosen one's status, and counts what an export would write (no file written). */
    public void refresh() {
        Project p = project();
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (p == null || l == null) {
            return;
        }
        long runId = runId();
        jobs.runLatest(STATUS, new FitStatus.Job(p, runId), this::showStatus, t -> fitStatus.set(t.getMessage()));
        Optional<WeakExport.Params> params = params();
        if (params.isEmpty()) {
            counts.set(String.join("; ", form.problems().values()));
            return;
        }
        WeakExport.Params chosen = params.get();
        jobs.runLatest(COUNT, new WeakExport.CountJob(p, l, runId, chosen), c -> showCount(c, chosen), t -> {
            String message = form.userMessage(t);
            if (message == null) {
                ws.error(t);
            } else {
                counts.set(message); // e.g. no label model yet: said here, not as an error
            }
        });
    }

    private void showStatus(FitStatus.Found found) {
        List<String> ids = new ArrayList<>(List.of(LATEST));
        for (ModelRecord r : found.runs()) {
            ids.add(Long.toString(r.id()));
        }
        if (!runs.equals(ids)) {
            String chosen = run.get();
            runs.setAll(ids);
            run.set(ids.contains(chosen) ? chosen : LATEST);
        }
        FitStatus s = found.status();
        fitStatus.set(s == null ? "No label model fitted yet." : s.summary());
        stale.set(s != null && s.stale());
    }

    private void showCount(WeakExport.Count c, WeakExport.Params p) {
        counts.set(String.format(Locale.ROOT, "Will write %d pairs: %d gold + %d weak (of %d pool pairs, label model run %d)%s.",
                c.gold() + c.weak(), c.gold(), c.weak(), c.pool(), c.run(),
                p.lengthBalance() == null || p.lengthBalance().method() == LengthBalance.Method.WEIGHTS ? ""
                        : ", less the weak pairs length balancing drops"));
    }

    /** Writes the export and its manifest in the background; the manifest is shown after. */
    public void export() {
        Optional<WeakExport.Params> p = params();
        if (file.get() == null || file.get().isBlank()) {
            form.add(Problem.of("file", "choose the file to write"));
        }
        if (p.isEmpty() || !form.valid().get()) {
            return;
        }
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        Path out = Path.of(file.get().strip());
        jobs.run(new ExportAndRead(new WeakExport.Job(w, runId(), p.get(), OutputFile.of(out, false), false)), this::showExport, t -> {
            String message = form.userMessage(t);
            if (message == null) {
                ws.error(t);
            } else {
                form.add(Problem.of("", message));
            }
        });
    }

    /** The export, then its manifest read off the FX thread. */
    record ExportAndRead(WeakExport.Job job) implements Workflow<Exported> {
        @Override
        public Exported run(ProgressListener progress, Cancellation cancel) throws Exception {
            WeakExport.Report r = job.run(progress, cancel);
            return new Exported(r, Files.readString(r.manifest()));
        }

        @Override
        public String title() {
            return job.title();
        }
    }

    record Exported(WeakExport.Report report, String manifest) {
    }

    private void showExport(Exported e) {
        WeakExport.Report r = e.report();
        LengthBalance.Outcome l = r.length();
        String length = l.balance() == null
                ? String.format(Locale.ROOT, "; longer answer chosen in %s of weak pairs, %s of gold pairs", f3(l.shareBefore()), f3(l.labeledShare()))
                : String.format(Locale.ROOT, "; longer-chosen share of weak pairs %s → %s%s (target %s)", f3(l.shareBefore()),
                        f3(l.shareAfter()), l.weighted() ? " weighted" : ", " + l.dropped() + " dropped", f3(l.targetShare()));
        String tied = r.weakTied() == 0 ? "" : String.format(Locale.ROOT, "; %d weak labels are ties at P = 0.5 decided by %s", r.weakTied(),
                r.weakCoinFlips() > 0 ? "a coin flip" : "the class prior");
        ws.info(String.format(Locale.ROOT, "Wrote %d pairs (%d gold + %d weak) to %s%s%s", r.gold() + r.weak(), r.gold(), r.weak(), r.file(),
                tied, length));
        manifest.set(e.manifest());
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    public ObservableMap<String, String> problems() {
        return form.problems();
    }
}
