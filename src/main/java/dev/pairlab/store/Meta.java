package dev.pairlab.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Small named settings kept in the project (its meta table). */
public final class Meta {

    private Meta() {
    }

    public static void put(Project project, String key, String value) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The value, or null. */
    public static String get(Project project, String key) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
