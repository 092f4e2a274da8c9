package dev.pairlab.cli;

import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectException;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The project file, the first argument of every command that works on a project. */
final class ProjectArg {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file (*.pairlab).")
    Path file;

    Project open(Project.Access access) throws ProjectException {
        return Project.open(file, access);
    }
}
