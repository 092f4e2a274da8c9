package dev.pairlab.ui.experiment;

import dev.pairlab.pairs.DataDir;
import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.ui.form.Form;
import dev.pairlab.ui.Workspace;
import dev.pairlab.ui.jobs.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The experiment screen's state and actions, without controls: the form builds the same
 * {@link Experiment.Params} {@code pairlab experiment} builds (its defaults and checks) and runs the
 * same {@link Experiment.Job}; as cells finish, the results folder is read into the report's blocks and
 * the per-training-set means by labeled fraction. Methods are called on the FX thread.
 */
public final class ExperimentViewModel {

    private final Workspace ws;
    public final StringProperty dataset = new SimpleStringProperty(
            DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-baseline-train-set.jsonl").toString());
    public final StringProperty evalFile = new SimpleStringProperty(
            DataDir.get().resolve("dfki-weak-supervision-rlhf/MT-BENCH-evaluation-set.jsonl").toString());
    public final StringProperty fractions = new SimpleStringProperty(Experiment.Params.DEFAULT_LABELED);
    public final StringProperty seeds = new SimpleStringProperty(Experiment.Params.DEFAULT_SEEDS);
    public final ObjectProperty<String> preset = new SimpleObjectProperty<>(Experiment.Params.DEFAULT_PRESET);
    public final StringProperty variants = new SimpleStringProperty(Experiment.DEFAULT_VARIANTS);
    public final ObjectProperty<RewardConfig.Kind> kind = new SimpleObjectProperty<>(RewardConfig.Kind.parse(Experiment.Params.DEFAULT_KIND));
    public final StringProperty out = new SimpleStringProperty(Path.of(System.getProperty("user.home"), "pairlab-experiment").toString());
    private final Form form = new Form();
    /** The form's problems, listed (from the record's validate() and from text that is not a number or a path). */
    public final ObservableList<Problem> problems = form.list();
    public final StringProperty progress = new SimpleStringProperty("");
    public final ObservableList<XYChart.Series<String, Number>> accuracy = FXCollections.observableArrayList();
    public final ObservableList<XYChart.Series<String, Number>> balanced = FXCollections.observableArrayList();
    public final ObservableList<MarkdownBlocks.Block> blocks = FXCollections.observableArrayList();

    public ExperimentViewModel(Workspace ws) {
        this.ws = ws;
    }

    /** The form as the experiment's parameters, or the problems with it. */
    public Experiment.Params params() throws InvalidParametersException {
        List<Problem> found = new ArrayList<>();
        List<Double> fr = new ArrayList<>();
        for (String f : split(fractions.get())) {
            fr.add(Form.read(found, "labeled", "a labeled fraction", "a number", f, Double::valueOf));
        }
        Integer n = Form.read(found, "seeds", "the number of seeds", "a whole number", seeds.get(), Integer::valueOf);
        Path data = path(found, "dataset", "the dataset", dataset.get());
        Path test = evalFile.get() == null || evalFile.get().isBlank() ? null : path(found, "evalFile", "the evaluation file", evalFile.get());
        if (!found.isEmpty()) {
            throw new InvalidParametersException(found);
        }
        Experiment.Params p = new Experiment.Params(data, test, Double.parseDouble(Experiment.Params.DEFAULT_EVAL_FRACTION), fr, n, preset.get(),
                split(variants.get()), Double.parseDouble(Experiment.Params.DEFAULT_THRESHOLD),
                Experiment.Params.rewardModel(kind.get(), null, null));
        p.requireValid();
        return p;
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static Path path(List<Problem> problems, String field, String what, String text) {
        if (text == null || text.isBlank()) {
            problems.add(Problem.of(field, "choose " + what));
            return null;
        }
        return Form.read(problems, field, what, "a file name", text, Path::of);
    }

    /** Run (or resume): the experiment into the output folder, the results shown as cells finish. Returns the job, or null. */
    public Job start() {
        Experiment.Params p = form.checked(this::params);
        if (p == null) {
            return null;
        }
        Path dir = Path.of(out.get().strip());
        Experiment.Job job = new Experiment.Job(p, dir);
        return ws.tasks().jobs().run(job.title(), (prog, cancel) -> job.run((done, total, message) -> {
            prog.progress(done, total, message);
            Results r = read(dir); // read here, in the background, not on the FX thread
            Platform.runLater(() -> {
                progress.set(String.format(Locale.ROOT, "%d of %d reward models — %s", done, total, message));
                show(r);
            });
        }, cancel), rows -> {
            progress.set(rows.size() + " reward models; files in " + dir);
            ws.run("Reading the results", (prog, cancel) -> read(dir), this::show);
        }, ws::error);
    }

    /** What the screen shows of a results folder: the report's blocks and per-variant means (accuracy, length-balanced) by fraction. */
    record Results(List<MarkdownBlocks.Block> blocks, Map<String, Map<String, double[]>> means, String problem) {
    }

    /** Reads results.md and results.csv; never throws (a half-written folder gives what it can). */
    static Results read(Path dir) {
        try {
            Path md = dir.resolve("results.md");
            List<MarkdownBlocks.Block> report = Files.exists(md) ? MarkdownBlocks.parse(Files.readString(md)) : List.of();
            Comparator<String> byValue = Comparator.comparingDouble(Double::parseDouble);
            Map<String, Map<String, List<Experiment.Row>>> byVariant = new TreeMap<>();
            for (Experiment.Row r : Experiment.results(dir)) {
                byVariant.computeIfAbsent(r.variant(), k -> new TreeMap<>(byValue)).computeIfAbsent(r.fraction(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Map<String, double[]>> means = new TreeMap<>();
            byVariant.forEach((v, byFraction) -> {
                Map<String, double[]> m = new TreeMap<>(byValue);
                byFraction.forEach((f, rows) -> m.put(f, new double[] {rows.stream().mapToDouble(Experiment.Row::rmAccuracy).average().orElse(Double.NaN),
                        rows.stream().mapToDouble(Experiment.Row::rmLengthBalanced).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN)}));
                means.put(v, m);
            });
            return new Results(report, means, null);
        } catch (java.io.IOException | RuntimeException e) {
            return new Results(List.of(), Map.of(), "results not readable yet: " + e.getMessage());
        }
    }

    /** Shows a read of the results folder. */
    void show(Results r) {
        if (r.problem() != null) {
            progress.set(r.problem());
            return;
        }
        for (int which = 0; which < 2; which++) {
            List<XYChart.Series<String, Number>> series = new ArrayList<>();
            for (var v : r.means().entrySet()) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(v.getKey());
                for (var pt : v.getValue().entrySet()) {
                    if (!Double.isNaN(pt.getValue()[which])) {
                        s.getData().add(new XYChart.Data<>(pt.getKey(), pt.getValue()[which]));
                    }
                }
                series.add(s);
            }
            (which == 0 ? accuracy : balanced).setAll(series);
        }
        blocks.setAll(r.blocks());
    }
}
