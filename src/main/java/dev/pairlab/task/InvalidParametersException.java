package dev.pairlab.task;

import java.util.List;
import java.util.stream.Collectors;

/** A job was asked to run with parameters whose {@link Parameters#validate()} found problems. */
public final class InvalidParametersException extends UserException {

    private final List<Problem> problems;

    public InvalidParametersException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid-parameters error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
