package dev.pairlab.ui.lfeditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CompileException;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.store.LfRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LF editor's draft state, without a window: dirty tracking and the save decision. */
class LfEditorModelTest {

    private static LfRecord stored(String name, dev.pairlab.lf.LfDefinition d, int version) {
        return new LfRecord(7, name, d.kind(), d.toJson().toString(), version, true, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    }

    @Test
    void aLoadedLfIsCleanUntilTheFormDiffersAndCleanAgainWhenEditedBack() throws Exception {
        LfEditorModel m = new LfEditorModel();
        m.load(stored("longer", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null), 1));
        assertFalse(m.isDirty());
        assertEquals("", m.unsavedDescription());
        assertEquals("20", m.minDelta().get());
        m.minDelta().set("400");
        assertTrue(m.isDirty());
        assertEquals("LF 'longer' has unsaved edits", m.unsavedDescription());
        m.minDelta().set("20");
        assertFalse(m.isDirty(), "back to the saved value");
        m.name().set("longer2");
        assertTrue(m.isDirty(), "a renamed LF is unsaved too");
    }

    @Test
    void editsToAnotherKindsHiddenFieldsDoNotCount() throws Exception {
        LfEditorModel m = new LfEditorModel();
        m.load(stored("code", new CodeRule("return A;"), 2));
        m.good().set("please"); // the pattern form is not shown for a code LF
        assertFalse(m.isDirty());
        m.code().set("return B;");
        assertTrue(m.isDirty());
    }

    @Test
    void aNewLfIsCleanUntilEditedAndSavingMakesItClean() throws Exception {
        LfEditorModel m = new LfEditorModel();
        m.startNew(CodeRule.KIND);
        assertFalse(m.isDirty());
        assertEquals(LfEditorModel.NEW_CODE_TEMPLATE, m.code().get());
        m.code().set("return A;");
        assertTrue(m.isDirty());
        assertEquals("the new LF 'my_code_lf' is not saved", m.unsavedDescription());
        List<Object> atSave = m.snapshot();
        m.code().set("return B;"); // typed while the save ran
        m.markSaved(stored("my_code_lf", new CodeRule("return A;"), 1), atSave);
        assertEquals("my_code_lf", m.loadedProperty().get().name());
        assertTrue(m.isDirty(), "edits made during the save are still unsaved");
        m.code().set("return A;");
        assertFalse(m.isDirty());
    }

    @Test
    void codeThatDoesNotCompileIsRefusedWithANotSavedMessage() {
        LfEditorModel m = new LfEditorModel();
        m.startNew(CodeRule.KIND);
        m.code().set("double d = p.delta(\"length\");\nreturn d > 0 ? B : A\n");
        CompileException e = assertThrows(CompileException.class, () -> LfEditorModel.checkForSave(m.draft()));
        String message = LfEditorModel.notSavedMessage("my_code_lf", e);
        assertTrue(message.startsWith("Not saved: LF 'my_code_lf' does not compile ("), message);
        assertTrue(message.contains("line 2"), message);
        assertFalse(message.contains("Saved LF"), message);
    }

    @Test
    void codeThatCompilesPassesTheSaveCheck() throws Exception {
        LfEditorModel m = new LfEditorModel();
        m.startNew(CodeRule.KIND);
        assertInstanceOf(CodeRule.class, LfEditorModel.checkForSave(m.draft()));
    }

    @Test
    void namesAndFieldsAreCheckedBeforeASave() throws Exception {
        LfEditorModel m = new LfEditorModel();
        m.load(stored("patterns", new PatternRule(List.of("sorry"), List.of(), false, false, true, PatternRule.Count.PRESENCE), 1));
        assertEquals(null, m.nameProblem(true));
        m.name().set("  ");
        assertEquals("give the LF a name", m.nameProblem(false));
        m.kind().set(FeatureRule.KIND);
        m.minDelta().set("ten");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, m::draft);
        assertEquals("the minimum |Δ| must be a number (got 'ten')", e.getMessage());
    }
}
