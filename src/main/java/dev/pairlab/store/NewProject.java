package dev.pairlab.store;

import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creating an empty project file: {@code pairlab new} and the app's New Project. */
public final class NewProject {

    private NewProject() {
    }

    public static final String DESC_FILE = "The project file to create (e.g. mt-bench.pairlab).";

    /** @param file the project file to create; it must not exist, its folder must */
    public record Params(Path file) implements Parameters {

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (file == null || file.toString().isBlank()) {
                problems.add(Problem.of("file", "name the project file to create"));
            }
            return problems;
        }
    }

    /** Creates the project and closes it again; returns its file as given. */
    public record Job(Params params) implements Workflow<Path> {

        @Override
        public Path run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            try (Project p = Project.create(params.file())) {
                return p.file();
            }
        }

        @Override
        public String title() {
            return "Creating " + params.file();
        }
    }
}
