package dev.pairlab.ui.labelmodel;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.Calibration;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.LabelModels;
import dev.pairlab.labelmodel.ModelFitting;
import dev.pairlab.labelmodel.ScoredSplit;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The label-model screen: choose a model and its settings, fit it in the background, then compare
 * it with majority vote on the evaluation split (accuracy, coverage, log loss, Brier, ECE), read
 * each LF's learned accuracy beside its measured one, see the reliability diagram, and drag the
 * confidence threshold over the pool's coverage/accuracy trade-off (hidden gold: evaluation only).
 */
public final class LabelModelView extends BorderPane {

    /** One row of the comparison or LF table. */
    public record Line(String name, String a, String b, String c, String d, String e, String f) {
    }

    private final Workspace ws;
    private final ComboBox<String> type = new ComboBox<>(FXCollections.observableArrayList(LabelModels.TYPES));
    private final ComboBox<String> fitOn = new ComboBox<>(FXCollections.observableArrayList("labeled", "pool", FitParams.LABELED_AND_POOL));
    private final ComboBox<String> evalSplit = new ComboBox<>(FXCollections.observableArrayList("test", "dev", "train"));
    private final ComboBox<String> ties = new ComboBox<>(FXCollections.observableArrayList("random", "abstain", "prior"));
    // The form starts from the one set of defaults the CLI's options also come from.
    private static final FitOptions DEFAULTS = FitOptions.paper();
    private final TextField epochs = new TextField(Integer.toString(DEFAULTS.epochs()));
    private final TextField lr = new TextField(Double.toString(DEFAULTS.lr()));
    private final TextField l2 = new TextField(Double.toString(DEFAULTS.l2()));
    private final TextField precInit = new TextField(Double.toString(DEFAULTS.precInit()));
    private final TextField balance = new TextField(Double.toString(DEFAULTS.classBalanceB()));
    private final TextField seed = new TextField(Long.toString(DEFAULTS.seed()));
    private final TableView<Line> compare = new TableView<>();
    private final TableView<Line> lfTable = new TableView<>();
    private final LineChart<Number, Number> reliability = new LineChart<>(new NumberAxis(0.5, 1, 0.1), new NumberAxis(0, 1, 0.1));
    private final LineChart<Number, Number> sweep = new LineChart<>(new NumberAxis(0.5, 1, 0.05), new NumberAxis(0, 1, 0.1));
    private final Slider threshold = new Slider(0.5, 1.0, 0.5);
    private final Label thresholdInfo = new Label();
    private final Label status = new Label("Fit a label model on the LF votes.");
    private final ObjectProperty<Double> chosenThreshold = new SimpleObjectProperty<>(0.0);
    private List<Calibration.ThresholdPoint> points = List.of();

