package dev.pairlab.lf.api;

/**
 * The interface a code LF's class implements. Users write only the body of {@link #vote}; Pairlab
 * wraps it in a class with {@code import static dev.pairlab.lf.api.Vote.*}, {@code java.util.*} and
 * {@code java.util.regex.*}. Implementations must be stateless: they are called from several threads.
 */
@FunctionalInterface
public interface CodeLabelingFunction {

    Vote vote(LfPair p) throws Exception;
}
