package dev.pairlab.ui.labelmodel;

import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.labelmodel.Calibration;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.FitStatus;
import dev.pairlab.labelmodel.LabelModelType;
import dev.pairlab.labelmodel.ModelFitting;
import dev.pairlab.labelmodel.ThresholdSweep;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.form.FormField;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.WorkflowRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The label-model screen's state and actions, without a window: the form is a {@link FitParams} field by
 * field (the record's defaults to start, its problems beside the fields), Fit runs {@link ModelFitting.Job}
 * and the pool's {@link ThresholdSweep.Job} on the new run, and the results are plain lists the view binds.
 * It also says which run the numbers are of and whether LFs or gold changed since ({@link FitStatus}).
 */
public final class LabelModelViewModel {

    /** The job key of the fit-status look-up: only the newest counts. */
    static final String STATUS = "label-model-status";
    /** The thresholds of the pool chart: 0.50, 0.51, … 1.00. */
    private static final int SWEEP_STEPS = 50;

    private final Workspace ws;
    private final WorkflowRunner jobs;
    private final Form form = new Form();

    // The form: one property per component of FitParams / FitOptions, starting from the record's defaults.
    public final ObjectProperty<LabelModelType> type = new SimpleObjectProperty<>(LabelModelType.parse(FitParams.DEFAULT_TYPE));
    public final ObjectProperty<FitParams.FitOn> fitOn = new SimpleObjectProperty<>(FitParams.FitOn.defaultFor(type.get()));
    public final ObjectProperty<TiePolicy> ties = new SimpleObjectProperty<>(TiePolicy.parse(FitParams.DEFAULT_TIES));
    public final ObjectProperty<Split> evalSplit = new SimpleObjectProperty<>(Split.parse(FitParams.DEFAULT_EVAL_SPLIT));
    public final ObjectProperty<FitOptions.Optimizer> optimizer = new SimpleObjectProperty<>(FitOptions.Optimizer.parse(FitOptions.DEFAULT_OPTIMIZER));
    public final ObjectProperty<FitOptions.BelowChance> belowChance =
            new SimpleObjectProperty<>(FitOptions.BelowChance.parse(FitOptions.DEFAULT_BELOW_CHANCE));
    final FormField epochsField = form.field("epochs", "epochs", FitOptions.DEFAULT_EPOCHS, FitOptions.DESC_EPOCHS);
    final FormField lrField = form.field("lr", "lr", FitOptions.DEFAULT_LR, FitOptions.DESC_LR);
    final FormField l2Field = form.field("l2", "l2", FitOptions.DEFAULT_L2, FitOptions.DESC_L2);
    final FormField precInitField = form.field("precInit", "the initial accuracy", FitOptions.DEFAULT_PREC_INIT, FitOptions.DESC_PREC_INIT);
    final FormField classBalanceField = form.field("classBalanceB", "P(B)", FitOptions.DEFAULT_CLASS_BALANCE, FitOptions.DESC_CLASS_BALANCE);
    final FormField seedField = form.field("seed", "the seed", FitOptions.DEFAULT_SEED, FitOptions.DESC_SEED);
    final FormField priorStrengthField = form.field("priorStrength", "the prior strength", FitOptions.DEFAULT_PRIOR_STRENGTH,
            FitOptions.DESC_PRIOR_STRENGTH);
    public final StringProperty epochs = epochsField.text();
    public final StringProperty lr = lrField.text();
    public final StringProperty l2 = l2Field.text();
    public final StringProperty precInit = precInitField.text();
    public final StringProperty classBalance = classBalanceField.text();
    public final StringProperty seed = seedField.text();
    public final StringProperty priorStrength = priorStrengthField.text();

    // The results.
    public final StringProperty status = new SimpleStringProperty("Fit a label model on the LF votes.");
    public final ObservableList<LabelModelView.Line> comparison = FXCollections.observableArrayList();
    public final ObservableList<LabelModelView.Line> lfRows = FXCollections.observableArrayList();
    public final StringProperty labeledTitle = new SimpleStringProperty(FitParams.defaults().labeledAccuracyTitle());
    public final StringProperty evaluationTitle = new SimpleStringProperty(FitParams.defaults().evaluationAccuracyTitle());
    public final ObservableList<Calibration.Bin> reliability = FXCollections.observableArrayList();
    public final ObservableList<Calibration.ThresholdPoint> sweep = FXCollections.observableArrayList();
    public final DoubleProperty threshold = new SimpleDoubleProperty(0.5);
    public final StringProperty thresholdInfo = new SimpleStringProperty("");
    public final ObjectProperty<Double> chosenThreshold = new SimpleObjectProperty<>(0.0);
    public final BooleanProperty fitting = new SimpleBooleanProperty();

    // Which run the numbers are of, and whether it is stale.
    public final LongProperty shownRun = new SimpleLongProperty(0);
    public final StringProperty fitStatus = new SimpleStringProperty("No label model fitted yet.");
    public final BooleanProperty stale = new SimpleBooleanProperty();

    public LabelModelViewModel(Workspace ws, WorkflowRunner jobs) {
        this.ws = ws;
        this.jobs = jobs;
        // The gold-using models are fitted on the labeled split and the pool together unless the user changes it.
        type.addListener((o, was, now) -> {
            if (now != null) {
                fitOn.set(FitParams.FitOn.defaultFor(now));
            }
        });
        threshold.addListener((o, a, b) -> showThreshold());
        // Every relabel (an LF added, edited, deleted; gold keyed) may make the run shown stale.
        ws.labeled().addListener((o, a, b) -> refreshStatus());
        ws.project().addListener((o, a, b) -> shownRun.set(0));
    }

    /** The form as the fit's parameters, or empty with the problems beside their fields. */
    public Optional<FitParams> params() {
        List<Problem> found = new ArrayList<>();
        FitOptions o = new FitOptions(classBalanceField.decimal(found), epochsField.integer(found), lrField.decimal(found), l2Field.decimal(found),
                precInitField.decimal(found), seedField.whole(found), priorStrengthField.decimal(found),
                belowChance.get(), optimizer.get());
        FitParams p = new FitParams(type.get(), o, fitOn.get(), ties.get(), evalSplit.get());
        return form.show(Form.beside(found, p.validate())) ? Optional.of(p) : Optional.empty();
    }

    /** Fits in the background and shows the new run's numbers. */
    public void fit() {
        Optional<FitParams> p = params();
        if (p.isEmpty()) {
            status.set("Check the settings: " + String.join("; ", form.problems().values()));
            return;
        }
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        status.set("fitting …");
        fitting.set(true);
        jobs.run(new FitAndSweep(w, p.get()), f -> {
            fitting.set(false);
            show(f, p.get());
        }, this::failed);
    }

    /** The fit, then the pool's coverage/accuracy trade-off at the new run (hidden gold: evaluation only). */
    record FitAndSweep(Project project, FitParams params) implements Workflow<Fitted> {
        @Override
        public Fitted run(ProgressListener progress, Cancellation cancel) throws Exception {
            ModelFitting.Result r = new ModelFitting.Job(project, params).run(progress, cancel);
            ThresholdSweep.Params sweep = new ThresholdSweep.Params(r.record().id(), Split.POOL, params.ties(),
                    ThresholdSweep.Params.evenThresholds(SWEEP_STEPS));
            return new Fitted(r, new ThresholdSweep.Job(project, sweep).run(progress, cancel).points());
        }

        @Override
        public String title() {
            return new ModelFitting.Job(project, params).title();
        }
    }

    record Fitted(ModelFitting.Result result, List<Calibration.ThresholdPoint> sweep) {
    }

    private void failed(Throwable t) {
        fitting.set(false);
        String message = form.userMessage(t);
        if (message == null) {
            status.set("The fit failed.");
            ws.error(t);
        } else {
            status.set(message);
        }
    }

    private void show(Fitted f, FitParams p) {
        ModelFitting.Result r = f.result();
        LengthSplit length = r.byLength() == null ? null : r.byLength().model();
        status.set(String.format(Locale.ROOT, "%s fitted on %d %s pairs in %d ms%s; evaluated on %d %s pairs.", p.type(), r.fitRows(), p.fitOn(),
                r.fitMillis(), r.record() == null ? "" : " (run " + r.record().id() + ")", r.model().rows(), r.evalOn())
                + lengthLine(length) + (r.duplicates() == null ? "" : "\n⚠ " + r.duplicates()));
        comparison.setAll(line("label model", r.model()), line("majority vote", r.majority()));
        // Say which split each measured accuracy is on: the labeled one chooses, the evaluation one is only looked at.
        labeledTitle.set(p.labeledAccuracyTitle());
        evaluationTitle.set(p.evaluationAccuracyTitle());
        lfRows.setAll(r.lfs().stream().map(a -> new LabelModelView.Line(a.name(), f3(a.learned()),
                Double.isNaN(a.labeled()) ? "-" : f3(a.labeled()) + " [" + f3(a.labeledInterval().low()) + ", " + f3(a.labeledInterval().high()) + "]",
                Long.toString(a.labeledVotes()), a.belowChance() ? "⚠ below chance" : "", f3(a.empirical()), "")).toList());
        reliability.setAll(r.model().reliability().stream().filter(b -> b.count() > 0).toList());
        sweep.setAll(f.sweep());
        showThreshold();
        if (r.record() != null) {
            shownRun.set(r.record().id());
        }
        refreshStatus();
    }

    /** Looks up the run shown (the latest until one is fitted here) and whether LFs or gold changed since. */
    public void refreshStatus() {
        Workspace.Opened o = ws.project().get();
        if (o == null) {
            return;
        }
        Project p = o.writable() ? o.writer() : o.reader();
        jobs.runLatest(STATUS, new FitStatus.Job(p, shownRun.get()), found -> {
            FitStatus s = found.status();
            fitStatus.set(s == null ? "No label model fitted yet." : s.summary());
            stale.set(s != null && s.stale());
        }, t -> fitStatus.set(t.getMessage()));
    }

    private void showThreshold() {
        double t = threshold.get();
        chosenThreshold.set(t);
        Calibration.ThresholdPoint best = null;
        for (Calibration.ThresholdPoint pt : sweep) {
            if (pt.threshold() <= t + 1e-9) {
                best = pt;
            }
        }
        thresholdInfo.set(best == null ? String.format(Locale.ROOT, "t = %.2f", t)
                : String.format(Locale.ROOT, "t = %.2f: keeps %d pool pairs (%.1f%%), accuracy %s", t, best.kept(), 100 * best.coverage(),
                        f3(best.accuracy())));
    }

    private static String lengthLine(LengthSplit l) {
        if (l == null || Double.isNaN(l.overallAccuracy())) {
            return "";
        }
        return String.format(Locale.ROOT, "%nBy length: %s where the longer answer is preferred (%d pairs), %s where the shorter is (%d);"
                + " length-balanced %s, 'longer wins' baseline %s.", f3(l.accuracyLongerPreferred()), l.longerPreferred(),
                f3(l.accuracyShorterPreferred()), l.shorterPreferred(), f3(l.balancedAccuracy()), f3(l.longerWinsBaseline()));
    }

    private static LabelModelView.Line line(String name, Calibration.Report c) {
        return new LabelModelView.Line(name, f3(c.accuracy()), f3(c.expectedAccuracy()), f3(c.coverage()), f3(c.logLoss()), f3(c.brier()),
                f3(c.ece()));
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    public javafx.collections.ObservableMap<String, String> problems() {
        return form.problems();
    }
}
