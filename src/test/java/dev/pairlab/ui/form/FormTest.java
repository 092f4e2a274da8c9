package dev.pairlab.ui.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.SplitParams;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one form model: problems by field from text, from the record's validate() and from a job's error. */
class FormTest {

    @Test
    void aRecordsProblemsShowBesideTheirFieldsAndTheRestAsTheForms() {
        Form form = new Form();
        FormField eval = form.field("eval", "the test share", SplitParams.DEFAULT_EVAL, SplitParams.DESC_EVAL);
        FormField seed = form.field("seed", "the seed", SplitParams.DEFAULT_SEED, SplitParams.DESC_SEED);
        List<Problem> problems = new SplitParams(1.5, 0.7, 0.5, 1, false).validate();
        assertFalse(form.show(problems));
        assertEquals("the test share must be a fraction between 0 and 1 (got 1.5)", eval.problem().get());
        assertEquals(eval.problem().get(), form.problems().get("eval"));
        assertEquals("", seed.problem().get());
        assertFalse(form.valid().get());
        assertEquals(problems, form.list());
        form.clear();
        assertTrue(form.valid().get());
        assertEquals("", eval.problem().get());
        assertTrue(form.problems().isEmpty());
    }

    @Test
    void textThatIsNoNumberIsAProblemOfItsFieldAndTheRecordsCheckOfItsStandInIsNotRepeated() {
        List<Problem> own = new ArrayList<>();
        double threshold = Form.decimal(own, "threshold", "the threshold", " high ");
        long seed = Form.whole(own, "seed", "the seed", "7");
        assertTrue(Double.isNaN(threshold));
        assertEquals(7, seed);
        assertEquals(List.of(Problem.of("threshold", "the threshold must be a number (got 'high')")), own);
        List<Problem> record = List.of(Problem.of("threshold", "the confidence threshold must be between 0 and 1, got NaN"),
                Problem.of("file", "choose the file"));
        assertEquals(List.of(own.get(0), record.get(1)), Form.beside(own, record));
        assertEquals(0, Form.integer(own, "epochs", "epochs", "3000000000"));
        assertEquals("epochs is too large (got 3000000000)", own.get(own.size() - 1).message());
    }

    @Test
    void aJobsInvalidParametersGoBesideTheirFieldsAndOtherUserErrorsAreSaidWhereTheUserActed() {
        Form form = new Form();
        FormField labeled = form.field("labeled", "the labeled share", "0.7", "");
        String message = form.userMessage(new InvalidParametersException(List.of(Problem.of("labeled", "too large"))));
        assertEquals("too large", labeled.problem().get());
        assertTrue(message.contains("too large"), message);
        assertEquals("no label model yet", form.userMessage(new IllegalArgumentException("no label model yet")));
        assertNull(form.userMessage(new IllegalStateException("a bug")), "an internal error is not the form's");
        assertEquals(3, (int) form.checked(() -> 3));
        assertTrue(form.valid().get(), "a form read without problems shows none");
    }
}
