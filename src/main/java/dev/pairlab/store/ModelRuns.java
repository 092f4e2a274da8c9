package dev.pairlab.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stored label-model fits. */
public final class ModelRuns {

    private ModelRuns() {
    }

    public static ModelRecord save(Project project, String type, String options, String fitOn, String lfs, String model, String metrics) {
        return project.write(c -> {
            long id;
            String now = Instant.now().toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO label_models (type, options, fit_on, lfs, model, metrics,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, type);
                ps.setString(2, options);
                ps.setString(3, fitOn);
                ps.setString(4, lfs);
                ps.setString(5, model);
                ps.setString(6, metrics);
                ps.setString(7, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return new ModelRecord(id, type, options, fitOn, lfs, model, metrics, now);
        });
    }

    public static List<ModelRecord> list(Project project) {
        return project.read(c -> {
            List<ModelRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, type, options, fit_on, lfs, model, metrics, created_at FROM label_models ORDER BY id")) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        });
    }

    /** The run with this id, or the latest when id is 0; null if none. */
    public static ModelRecord get(Project project, long id) {
        return project.read(c -> {
            String sql = "SELECT id, type, options, fit_on, lfs, model, metrics, created_at FROM label_models"
                    + (id > 0 ? " WHERE id = ?" : " ORDER BY id DESC LIMIT 1");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (id > 0) {
                    ps.setLong(1, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? record(rs) : null;
                }
            }
        });
    }

    private static ModelRecord record(ResultSet rs) throws SQLException {
        return new ModelRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8));
    }
}
