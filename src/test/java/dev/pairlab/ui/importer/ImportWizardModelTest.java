package dev.pairlab.ui.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.ImportFormat;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.ImportPreview;
import dev.pairlab.pairs.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wizard's Import gate, without a window. */
class ImportWizardModelTest {

    @Test
    void importIsOffWhileThePreviewShowsErrorsUnlessInvalidRecordsAreSkipped() {
        ImportWizardModel m = new ImportWizardModel();
        assertFalse(m.importBlocked().get());
        assertEquals("", m.blockedReason().get());
        m.previewErrorsProperty().set(2);
        assertTrue(m.importBlocked().get());
        assertTrue(m.blockedReason().get().contains("2 records with errors"), m.blockedReason().get());
        assertTrue(m.blockedReason().get().contains("skip invalid records"), m.blockedReason().get());
        m.skipInvalidProperty().set(true);
        assertFalse(m.importBlocked().get());
        assertEquals("", m.blockedReason().get());
    }

    @Test
    void anUnreadableFileCannotBeImportedEvenWhenSkipping() {
        ImportWizardModel m = new ImportWizardModel();
        m.skipInvalidProperty().set(true);
        m.unreadableProperty().set(true);
        assertTrue(m.importBlocked().get());
        assertTrue(m.blockedReason().get().contains("could not be read"), m.blockedReason().get());
    }

    @Test
    void theSettingsMakeTheRecordTheCliMakes() {
        ImportWizardModel m = new ImportWizardModel();
        assertEquals(ImportOptions.defaults(), m.options().get());
        m.format().set("csv");
        m.split().set("test");
        m.seed().text().set("7");
        m.columns().text().set("context=q, a=r1, b=r2, label=label");
        m.labelMap().text().set("1=a, 2=b");
        m.dedupe().set(true);
        m.skipEmpty().set(true);
        m.skipInvalidProperty().set(true);
        assertEquals(new ImportOptions(ImportFormat.CSV, 7, true, Split.TEST, Map.of("context", "q", "a", "r1", "b", "r2", "label", "label"),
                true, true, 64, Map.of("1", "a", "2", "b")), m.options().get());
        assertEquals(List.of("context", "a", "b", "label"), List.copyOf(m.options().get().columns().keySet()), "in the order typed");
    }

    @Test
    void aSettingsProblemStandsBesideItAndKeepsImportOff() {
        ImportWizardModel m = new ImportWizardModel();
        m.columns().text().set("contxt=q");
        assertTrue(m.importBlocked().get());
        assertEquals("the column map names an unknown role 'contxt' (use one of [context, a, b, label, chosen, rejected])",
                m.columns().problem().get());
        assertTrue(m.blockedReason().get().contains("a setting has a problem"), m.blockedReason().get());
        m.columns().text().set("context");
        assertEquals("the column map: 'context' must be KEY=VALUE", m.columns().problem().get());
        m.columns().text().set("");
        m.labelMap().text().set("1=x");
        assertEquals("the label map entry 1=x: the value must be a, b or none", m.labelMap().problem().get());
        m.labelMap().text().set("");
        m.maxLineMb().text().set("0");
        assertEquals("the largest record must be between 1 and 2047 MB, not 0", m.maxLineMb().problem().get());
        m.maxLineMb().text().set("64");
        assertFalse(m.importBlocked().get());
    }

    @Test
    void thePreviewFillsThePairsErrorsAndTheGate() {
        ImportWizardModel m = new ImportWizardModel();
        ImportPreview p = new ImportPreview("answer-label", List.of(), List.of(new dev.pairlab.pairs.RecordError(3, "label", "expected 0 or 1")), 5, 0);
        m.previewed(p, Path.of("/tmp/x.jsonl"));
        assertEquals("Format: answer-label (detected) — 5 records read, 1 with errors", m.detected().get());
        assertEquals(1, m.errors().size());
        assertTrue(m.errors().get(0).startsWith("x.jsonl:3"), m.errors().get(0));
        assertTrue(m.importBlocked().get());
        m.noPreview();
        assertFalse(m.importBlocked().get());
        m.previewFailed(new IllegalStateException("x.jsonl: file is empty"));
        assertTrue(m.importBlocked().get());
        assertEquals(List.of("x.jsonl: file is empty"), m.errors());
    }
}
