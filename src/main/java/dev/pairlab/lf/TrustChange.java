package dev.pairlab.lf;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trusting (or no longer trusting) a project's code LFs and LLM judges on this machine: {@code lf trust}.
 * Trust is kept by {@link CodeTrust}, by the SHA-256 of each LF's source (a judge's definition).
 */
public final class TrustChange {

    private TrustChange() {
    }

    public static final String DESC_NAMES = "The LFs to trust.";
    public static final String DESC_ALL = "Every code LF and LLM judge of the project.";
    public static final String DESC_REVOKE = "Take trust back instead.";

    /**
     * @param names  the LFs to trust; empty when {@code all}
     * @param all    every code LF and LLM judge of the project
     * @param revoke take trust back instead
     */
    public record Params(List<String> names, boolean all, boolean revoke) implements Parameters {

        public Params {
            names = names == null ? List.of() : List.copyOf(names);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (all == !names.isEmpty()) {
                problems.add(Problem.of("", all ? "name the code LFs to trust, or trust all of them, not both"
                        : "name the code LFs to trust, or trust all of them"));
            }
            return problems;
        }
    }

    /** One LF whose trust changed. */
    public record Entry(String name, String sha256, boolean trusted) {
    }

    /** @param store the trust store's file; {@code lfs} empty when the project has no code LFs or LLM judges */
    public record Result(Path store, List<Entry> lfs) {
    }

    /** Changes trust in {@code trust} (the user's store: {@link CodeTrust#forUser()}). */
    public record Job(Project project, Params params, CodeTrust trust) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            List<LfRecord> lfs = Lfs.list(project);
            List<LfRecord> chosen = new ArrayList<>();
            if (params.all()) {
                lfs.stream().filter(r -> CodeTrust.content(r) != null).forEach(chosen::add);
            } else {
                for (String n : params.names()) {
                    LfRecord r = lfs.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() -> LfEdit.noSuchLf(project, n));
                    if (CodeTrust.content(r) == null) {
                        throw new BadInputException("LF '" + n + "' is a " + r.kind() + " LF; only code LFs and LLM judges need trust");
                    }
                    chosen.add(r);
                }
            }
            List<Entry> out = new ArrayList<>();
            for (LfRecord r : chosen) {
                String source = CodeTrust.content(r);
                if (params.revoke()) {
                    trust.revoke(source);
                } else {
                    trust.trust(source, r.name());
                }
                out.add(new Entry(r.name(), CodeTrust.hash(source), !params.revoke()));
            }
            return new Result(trust.file(), out);
        }

        @Override
        public String title() {
            return params.revoke() ? "Revoking trust" : "Trusting code LFs";
        }
    }
}
