package dev.pairlab.ui.importer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The import wizard's gate, without a window: Import stays off while the preview shows records with
 * errors (or could not read the file at all), unless invalid records are to be skipped.
 */
public final class ImportWizardModel {

    private final IntegerProperty previewErrors = new SimpleIntegerProperty();
    private final BooleanProperty unreadable = new SimpleBooleanProperty();
    private final BooleanProperty skipInvalid = new SimpleBooleanProperty();
    private final BooleanBinding importBlocked = previewErrors.greaterThan(0).and(skipInvalid.not()).or(unreadable);
    private final StringBinding blockedReason = Bindings.createStringBinding(() -> {
        if (unreadable.get()) {
            return "Import is off: the file could not be read (see Errors).";
        }
        if (previewErrors.get() > 0 && !skipInvalid.get()) {
            return "Import is off: the preview shows " + previewErrors.get() + (previewErrors.get() == 1 ? " record" : " records")
                    + " with errors. Fix the file, or tick 'skip invalid records'.";
        }
        return "";
    }, previewErrors, unreadable, skipInvalid);

    /** Records with errors among those the preview read. */
    public IntegerProperty previewErrorsProperty() {
        return previewErrors;
    }

    /** True when the preview failed as a whole (no format, unreadable file). */
    public BooleanProperty unreadableProperty() {
        return unreadable;
    }

    public BooleanProperty skipInvalidProperty() {
        return skipInvalid;
    }

    public BooleanBinding importBlocked() {
        return importBlocked;
    }

    /** Why Import is off, in the user's words; empty while it is on. */
    public StringBinding blockedReason() {
        return blockedReason;
    }
}