    public LabelModelView(Workspace ws) {
        this.ws = ws;
        type.getSelectionModel().select("snorkel");
        fitOn.getSelectionModel().select(0);
        // The gold-using models are fitted on the labeled split and the pool together unless the user changes it.
        type.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                fitOn.getSelectionModel().select(FitParams.defaultFitOn(now));
            }
        });
        evalSplit.getSelectionModel().select(0);
        ties.getSelectionModel().select(0);
        type.setId("lm-type");
        status.setId("lm-status");
        compare.setId("lm-compare");
        lfTable.setId("lm-lfs");
        threshold.setId("lm-threshold");
        Button fit = new Button("Fit");
        fit.setId("lm-fit");
        fit.setOnAction(e -> fit());
        for (TextField t : List.of(epochs, lr, l2, precInit, balance, seed)) {
            t.setPrefColumnCount(5);
        }
        epochs.setId("lm-epochs");
        lr.setId("lm-lr");
        l2.setId("lm-l2");
        precInit.setId("lm-prec-init");
        balance.setId("lm-balance");
        seed.setId("lm-seed");
        ties.setId("lm-ties");
        fitOn.setId("lm-fit-on");
        evalSplit.setId("lm-eval-split");
        FlowPane form = new FlowPane(8, 6, new Label("Model"), type, new Label("fit on"), fitOn, new Label("epochs"), epochs, new Label("lr"), lr,
                new Label("l2"), l2, new Label("initial accuracy"), precInit,
                new Label("P(B)"), balance, new Label("seed"), seed, new Label("ties"), ties, new Label("evaluate on"), evalSplit, fit);
        form.setAlignment(Pos.CENTER_LEFT);
        columns(compare, "", "accuracy", "ties as ½", "coverage", "log loss", "Brier", "ECE");
        columns(lfTable, "LF", "learned accuracy", "on labeled split (train) [95% CI]", "votes on train", "warning", "on test split (look only)", "");
        compare.setPrefHeight(110);
        reliability.setTitle("Reliability: accuracy by confidence");
        reliability.setAnimated(false);
        ((NumberAxis) reliability.getXAxis()).setLabel("confidence");
        sweep.setTitle("Pool kept at confidence ≥ t (hidden gold: evaluation only)");
        sweep.setAnimated(false);
        ((NumberAxis) sweep.getXAxis()).setLabel("t");
        threshold.setPrefWidth(300);
        threshold.valueProperty().addListener((o, a, b) -> showThreshold());
        HBox thresholdBar = new HBox(8, new Label("threshold t"), threshold, thresholdInfo);
        thresholdBar.setAlignment(Pos.CENTER_LEFT);
        HBox charts = new HBox(8, reliability, sweep);
        HBox.setHgrow(reliability, Priority.ALWAYS);
        HBox.setHgrow(sweep, Priority.ALWAYS);
        VBox left = new VBox(6, new Label("Evaluation"), compare, new Label("Labeling functions"), lfTable);
        VBox.setVgrow(lfTable, Priority.ALWAYS);
        left.setPrefWidth(560);
        HBox middle = new HBox(8, left, new VBox(6, charts, thresholdBar));
        HBox.setHgrow(middle.getChildren().get(1), Priority.ALWAYS);
        VBox box = new VBox(8, form, status, middle);
        VBox.setVgrow(middle, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        setCenter(box);
    }

    /** The threshold the user picked (the export screen starts from it). */
    public ObjectProperty<Double> chosenThreshold() {
        return chosenThreshold;
    }

    private static void columns(TableView<Line> t, String... titles) {
        for (int i = 0; i < titles.length; i++) {
            if (titles[i].isEmpty() && i > 0) {
                continue;
            }
            int k = i;
            TableColumn<Line, String> c = new TableColumn<>(titles[i]);
            c.setPrefWidth(i == 0 ? 140 : 80);
            c.setSortable(false);
            c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(switch (k) {
                case 0 -> cd.getValue().name();
                case 1 -> cd.getValue().a();
                case 2 -> cd.getValue().b();
                case 3 -> cd.getValue().c();
                case 4 -> cd.getValue().d();
                case 5 -> cd.getValue().e();
                default -> cd.getValue().f();
            }));
            t.getColumns().add(c);
        }
    }

    private FitParams params() {
        try {
            FitOptions o = DEFAULTS.withClassBalance(Double.parseDouble(balance.getText().strip()))
                    .withEpochs(Integer.parseInt(epochs.getText().strip())).withLr(Double.parseDouble(lr.getText().strip()))
                    .withL2(Double.parseDouble(l2.getText().strip())).withPrecInit(Double.parseDouble(precInit.getText().strip()))
                    .withSeed(Long.parseLong(seed.getText().strip()));
            return new FitParams(type.getValue(), o, fitOn.getValue(), TiePolicy.parse(ties.getValue()), Split.parse(evalSplit.getValue()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("epochs, lr, l2, initial accuracy, P(B) and seed must be numbers");
        }
    }

    private void fit() {
        Project w = ws.writer();
        if (w == null) {
            return;
        }
        FitParams p;
        try {
            p = params();
        } catch (IllegalArgumentException e) {
            ws.error(e);
            return;
        }
        status.setText("fitting …");
        ws.run("Fitting " + p.type(), (progress, cancel) -> {
            ModelFitting.Result r = ModelFitting.fit(w, p, progress, cancel);
            // The pool's trade-off against its hidden gold (evaluation only) and the evaluation split's length-controlled
            // accuracy: the saved run scored as 'model sweep-threshold' and 'model eval' score it (ScoredSplit, the export's rule).
            ProjectLabeling.Labeled revealed = ProjectLabeling.label(w, true, progress, cancel);
            WeakExport.Labeler labeler = WeakExport.fromProject(w, r.record().id());
            ScoredSplit pool = ScoredSplit.of(labeler, r.record(), revealed, Split.POOL, p.ties(), 0);
            double[] ts = new double[51];
            for (int i = 0; i <= 50; i++) {
                ts[i] = 0.5 + i * 0.01;
            }
            String dup = dev.pairlab.analysis.LfAgreement.duplicateWarning(revealed.matrix(),
                    Subsets.rows(revealed.labels(), p.fitSplits()));
            dev.pairlab.analysis.LengthSplit ls = ScoredSplit.of(labeler, r.record(), revealed, p.evalSplit(), p.ties(), 0).byLength();
            return new Fitted(r, pool.sweep(ts), dup, ls);
        }, f -> show(f, p));
    }

    private record Fitted(ModelFitting.Result result, List<Calibration.ThresholdPoint> sweep, String duplicates,
                          dev.pairlab.analysis.LengthSplit length) {
    }

    private static String lengthLine(dev.pairlab.analysis.LengthSplit l) {
        if (l == null || Double.isNaN(l.overallAccuracy())) {
            return "";
        }
        return String.format(Locale.ROOT, "%nBy length: %s where the longer answer is preferred (%d pairs), %s where the shorter is (%d);"
                + " length-balanced %s, 'longer wins' baseline %s.", f3(l.accuracyLongerPreferred()), l.longerPreferred(),
                f3(l.accuracyShorterPreferred()), l.shorterPreferred(), f3(l.balancedAccuracy()), f3(l.longerWinsBaseline()));
    }

    private void show(Fitted f, FitParams p) {
        ModelFitting.Result r = f.result();
        status.setText(String.format(Locale.ROOT, "%s fitted on %d %s pairs in %d ms%s; evaluated on %d %s pairs.", p.type(), r.fitRows(), p.fitOn(),
                r.fitMillis(), r.record() == null ? "" : " (run " + r.record().id() + ")", r.model().rows(), r.evalOn())
                + lengthLine(f.length()) + (f.duplicates() == null ? "" : "\n⚠ " + f.duplicates()));
        status.setWrapText(true);
        compare.getItems().setAll(line("label model", r.model()), line("majority vote", r.majority()));
        // Say which split each measured accuracy is on: the labeled one chooses, the evaluation one is only looked at.
        lfTable.getColumns().get(2).setText(p.labeledAccuracyTitle());
        lfTable.getColumns().get(5).setText(p.evaluationAccuracyTitle());
        lfTable.getItems().setAll(r.lfs().stream().map(a -> new Line(a.name(), f3(a.learned()),
                Double.isNaN(a.labeled()) ? "-" : f3(a.labeled()) + " [" + f3(a.labeledInterval().low()) + ", " + f3(a.labeledInterval().high()) + "]",
                Long.toString(a.labeledVotes()), a.belowChance() ? "⚠ below chance" : "", f3(a.empirical()), "")).toList());
        XYChart.Series<Number, Number> diag = new XYChart.Series<>();
        diag.setName("perfect calibration");
        diag.getData().add(new XYChart.Data<>(0.5, 0.5));
        diag.getData().add(new XYChart.Data<>(1.0, 1.0));
        XYChart.Series<Number, Number> model = new XYChart.Series<>();
        model.setName("label model");
        for (Calibration.Bin b : r.model().reliability()) {
            if (b.count() > 0) {
                model.getData().add(new XYChart.Data<>(b.meanConfidence(), b.accuracy()));
            }
        }
        reliability.getData().setAll(List.of(diag, model));
        points = f.sweep();
        XYChart.Series<Number, Number> cov = new XYChart.Series<>();
        cov.setName("coverage");
        XYChart.Series<Number, Number> acc = new XYChart.Series<>();
        acc.setName("accuracy");
        for (Calibration.ThresholdPoint pt : points) {
            cov.getData().add(new XYChart.Data<>(pt.threshold(), pt.coverage()));
            if (!Double.isNaN(pt.accuracy())) {
                acc.getData().add(new XYChart.Data<>(pt.threshold(), pt.accuracy()));
            }
        }
        sweep.getData().setAll(List.of(cov, acc));
        showThreshold();
    }

    private void showThreshold() {
        double t = threshold.getValue();
        chosenThreshold.set(t);
        Calibration.ThresholdPoint best = null;
        for (Calibration.ThresholdPoint pt : points) {
            if (pt.threshold() <= t + 1e-9) {
                best = pt;
            }
        }
        thresholdInfo.setText(best == null ? String.format(Locale.ROOT, "t = %.2f", t)
                : String.format(Locale.ROOT, "t = %.2f: keeps %d pool pairs (%.1f%%), accuracy %s", t, best.kept(), 100 * best.coverage(),
                        f3(best.accuracy())));
    }

    private static Line line(String name, Calibration.Report c) {
        return new Line(name, f3(c.accuracy()), f3(c.expectedAccuracy()), f3(c.coverage()), f3(c.logLoss()), f3(c.brier()), f3(c.ece()));
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

}
