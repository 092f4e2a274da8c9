package dev.pairlab.lf;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.store.LfName;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;

/** Saving, removing, enabling and disabling one labeling function: {@code lf add}, {@code lf rm}, {@code lf enable}, {@code lf disable}. */
public final class LfEdit {

    private LfEdit() {
    }

    public static final String DESC_NAME = "The LF's name: 1-100 letters, digits, _, - and . (a new LF's name is checked).";

    /**
     * One LF to save as a new version (or as version 1 of a new LF).
     *
     * @param name       the LF's name; a new LF's name must be a valid one, an existing LF keeps the name it has
     * @param definition what the LF does
     */
    public record Save(String name, LfDefinition definition) implements Parameters {

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (name == null || name.isEmpty()) {
                problems.add(Problem.of("name", LfName.problem(name)));
            }
            if (definition == null) {
                problems.add(Problem.of("definition", "the LF has no definition"));
            }
            return problems;
        }
    }

    /**
     * Refuses a name that is not valid for a new LF; an existing LF's name is accepted as it is. Called
     * by the job, and before costly work (an exemplar's embedding, a compile) so that it is said first.
     */
    public static void requireUsableName(Project project, String name) throws BadInputException {
        if (LfName.problem(name) != null && Lfs.get(project, name) == null) {
            LfName.require(name);
        }
    }

    /**
     * Saves the LF; a code LF or an LLM judge is trusted on this machine as it is saved, since the user
     * running this set it up.
     */
    public record SaveJob(Project project, Save params) implements Workflow<LfRecord> {

        @Override
        public LfRecord run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            requireUsableName(project, params.name());
            LfDefinition def = params.definition();
            LfRecord saved = Lfs.save(project, params.name(), def.kind(), def.toJson().toString());
            String trusted = CodeTrust.content(saved);
            if (trusted != null) {
                CodeTrust.forUser().trust(trusted, saved.name());
            }
            return saved;
        }

        @Override
        public String title() {
            return "Saving LF " + params.name();
        }
    }

    /** What can be done to an LF as a whole. */
    public enum Change {
        /** Removed with its history and cached votes. */
        REMOVE,
        /** Used again by stats and models. */
        ENABLE,
        /** Kept, but left out of stats and models. */
        DISABLE
    }

    /** Removes, enables or disables the named LF; refused when the project has no LF of that name. */
    public record ChangeJob(Project project, String name, Change change) implements Workflow<Void> {

        @Override
        public Void run(ProgressListener progress, Cancellation cancel) throws BadInputException {
            boolean found = switch (change) {
                case REMOVE -> Lfs.remove(project, name);
                case ENABLE, DISABLE -> {
                    if (Lfs.get(project, name) == null) {
                        yield false;
                    }
                    Lfs.setEnabled(project, name, change == Change.ENABLE);
                    yield true;
                }
            };
            if (!found) {
                throw noSuchLf(project, name);
            }
            return null;
        }

        @Override
        public String title() {
            return switch (change) {
                case REMOVE -> "Removing LF " + name;
                case ENABLE -> "Enabling LF " + name;
                case DISABLE -> "Disabling LF " + name;
            };
        }
    }

    /** The one message for an LF name the project does not have. */
    public static BadInputException noSuchLf(Project project, String name) {
        return new BadInputException("no LF named '" + name + "' in " + project.file());
    }
}
