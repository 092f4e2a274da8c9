package dev.pairlab.task;

/**
 * One workflow as a core job (mzmine's Task): its parameters are fixed when it is made, {@link #run}
 * does the work off any UI thread, reports through {@code progress} and stops at safe points when
 * {@code cancel} is cancelled (throwing {@link CancelledException}, the project as it was). A picocli
 * command and a screen's view model both make the same workflow and call {@code run}; neither holds
 * the workflow's logic.
 *
 * @param <R> what the job returns: the numbers both front ends show
 */
@FunctionalInterface
public interface Workflow<R> {

    R run(ProgressListener progress, Cancellation cancel) throws Exception;

    /** What the job does, in the user's words, for the job list and messages. */
    default String title() {
        return getClass().getSimpleName();
    }
}
