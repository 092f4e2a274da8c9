package dev.pairlab.lf;

import dev.pairlab.store.LfRecord;

/**
 * A labeling function ready to apply: its definition with the name, id and version it is stored under.
 *
 * @param vouched the one running it vouches for it directly, so a code LF runs without asking the trust
 *                store: a draft being written here (the editor's preview, tests) or an LF file handed to the
 *                Spark job (which {@code lf export} writes only when every code LF is trusted); an LF read
 *                from a project or a manifest is never vouched for
 */
public record NamedLf(String name, long id, int version, LfDefinition definition, boolean vouched) {

    public NamedLf(String name, long id, int version, LfDefinition definition) {
        this(name, id, version, definition, false);
    }

    public static NamedLf of(LfRecord r) throws LfException {
        try {
            return new NamedLf(r.name(), r.id(), r.version(), LfDefinition.parse(r.kind(), r.definition()));
        } catch (LfException e) {
            throw new LfException("LF '" + r.name() + "': " + e.getMessage(), e);
        }
    }

    /** An LF being written here and not stored in any project (the editor's preview, tests). */
    public static NamedLf unsaved(String name, LfDefinition definition) {
        return new NamedLf(name, 0, 0, definition, true);
    }
}
