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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Saving, removing, enabling and disabling one labeling function: {@code lf add}, {@code lf rm}, {@code lf enable}, {@code lf disable}. */
public final class LfEdit {

    private LfEdit() {
    }

    public static final String DESC_NAME = "The LF's name: 1-100 letters, digits, _, - and . (a new LF's name is checked).";

    // Each kind's fields: the defaults and descriptions 'lf add' and the LF editor's forms both show.
    public static final String DEFAULT_MIN = "0";
    public static final String DEFAULT_COUNT = "presence";
    public static final String DEFAULT_MARGIN = "0.02";
    public static final String DEFAULT_MAX_TOKENS = "8";
    public static final String DEFAULT_EXEMPLAR_MODEL = "minilm";
    public static final String DESC_FEATURE = "Feature rule: the feature (see 'pairlab analyze features').";
    public static final String DESC_PREFER = "Feature rule: higher or lower.";
    public static final String DESC_MAX = "Feature rule: abstain when |Δ| is above this.";
    public static final String DESC_GOOD = "Pattern rule: patterns that count for an answer.";
    public static final String DESC_BAD = "Pattern rule: patterns that count against an answer.";
    public static final String DESC_KEYWORDS = "Pattern rule: patterns are literal keywords, not regular expressions.";
    public static final String DESC_CASE_SENSITIVE = "Pattern rule: match case.";
    public static final String DESC_WHOLE_WORD = "Pattern rule: match whole words only.";
    public static final String DESC_GOOD_FILE = "Exemplar LF: more good example texts, separated by lines holding only ---.";
    public static final String DESC_BAD_FILE = "Exemplar LF: more bad example texts, separated by lines holding only ---.";
    public static final String DESC_CODE_FILE = "Code LF: the file holding the body of vote(LfPair p).";
    public static final String DESC_MODEL = "LLM judge: the model name the endpoint knows.";
    public static final String DESC_PROMPT_FILE = "LLM judge: the prompt template with {context}, {a}, {b} (default: a built-in one).";
    public static final String DESC_ANSWER_REGEX = "LLM judge: a regex whose first group is A, B or tie (default: the answer is just that).";
    public static final String DESC_ENDPOINT = "LLM judge: an OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1"
            + " (credentials in it are refused; plain http to another host is warned about).";
    public static final String DESC_BOTH_ORDERS = "LLM judge: ask A/B and B/A and vote only when they agree (default on).";
    public static final String DESC_KEY_ENV = "LLM judge: the NAME of the environment variable (or keyring entry) holding the API key, e.g. OPENAI_API_KEY;"
            + " a key itself is refused.";
    public static final String DESC_MIN = "Feature rule: abstain when |Δ| is below this";
    public static final String DESC_COUNT = "Pattern rule: presence (each pattern once) or occurrences.";
    public static final String DESC_MARGIN = "Exemplar LF: abstain when the answers' scores differ by less";
    public static final String DESC_MAX_TOKENS = "LLM judge: answer length limit";

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
     * A code LF from a file holding the body of {@code vote(LfPair p)}, compiled first so that a mistake is said now,
     * each as {@code file:line:column: message}.
     */
    public static CodeRule codeLf(Path file) throws BadInputException, LfException, IOException {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        }
        try {
            CodeCompiler.compile(source);
        } catch (CompileException e) {
            StringBuilder sb = new StringBuilder();
            for (CompileException.Problem p : e.problems()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(file).append(':').append(p.line()).append(':')
                        .append(p.column()).append(": ").append(p.message());
            }
            throw new BadInputException(sb.toString());
        }
        return new CodeRule(source);
    }

    /** A feature rule's direction from the word users type ("higher", "lower", any case). */
    public static FeatureRule.Prefer prefer(String s) throws LfException {
        for (FeatureRule.Prefer p : FeatureRule.Prefer.values()) {
            if (p.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return p;
            }
        }
        throw new LfException("a feature rule prefers higher or lower, not '" + s + "'");
    }

    /** A pattern rule's way of counting from the word users type ("presence", "occurrences", any case). */
    public static PatternRule.Count count(String s) throws LfException {
        for (PatternRule.Count c : PatternRule.Count.values()) {
            if (c.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return c;
            }
        }
        throw new LfException("a pattern rule counts presence or occurrences, not '" + s + "'");
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
