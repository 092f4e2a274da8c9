package dev.pairlab.lf;

import java.util.List;
import java.util.stream.Collectors;

/** A code LF did not compile; each error has its line and column in the user's source. */
public final class CompileException extends LfException {

    /** One compiler diagnostic, positioned in the user's own text (1-based). */
    public record Problem(long line, long column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    private final List<Problem> problems;

    public CompileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
