package dev.pairlab.ui.jobs;

import dev.pairlab.task.Workflow;
import java.util.function.Consumer;

/**
 * How a view model runs core workflows: through the window's {@link JobManager} (listed, with progress and
 * Cancel; results on the FX thread), or, in a test without a window, directly on the caller's thread.
 */
public interface WorkflowRunner {

    <T> void run(Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Only the newest workflow started with this key delivers its result (an older one still running is cancelled). */
    <T> void runLatest(String key, Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError);

    static WorkflowRunner of(JobManager jobs) {
        return new WorkflowRunner() {
            @Override
            public <T> void run(Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError) {
                jobs.run(workflow, onDone, onError);
            }

            @Override
            public <T> void runLatest(String key, Workflow<T> workflow, Consumer<T> onDone, Consumer<Throwable> onError) {
                jobs.runLatest(key, workflow.title(), workflow::run, onDone, onError);
            }
        };
    }
}
