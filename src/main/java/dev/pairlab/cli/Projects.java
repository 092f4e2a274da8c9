package dev.pairlab.cli;

import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectException;
import dev.pairlab.store.ProjectInUseException;
import java.nio.file.Path;

/** How commands open projects. */
final class Projects {

    private Projects() {
    }

    /**
     * For commands that only read but would like to keep what they compute (feature values, LF votes):
     * writable when no other process writes, else read-only and nothing is cached.
     */
    static Project openForCaching(Path file) throws ProjectException {
        try {
            return Project.open(file, Project.Access.READ_WRITE);
        } catch (ProjectInUseException e) {
            return Project.open(file, Project.Access.READ_ONLY);
        }
    }

    /** An output file the user named; refused if it is one of the project's files (see {@link OutputFile}). */
    static OutputFile output(Path out, boolean force, Path project) {
        return Project.protect(OutputFile.of(out, force), project);
    }

    /** The project's features, LF votes and labels (pool gold hidden), cached where the file can be written. */
    static ProjectLabeling.Labeled label(Path file, boolean quiet) throws Exception {
        try (Project p = openForCaching(file); ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            return ProjectLabeling.label(p, false, progress, dev.pairlab.task.Cancellation.none());
        }
    }
}
