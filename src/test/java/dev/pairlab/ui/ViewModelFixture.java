package dev.pairlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.cli.Cli;
import dev.pairlab.lf.Presets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import dev.pairlab.ui.jobs.WorkflowRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A real project for view-model tests without a window: MT-Bench's train set, 10 % test and 10 % of the rest labeled, the paper's
 * MT-Bench LFs, opened in a {@link Workspace} as the app opens it; workflows run on the test's thread; and a
 * copy of the same project for the CLI to give its numbers on.
 */
public final class ViewModelFixture implements AutoCloseable {

    /** Runs each workflow at once on the caller's thread, as the job manager would run it in the background. */
    public static final WorkflowRunner DIRECT = new WorkflowRunner() {
        @Override
        public <T> void run(Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError) {
            T result;
            try {
                result = workflow.run(ProgressListener.NONE, Cancellation.none());
            } catch (Exception e) {
                onError.accept(e);
                return;
            }
            onDone.accept(result);
        }

        @Override
        public <T> void runLatest(String key, Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError) {
            run(workflow, onDone, onError);
        }
    };

    public final Workspace ws = new Workspace(new BackgroundTasks());
    public final Path file;
    public final Path cliCopy;
    private final Project writer;
    private final Project reader;

    public ViewModelFixture(Path dir) throws Exception {
        file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0.1, 0.1, 0, 123, false), ProgressListener.NONE, Cancellation.none());
            Presets.addTo(p, "mt-bench");
        }
        cliCopy = dir.resolve("cli.pairlab");
        Files.copy(file, cliCopy);
        writer = Project.open(file, Project.Access.READ_WRITE);
        reader = Project.open(file, Project.Access.READ_ONLY);
        ws.project().set(new Workspace.Opened(file, writer, reader, Pairs.ids(reader, Pairs.allSplits())));
        relabel();
    }

    public Project writer() {
        return writer;
    }

    /** What the app does after every LF edit or gold label: the LFs' votes and labels again. */
    public void relabel() throws Exception {
        ws.labeled().set(ProjectLabeling.label(writer, false, ProgressListener.NONE, Cancellation.none()));
    }

    /** {@code pairlab ARGS --json} on the copy (the copy's path replaces "PROJECT"); fails the test on a non-zero exit. */
    public JsonNode cli(String... args) throws Exception {
        String[] a = new String[args.length + 1];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].equals("PROJECT") ? cliCopy.toString() : args[i];
        }
        a[args.length] = "--json";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new AssertionError("pairlab " + String.join(" ", a) + " exited " + code + ": " + err);
        }
        return Json.MAPPER.readTree(out.toString());
    }

    @Override
    public void close() {
        ws.project().set(null);
        writer.close();
        reader.close();
    }
}
