package dev.pairlab.lf;

import dev.pairlab.store.LfRecord;

/** A labeling function ready to apply: its definition with the name, id and version it is stored under. */
public record NamedLf(String name, long id, int version, LfDefinition definition) {

    public static NamedLf of(LfRecord r) throws LfException {
        try {
            return new NamedLf(r.name(), r.id(), r.version(), LfDefinition.parse(r.kind(), r.definition()));
        } catch (LfException e) {
            throw new LfException("LF '" + r.name() + "': " + e.getMessage(), e);
        }
    }

    /** An LF not stored in any project (tests, previews). */
    public static NamedLf unsaved(String name, LfDefinition definition) {
        return new NamedLf(name, 0, 0, definition);
    }
}
