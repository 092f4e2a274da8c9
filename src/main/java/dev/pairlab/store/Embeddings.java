package dev.pairlab.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * Sentence embeddings of each pair's prompt and answers, per encoder model. Vectors have length 1 and
 * are stored as signed bytes (component × 127, rounded): 384 bytes per text for MiniLM, a quarter of
 * float32, with cosines within about 0.01 of the float ones. Saving embeddings drops cached LF votes,
 * since LFs reading embedding features or exemplars vote differently once they exist.
 */
public final class Embeddings {

    /** One pair's vectors (int8, unit length × 127). */
    public record Row(long pairId, byte[] prompt, byte[] a, byte[] b) {
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(Row row);
    }

    private Embeddings() {
    }

    /** Quantizes a unit vector to bytes. */
    public static byte[] quantize(float[] unit) {
        byte[] q = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(unit[i] * 127f)));
        }
        return q;
    }

    /** Cosine of two quantized vectors. */
    public static double cosine(byte[] x, byte[] y) {
        long dot = 0;
        long nx = 0;
        long ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return nx == 0 || ny == 0 ? Double.NaN : dot / Math.sqrt((double) nx * ny);
    }

    /** Cosine of a quantized vector and a float unit vector. */
    public static double cosine(byte[] x, float[] unit) {
        double dot = 0;
        long nx = 0;
        for (int i = 0; i < x.length && i < unit.length; i++) {
            dot += x[i] * unit[i];
            nx += x[i] * x[i];
        }
        return nx == 0 ? Double.NaN : dot / Math.sqrt((double) nx);
    }

    /** The ids among {@code ids} (ascending) with no embeddings from this model yet, ascending. */
    public static long[] missing(Project project, String model, long[] ids) {
        long[] have = project.read(c -> {
            long[] out = new long[1024];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT pair_id FROM embeddings WHERE model = ? ORDER BY pair_id")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = rs.getLong(1);
                    }
                }
            }
            return Arrays.copyOf(out, n);
        });
        return Arrays.stream(ids).filter(id -> Arrays.binarySearch(have, id) < 0).toArray();
    }

    public static long count(Project project, String model) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM embeddings WHERE model = ?")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Whether the project has any stored embedding (one index look-up). */
    public static boolean any(Project project) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM embeddings)"); ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        });
    }

    /** The models with stored embeddings, most pairs first. */
    public static java.util.List<String> models(Project project) {
        return project.read(c -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT model FROM embeddings GROUP BY model ORDER BY count(*) DESC, model");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Saves a batch of rows in one transaction and drops cached LF votes. */
    public static void save(Project project, String model, java.util.List<Row> rows) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO embeddings (pair_id, model, prompt, answer_a, answer_b) VALUES (?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    ps.setLong(1, r.pairId());
                    ps.setString(2, model);
                    ps.setBytes(3, r.prompt());
                    ps.setBytes(4, r.a());
                    ps.setBytes(5, r.b());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lf_votes")) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Streams this model's rows in pair-id order. */
    public static void forEach(Project project, String model, RowSink sink) {
        project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pair_id, prompt, answer_a, answer_b FROM embeddings WHERE model = ? ORDER BY pair_id")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Row(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)));
                    }
                }
            }
            return null;
        });
    }
}
