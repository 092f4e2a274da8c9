package dev.pairlab.ui.features;

import dev.pairlab.analysis.FeatureAnalysis;
import dev.pairlab.analysis.Intervals;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.features.Feature;
import dev.pairlab.features.Features;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The paper's data analysis, interactive: for a feature, its distribution over preferred and over
 * rejected answers of the labeled split, and the coverage and accuracy of "prefer the higher (or
 * lower) value, abstain if |Δ| < t" as t grows; drag t and press Make LF to save that rule.
 */
public final class FeatureExplorerView extends BorderPane {

    private final Workspace ws;
    private final dev.pairlab.ui.WhenShown refresh = new dev.pairlab.ui.WhenShown(this::showLabels);
    private final ComboBox<String> feature = new ComboBox<>();
    private final ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList("train", "dev", "test", "train+dev+test"));
    private final RadioButton higher = new RadioButton("prefer higher");
    private final RadioButton lower = new RadioButton("prefer lower");
    private final Slider threshold = new Slider(0, 1, 0);
    private final Label thresholdLabel = new Label();
    private final Label summary = new Label("Open a project with gold labels to explore its features.");
    private final TextField lfName = new TextField();
    private final BarChart<String, Number> histogram = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final LineChart<Number, Number> curve = new LineChart<>(new NumberAxis(), new NumberAxis(0, 1, 0.1));
    private FeatureAnalysis.Report report;
    /** The feature {@link #report} is about (its column is computed). */
    private String reportFeature;
    private int[] rows = new int[0];

    public FeatureExplorerView(Workspace ws) {
        this.ws = ws;
        for (Feature f : Features.all()) {
            feature.getItems().add(f.name());
        }
        feature.getSelectionModel().select(0);
        feature.setId("explorer-feature");
        split.getSelectionModel().select(0);
        ToggleGroup dir = new ToggleGroup();
        higher.setToggleGroup(dir);
        lower.setToggleGroup(dir);
        higher.setSelected(true);
        threshold.setId("explorer-threshold");
        threshold.setPrefWidth(320);
        lfName.setPromptText("LF name");
        lfName.setId("explorer-lf-name");
        Button embed = new Button("Compute embeddings");
        embed.setId("explorer-embed");
        embed.setTooltip(new javafx.scene.control.Tooltip("Embed every pair's prompt and answers with MiniLM (all-MiniLM-L6-v2, on this machine),"
                + " once; adds the features relevance and answer_similarity and lets exemplar LFs vote. Same as 'pairlab embed'."));
        embed.setOnAction(e -> computeEmbeddings());
        Button make = new Button("Make LF");
        make.setId("explorer-make-lf");
        make.setOnAction(e -> makeLf());
        summary.setId("explorer-summary");
        summary.setWrapText(true);

        histogram.setTitle("Feature values: preferred vs rejected answers");
        histogram.setAnimated(false);
        histogram.setCategoryGap(1);
        histogram.setBarGap(0);
        ((NumberAxis) histogram.getYAxis()).setLabel("answers");
        curve.setTitle("Rule \"prefer …, abstain if |Δ| < t\"");
        curve.setAnimated(false);
        curve.setCreateSymbols(false);
        ((NumberAxis) curve.getXAxis()).setLabel("t (minimum |Δ|)");
        ((NumberAxis) curve.getXAxis()).setForceZeroInRange(true);

        FlowPane controls = new FlowPane(10, 6, new Label("Feature:"), feature, new Label("on"), split, higher, lower, embed);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox lfBar = new HBox(10, new Label("t ="), threshold, thresholdLabel, lfName, make);
        lfBar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, controls, summary, lfBar);
        top.setPadding(new Insets(8));
        HBox charts = new HBox(8, histogram, curve);
        HBox.setHgrow(histogram, Priority.ALWAYS);
        HBox.setHgrow(curve, Priority.ALWAYS);
        setTop(top);
        setCenter(charts);

        feature.setOnAction(e -> analyse());
        split.setOnAction(e -> analyse());
        higher.setOnAction(e -> updatePoint());
        lower.setOnAction(e -> updatePoint());
        threshold.valueProperty().addListener((o, a, b) -> updatePoint());
        // Charts are costly to lay out: analyse only when this screen is showing (or when it is next shown).
        ws.labeled().addListener((o, a, l) -> refresh.request());
    }

    /** After new labels: the feature list, then the charts (laid out only when this screen shows). */
    private void showLabels() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l == null || !FeatureChoices.refill(feature, l.features())) {
            analyse(); // a refill has analysed already: the chooser's action ran
        }
    }

    /** Bound by the main window to the tab's selection: while false, refreshes wait. */
    public javafx.beans.property.BooleanProperty showingProperty() {
        return refresh.showingProperty();
    }

    private void analyse() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l == null || feature.getValue() == null) {
            return; // no project, or the feature list is being refilled (its value is null for a moment)
        }
        String f = feature.getValue();
        EnumSet<Split> splits = switch (split.getValue()) {
            case "dev" -> EnumSet.of(Split.DEV);
            case "test" -> EnumSet.of(Split.TEST);
            case "train+dev+test" -> EnumSet.of(Split.TRAIN, Split.DEV, Split.TEST);
            default -> EnumSet.of(Split.TRAIN);
        };
        // A feature's column is computed the first time it is shown (with progress, in a job, never on the FX thread);
        // choosing another feature meanwhile cancels the older job.
        boolean computed = l.features().computed(f);
        if (!computed) {
            summary.setText("Computing " + f + " for " + l.features().size() + " pairs…");
        }
        ws.runLatest(ANALYSE, (computed ? "Analysing " : "Computing feature ") + f, (progress, cancel) -> {
            if (!computed) {
                l.features().load(List.of(f), progress, cancel);
            }
            int[] r = Subsets.rows(l.labels(), splits);
            FeatureAnalysis.Report report = FeatureAnalysis.analyse(l.features(), f, r, l.labels().gold());
            return new Analysed(r, report, FeatureAnalysis.histograms(l.features(), f, r, l.labels().gold(), 20),
                    FeatureAnalysis.suggestedByLength(l.features(), report, r, l.labels().gold()), splits.contains(Split.TEST));
        }, a -> show(f, a));
    }

    /** The job key of the analysis: only the newest one's result is shown. */
    static final String ANALYSE = "explore-feature";

    private record Analysed(int[] rows, FeatureAnalysis.Report report, FeatureAnalysis.Histograms histograms,
                            LengthSplit.Breakdown suggested, boolean onTest) {
    }

    private void show(String f, Analysed a) {
        rows = a.rows();
        report = a.report();
        reportFeature = f;
        XYChart.Series<String, Number> pref = new XYChart.Series<>();
        pref.setName("preferred");
        XYChart.Series<String, Number> rej = new XYChart.Series<>();
        rej.setName("rejected");
        double[] edges = a.histograms().edges();
        for (int i = 0; i < a.histograms().preferred().length; i++) {
            String label = fmt((edges[i] + edges[i + 1]) / 2);
            pref.getData().add(new XYChart.Data<>(label, a.histograms().preferred()[i]));
            rej.getData().add(new XYChart.Data<>(label, a.histograms().rejected()[i]));
        }
        histogram.getData().setAll(java.util.List.of(pref, rej));
        XYChart.Series<Number, Number> cov = new XYChart.Series<>();
        cov.setName("coverage");
        XYChart.Series<Number, Number> acc = new XYChart.Series<>();
        acc.setName("accuracy of 'prefer higher'");
        double max = 0;
        for (FeatureAnalysis.Point p : report.curve()) {
            cov.getData().add(new XYChart.Data<>(p.threshold(), p.coverage()));
            if (!Double.isNaN(p.accuracy())) {
                acc.getData().add(new XYChart.Data<>(p.threshold(), p.accuracy()));
            }
            max = Math.max(max, p.threshold());
        }
        curve.getData().setAll(java.util.List.of(cov, acc));
        threshold.setMax(max > 0 ? max : 1);
        higher.setSelected(report.suggestedPrefer().equals("higher"));
        lower.setSelected(!higher.isSelected());
        threshold.setValue(report.suggestedThreshold());
        lfName.setText(f + "_" + (higher.isSelected() ? "higher" : "lower"));
        summary.setText(String.format(Locale.ROOT, "%d labeled pairs. Preferred answers average %s, rejected %s; the preferred one is higher in %s of "
                + "pairs. Suggested: prefer %s, %s (coverage %.2f, accuracy %s).", report.pairs(), fmt(report.preferredMean()),
                fmt(report.rejectedMean()), pct(report.preferredHigher()), report.suggestedPrefer(),
                report.suggestedThreshold() == 0 ? "abstain only on ties" : "abstain if |Δ| < " + fmt(report.suggestedThreshold()),
                report.suggestedCoverage(), pct(report.suggestedAccuracy()))
                + "\n" + byLength("The suggested rule", a.suggested()) + (a.onTest() ? "\nMeasured on the test split: do not choose rules by it." : ""));
        updatePoint();
    }

    private void updatePoint() {
        ProjectLabeling.Labeled l = ws.labeled().get();
        // The feature of the last report, whose column is there: one just chosen may still be computing.
        if (l == null || report == null || !l.features().computed(reportFeature) || !l.features().computed("length")) {
            return;
        }
        // Linear in the labeled rows: fine on the FX thread for the labeled split's size.
        FeatureAnalysis.Point p = FeatureAnalysis.at(l.features(), reportFeature, rows, l.labels().gold(), higher.isSelected(),
                threshold.getValue());
        LengthSplit.Count matched = FeatureAnalysis.byLength(l.features(), reportFeature, rows, l.labels().gold(), higher.isSelected(),
                threshold.getValue()).lengthMatched().votes();
        thresholdLabel.setText(String.format(Locale.ROOT, "%s → coverage %.3f, accuracy %s; on length-matched pairs %s of %d", fmt(threshold.getValue()),
                p.coverage(), pct(p.accuracy()), pct(matched.accuracy()), matched.voted()));
        thresholdLabel.setId("explorer-point");
    }

    /** Runs the embedding job in the background (progress and cancel in the status bar), then reloads features. */
    private void computeEmbeddings() {
        dev.pairlab.store.Project w = ws.writer();
        if (w == null) {
            ws.info("Open a project you can write to first");
            return;
        }
        ws.run("Computing sentence embeddings", (progress, cancel) ->
                dev.pairlab.encoder.EmbeddingJob.run(w, dev.pairlab.encoder.EmbeddingJob.Options.defaults(), progress, cancel), r -> {
                    ws.info(r.pairs() == 0 ? "All " + r.already() + " pairs have embeddings already"
                            : String.format(Locale.ROOT, "Embedded %d pairs (%d texts) in %.0f s, %.1f texts/s on %s; features relevance and"
                                    + " answer_similarity are ready", r.pairs(), r.texts(), r.seconds(), r.textsPerSecond(), r.device()));
                    ws.relabel();
                });
    }

    private void makeLf() {
        Project w = ws.writer();
        String name = lfName.getText().strip();
        if (w == null) {
            return;
        }
        if (name.isEmpty()) {
            ws.error(new IllegalArgumentException("give the new LF a name"));
            return;
        }
        FeatureRule rule = new FeatureRule(feature.getValue(), higher.isSelected() ? FeatureRule.Prefer.HIGHER : FeatureRule.Prefer.LOWER,
                threshold.getValue(), null);
        ws.run("Saving LF " + name, (progress, cancel) -> Lfs.save(w, name, rule.kind(), rule.toJson().toString()), saved -> {
            ws.info("Saved LF '" + saved.name() + "' (version " + saved.version() + "): " + rule.describe());
            ws.relabel();
        });
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** "accuracy 73.1 % [59.7, 83.2] (52 votes); length-matched ...; where the longer answer loses ...; verdict." */
    static String byLength(String what, LengthSplit.Breakdown b) {
        return String.format(Locale.ROOT, "%s: accuracy %s; on length-matched pairs %s; where the longer answer loses %s — %s."
                + " 'Longer wins' on the same pairs: %s, length-matched %s.", what, withInterval(b.all().votes()),
                withInterval(b.lengthMatched().votes()), withInterval(b.longerLoses().votes()), b.verdict(),
                pct(b.all().longerWins().accuracy()), pct(b.lengthMatched().longerWins().accuracy()));
    }

    private static String withInterval(LengthSplit.Count c) {
        if (c.voted() == 0) {
            return "– (no votes)";
        }
        Intervals.Interval i = c.interval();
        return String.format(Locale.ROOT, "%s [%.1f, %.1f] (%d votes)", pct(c.accuracy()), 100 * i.low(), 100 * i.high(), c.voted());
    }
}
