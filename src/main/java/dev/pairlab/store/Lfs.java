package dev.pairlab.store;

import dev.pairlab.pairs.BadInputException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stored labeling functions: every save of a changed definition is a new version, kept. */
public final class Lfs {

    private Lfs() {
    }

    public static List<LfRecord> list(Project project) {
        return project.read(c -> {
            List<LfRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, name, kind, definition, version, enabled, created_at, edited_at FROM lfs ORDER BY id")) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        });
    }

    public static LfRecord get(Project project, String name) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, kind, definition, version, enabled, created_at, edited_at FROM lfs WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? record(rs) : null;
                }
            }
        });
    }

    /**
     * Adds an LF, or saves a new version of the one with this name when its definition changed.
     * Returns the stored record.
     *
     * @throws BadInputException when there is no LF of this name yet and the name is not one an LF
     *                           may have ({@link LfName}); existing LFs keep their names
     */
    public static LfRecord save(Project project, String name, String kind, String definition) throws BadInputException {
        return project.<LfRecord, BadInputException, RuntimeException>write(c -> {
            String now = Instant.now().toString();
            LfRecord old = get(project, name);
            if (old == null) {
                LfName.require(name);
            }
            if (old != null && old.definition().equals(definition) && old.kind().equals(kind)) {
                return old;
            }
            long id;
            int version;
            if (old == null) {
                version = 1;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO lfs (name, kind, definition, version, enabled,"
                        + " created_at, edited_at) VALUES (?, ?, ?, 1, 1, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, name);
                    ps.setString(2, kind);
                    ps.setString(3, definition);
                    ps.setString(4, now);
                    ps.setString(5, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
            } else {
                id = old.id();
                version = old.version() + 1;
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE lfs SET kind = ?, definition = ?, version = ?, edited_at = ? WHERE id = ?")) {
                    ps.setString(1, kind);
                    ps.setString(2, definition);
                    ps.setInt(3, version);
                    ps.setString(4, now);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO lf_versions (lf_id, version, definition, saved_at, kind) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setInt(2, version);
                ps.setString(3, definition);
                ps.setString(4, now);
                ps.setString(5, kind);
                ps.executeUpdate();
            }
            return get(project, name);
        });
    }

    public static void setEnabled(Project project, String name, boolean enabled) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE lfs SET enabled = ? WHERE name = ?")) {
                ps.setInt(1, enabled ? 1 : 0);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes an LF with its history and cached votes; false if there was none of that name. */
    public static boolean remove(Project project, String name) {
        return project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lfs WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** What {@link #removeKeepingHistory} took out: the LF and every saved version, enough to {@link #restore} it. */
    public record Removed(LfRecord lf, List<Version> history) {
    }

    /**
     * Removes an LF with its history, cached votes and judge answers, returning the LF and its
     * versions so that {@link #restore} can bring them back; null if there was none of that name.
     */
    public static Removed removeKeepingHistory(Project project, String name) {
        return project.write(c -> {
            LfRecord lf = get(project, name);
            if (lf == null) {
                return null;
            }
            List<Version> history = history(project, name);
            remove(project, name);
            return new Removed(lf, history);
        });
    }

    /**
     * Puts a removed LF back: its current definition, enabled state, dates and every saved version
     * (under its old id when that is still free). Cached votes are recomputed on the next relabel;
     * an LLM judge's stored answers are not brought back.
     *
     * @throws BadInputException when an LF of that name exists again
     */
    public static LfRecord restore(Project project, Removed removed) throws BadInputException {
        return project.<LfRecord, BadInputException, RuntimeException>write(c -> {
            LfRecord lf = removed.lf();
            if (get(project, lf.name()) != null) {
                throw new BadInputException("an LF named '" + lf.name() + "' exists again: rename or delete it first");
            }
            boolean idFree;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lfs WHERE id = ?")) {
                ps.setLong(1, lf.id());
                try (ResultSet rs = ps.executeQuery()) {
                    idFree = !rs.next();
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lfs (id, name, kind, definition, version, enabled, created_at, edited_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                if (idFree) {
                    ps.setLong(1, lf.id());
                } else {
                    ps.setNull(1, java.sql.Types.INTEGER);
                }
                ps.setString(2, lf.name());
                ps.setString(3, lf.kind());
                ps.setString(4, lf.definition());
                ps.setInt(5, lf.version());
                ps.setInt(6, lf.enabled() ? 1 : 0);
                ps.setString(7, lf.createdAt());
                ps.setString(8, lf.editedAt());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO lf_versions (lf_id, version, definition, saved_at, kind) VALUES (?, ?, ?, ?, ?)")) {
                for (Version v : removed.history()) {
                    ps.setLong(1, id);
                    ps.setInt(2, v.version());
                    ps.setString(3, v.definition());
                    ps.setString(4, v.savedAt());
                    ps.setString(5, v.kind());
                    ps.executeUpdate();
                }
            }
            return get(project, lf.name());
        });
    }

    /** One saved version of an LF. */
    public record Version(int version, String kind, String definition, String savedAt) {
    }

    /** Every saved version of the LF, oldest first; empty if there is no LF of that name. */
    public static List<Version> history(Project project, String name) {
        return project.read(c -> {
            List<Version> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.version, coalesce(v.kind, l.kind), v.definition, v.saved_at"
                    + " FROM lf_versions v JOIN lfs l ON l.id = v.lf_id WHERE l.name = ? ORDER BY v.version")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** One version, or null. */
    public static Version version(Project project, String name, int version) {
        return history(project, name).stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }

    /**
     * Makes an earlier version current again by saving its definition as a new version, so the
     * history keeps everything, including what is reverted. Returns the new record (the same one if
     * the definition is already current).
     */
    public static LfRecord revert(Project project, String name, int version) {
        Version v = version(project, name, version);
        if (v == null) {
            throw new IllegalArgumentException(get(project, name) == null ? "no LF named '" + name + "'"
                    : "LF '" + name + "' has no version " + version);
        }
        try {
            return save(project, name, v.kind(), v.definition());
        } catch (BadInputException e) {
            throw new IllegalStateException("an existing LF is saved under its own name", e);
        }
    }

    private static LfRecord record(ResultSet rs) throws SQLException {
        return new LfRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6) == 1, rs.getString(7), rs.getString(8));
    }
}
