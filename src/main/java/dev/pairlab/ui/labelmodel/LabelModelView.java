package dev.pairlab.ui.labelmodel;

import dev.pairlab.labelmodel.Calibration;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.LabelModelType;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.pairs.Split;
import dev.pairlab.ui.Forms;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.form.FormField;
import dev.pairlab.ui.jobs.WorkflowRunner;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
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
 * State and actions are {@link LabelModelViewModel}'s; this class only lays out and binds.
 */
public final class LabelModelView extends BorderPane {

    /** One row of the comparison or LF table. */
    public record Line(String name, String a, String b, String c, String d, String e, String f) {
    }

    private final LabelModelViewModel vm;
    private final LineChart<Number, Number> reliability = new LineChart<>(new NumberAxis(0.5, 1, 0.1), new NumberAxis(0, 1, 0.1));
    private final LineChart<Number, Number> sweep = new LineChart<>(new NumberAxis(0.5, 1, 0.05), new NumberAxis(0, 1, 0.1));

    public LabelModelView(Workspace ws) {
        this.vm = new LabelModelViewModel(ws, WorkflowRunner.of(ws.tasks().jobs()));
        TableView<Line> compare = new TableView<>(vm.comparison);
        TableView<Line> lfTable = new TableView<>(vm.lfRows);
        Label status = new Label();
        status.textProperty().bind(vm.status);
        status.setWrapText(true);
        status.setId("lm-status");
        Label fitStatus = Forms.fitStatus(vm.fitStatus, vm.stale, "lm-fit-status");
        compare.setId("lm-compare");
        lfTable.setId("lm-lfs");
        Button fit = new Button("Fit");
        fit.setId("lm-fit");
        fit.setOnAction(e -> vm.fit());
        fit.disableProperty().bind(vm.fitting);
        FlowPane form = new FlowPane(8, 6);
        form.getChildren().addAll(new Label("Model"),
                Forms.described(id(Forms.choice(vm.type, LabelModelType.values(), LabelModelType::parse), "lm-type"), FitParams.DESC_TYPE,
                        FitParams.DEFAULT_TYPE),
                new Label("fit on"), Forms.described(id(Forms.choice(vm.fitOn, FitParams.FitOn.values(), FitParams.FitOn::parse), "lm-fit-on"),
                        FitParams.DESC_FIT_ON, null));
        field(form, "epochs", vm.epochsField, "lm-epochs");
        field(form, "lr", vm.lrField, "lm-lr");
        field(form, "l2", vm.l2Field, "lm-l2");
        field(form, "initial accuracy", vm.precInitField, "lm-prec-init");
        field(form, "P(B)", vm.classBalanceField, "lm-balance");
        field(form, "seed", vm.seedField, "lm-seed");
        field(form, "prior strength", vm.priorStrengthField, "lm-prior-strength");
        form.getChildren().addAll(
                new Label("optimizer"), Forms.described(id(Forms.choice(vm.optimizer, FitOptions.Optimizer.values(), FitOptions.Optimizer::parse),
                        "lm-optimizer"), FitOptions.DESC_OPTIMIZER, FitOptions.DEFAULT_OPTIMIZER),
                new Label("below chance"), Forms.described(id(Forms.choice(vm.belowChance, FitOptions.BelowChance.values(),
                        FitOptions.BelowChance::parse), "lm-below-chance"), FitOptions.DESC_BELOW_CHANCE, FitOptions.DEFAULT_BELOW_CHANCE),
                new Label("ties"), Forms.described(id(Forms.choice(vm.ties, TiePolicy.values(), TiePolicy::parse), "lm-ties"), FitParams.DESC_TIES,
                        FitParams.DEFAULT_TIES),
                new Label("evaluate on"), Forms.described(id(Forms.choice(vm.evalSplit, new Split[] {Split.TEST, Split.DEV, Split.TRAIN},
                        Split::key, Split::parse), "lm-eval-split"), FitParams.DESC_EVAL_SPLIT, FitParams.DEFAULT_EVAL_SPLIT),
                fit, Forms.problem(vm.problems(), ""));
        form.setAlignment(Pos.CENTER_LEFT);
        columns(compare, "", "accuracy", "ties as ½", "coverage", "log loss", "Brier", "ECE");
        columns(lfTable, "LF", "learned accuracy", null, "votes on train", "warning", null, "");
        // Say which split each measured accuracy is on: the labeled one chooses, the evaluation one is only looked at.
        lfTable.getColumns().get(2).textProperty().bind(vm.labeledTitle);
        lfTable.getColumns().get(5).textProperty().bind(vm.evaluationTitle);
        compare.setPrefHeight(110);
        reliability.setTitle("Reliability: accuracy by confidence");
        reliability.setAnimated(false);
        ((NumberAxis) reliability.getXAxis()).setLabel("confidence");
        sweep.setTitle("Pool kept at confidence ≥ t (hidden gold: evaluation only)");
        sweep.setAnimated(false);
        ((NumberAxis) sweep.getXAxis()).setLabel("t");
        vm.reliability.addListener((ListChangeListener<Calibration.Bin>) c -> drawReliability());
        vm.sweep.addListener((ListChangeListener<Calibration.ThresholdPoint>) c -> drawSweep());
        Slider threshold = new Slider(0.5, 1.0, 0.5);
        threshold.setId("lm-threshold");
        threshold.setPrefWidth(300);
        threshold.valueProperty().bindBidirectional(vm.threshold);
        Label thresholdInfo = new Label();
        thresholdInfo.textProperty().bind(vm.thresholdInfo);
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
        VBox box = new VBox(8, form, fitStatus, status, middle);
        VBox.setVgrow(middle, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        setCenter(box);
    }

    /** The screen's state and actions (tests drive it without the window's controls). */
    public LabelModelViewModel viewModel() {
        return vm;
    }

    /** The threshold the user picked (the export screen starts from it). */
    public ObjectProperty<Double> chosenThreshold() {
        return vm.chosenThreshold;
    }

    private static <N extends Node> N id(N node, String id) {
        node.setId(id);
        return node;
    }

    /** A labelled text field bound to the view model, its description as tooltip and its problem beside it. */
    private void field(FlowPane form, String label, FormField f, String id) {
        TextField t = Forms.field(f.text(), id, Forms.plain(f.description(), f.defaultText()), 5);
        form.getChildren().addAll(new Label(label), t, Forms.problem(vm.problems(), f.name()));
    }

    /** Columns a, b, … of {@link Line}; a null title is bound by the caller, an empty one past the first is left out. */
    private static void columns(TableView<Line> t, String first, String... titles) {
        addColumn(t, 0, first);
        for (int i = 0; i < titles.length; i++) {
            if (titles[i] != null && titles[i].isEmpty()) {
                continue;
            }
            addColumn(t, i + 1, titles[i] == null ? "" : titles[i]);
        }
    }

    private static void addColumn(TableView<Line> t, int k, String title) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(k == 0 ? 140 : 80);
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

    private void drawReliability() {
        XYChart.Series<Number, Number> diag = new XYChart.Series<>();
        diag.setName("perfect calibration");
        diag.getData().add(new XYChart.Data<>(0.5, 0.5));
        diag.getData().add(new XYChart.Data<>(1.0, 1.0));
        XYChart.Series<Number, Number> model = new XYChart.Series<>();
        model.setName("label model");
        for (Calibration.Bin b : vm.reliability) {
            model.getData().add(new XYChart.Data<>(b.meanConfidence(), b.accuracy()));
        }
        reliability.getData().setAll(List.of(diag, model));
    }

    private void drawSweep() {
        XYChart.Series<Number, Number> cov = new XYChart.Series<>();
        cov.setName("coverage");
        XYChart.Series<Number, Number> acc = new XYChart.Series<>();
        acc.setName("accuracy");
        for (Calibration.ThresholdPoint pt : vm.sweep) {
            cov.getData().add(new XYChart.Data<>(pt.threshold(), pt.coverage()));
            if (!Double.isNaN(pt.accuracy())) {
                acc.getData().add(new XYChart.Data<>(pt.threshold(), pt.accuracy()));
            }
        }
        sweep.getData().setAll(List.of(cov, acc));
    }
}
