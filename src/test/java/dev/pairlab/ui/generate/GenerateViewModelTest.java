package dev.pairlab.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.generate.GenerateParams;
import dev.pairlab.generate.Generator;
import dev.pairlab.task.CancelledException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Generate screen's form and state, without a window. */
class GenerateViewModelTest {

    @Test
    void startsAtTheRecordsDefaultsAndWantsPromptsAndAModel() {
        GenerateViewModel m = new GenerateViewModel();
        assertEquals(GenerateParams.DEFAULT_TEMPERATURE, m.temperature().text().get());
        assertEquals(GenerateParams.DESC_CONCURRENCY, m.concurrency().description());
        assertFalse(m.canStart().get());
        assertEquals("give either a prompts file or a project to take the prompts from", m.prompts().problem().get());
        assertEquals("source A needs a base URL and a model", m.modelA().problem().get());
    }

    @Test
    void aFilledFormMakesTheRecordTheCliWouldMake() {
        GenerateViewModel m = new GenerateViewModel();
        m.prompts().text().set("prompts.txt");
        m.urlA().text().set("http://127.0.0.1:9000/v1");
        m.modelA().text().set("alpha");
        m.limit().text().set("10");
        assertTrue(m.canStart().get(), m.form().general().get());
        GenerateParams p = m.params().get();
        assertEquals(new GenerateParams(Path.of("prompts.txt"), null, "http://127.0.0.1:9000/v1,alpha", null, null, null, 0.7, 512, null, 4, 0,
                120, 5, 10, 123), p);
        assertNull(p.b(), "no model B: a second sample of A");
        m.modelB().text().set("beta");
        assertEquals("http://127.0.0.1:8081/v1,beta", m.params().get().sourceB());
    }

    @Test
    void problemsStandBesideTheirFieldsAndStartStaysOff() {
        GenerateViewModel m = new GenerateViewModel();
        m.prompts().text().set("p.txt");
        m.modelA().text().set("alpha");
        m.temperature().text().set("warm");
        assertEquals("the temperature must be a number (got 'warm')", m.temperature().problem().get());
        assertFalse(m.canStart().get());
        m.temperature().text().set("5");
        assertEquals("temperature must be between 0 and 2", m.temperature().problem().get());
        m.temperature().text().set("1");
        m.keyA().text().set("sk-abcdefghijklmnopqrstuvwxyz0123");
        assertFalse(m.keyA().problem().get().isEmpty(), "a key typed where its variable's name belongs is refused");
        m.keyA().text().set("");
        assertTrue(m.canStart().get());
    }

    @Test
    void aRunMovesStartAndCancelAndSaysHowItEnded() {
        GenerateViewModel m = new GenerateViewModel();
        m.prompts().text().set("p.txt");
        m.modelA().text().set("alpha");
        m.start(null);
        assertTrue(m.running().get());
        assertFalse(m.canStart().get(), "one run at a time");
        assertTrue(m.failed(new CancelledException()));
        assertEquals("cancelled; finished answers are kept — Start continues", m.status().get());
        assertTrue(m.canStart().get());
        m.start(null);
        m.done(new Generator.Result("r", 3, 2, 6, 6, 10, 20, 1, "timeout", 100));
        assertEquals("2 of 3 prompts done; tokens 10 in / 20 out; 1 failed (Start again retries them): timeout", m.status().get());
        assertFalse(m.running().get());
    }
}
