package dev.pairlab.ui.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
