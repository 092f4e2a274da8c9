package dev.pairlab.cli;

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
}
