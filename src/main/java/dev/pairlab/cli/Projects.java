package dev.pairlab.cli;

import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How commands open projects. */
final class Projects {

    private Projects() {
    }

    /**
     * For commands that only read but would like to keep what they compute (feature values, LF votes):
     * the project's lock is not held while they compute, only for the short write of each cache at the
     * end, which is skipped when another process is writing then.
     */
    static Project openForCaching(Path file) throws ProjectException {
        return Project.open(file, Project.Access.CACHING);
    }

    /** An output file the user named; refused if it is one of the project's files (see {@link OutputFile}). */
    static OutputFile output(Path out, boolean force, Path project) {
        return Project.protect(OutputFile.of(out, force), project);
    }

    /** The project's features, LF votes and labels (pool gold hidden), cached where the file can be written. */
    static ProjectLabeling.Labeled label(Path file, boolean quiet, boolean json, PrintWriter err) throws Exception {
        try (Project p = openForCaching(file); ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            ProjectLabeling.Labeled labeled = ProjectLabeling.label(p, false, progress, dev.pairlab.task.Cancellation.none());
            noteUncached(p, json, err);
            return labeled;
        }
    }

    /** Says on stderr (not with --json, whose reader wants stdout alone) when a cache was not kept. */
    static void noteUncached(Project p, boolean json, PrintWriter err) {
        if (p.skippedWrites() > 0 && !json) {
            err.println("pairlab: note: " + p.file() + " was in use by another process at the end, so what was computed was not"
                    + " cached (the results are complete; the next run computes again)");
        }
    }
}
