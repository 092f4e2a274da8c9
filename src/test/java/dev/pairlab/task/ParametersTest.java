package dev.pairlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.SplitParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void aRecordReportsEveryProblemInTheUsersWords() {
        assertTrue(SplitParams.defaults().validate().isEmpty());
        assertEquals(0.02, SplitParams.defaults().labeled(), "the default the CLI shows is the record's");
        List<Problem> problems = new SplitParams(1.5, 0.8, 0.5, 1, false).validate();
        assertEquals(List.of(Problem.of("eval", "the test share must be a fraction between 0 and 1 (got 1.5)")), problems,
                "the sum is checked only once each share is itself valid");
        assertEquals("the labeled share plus the dev share must not exceed 1 (got 1.3)",
                new SplitParams(0.1, 0.8, 0.5, 1, false).validate().get(0).message());
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> new SplitParams(0.1, -1, 2, 1, false).requireValid());
        assertEquals(List.of("labeled", "dev"), e.problems().stream().map(Problem::field).toList());
        assertTrue(e instanceof UserException, "one user-error type for every front end");
    }
}
