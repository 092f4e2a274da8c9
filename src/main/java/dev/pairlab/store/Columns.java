package dev.pairlab.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Columnar caches kept in the project: feature values (float columns per answer) and LF votes
 * (byte columns), each aligned with an id list. Stored as little-endian blobs; a million pairs'
 * feature column is 4 MB per answer.
 */
public final class Columns {

    /** One feature's cached values, answers A and B, aligned with {@link StoredFeatures#ids()}. */
    public record FeatureColumn(int version, float[] a, float[] b) {
    }

    public record StoredFeatures(long[] ids, Map<String, FeatureColumn> columns) {
        public static StoredFeatures empty() {
            return new StoredFeatures(new long[0], Map.of());
        }
    }

    private Columns() {
    }

    public static StoredFeatures loadFeatures(Project project) {
        return project.read(c -> {
            long[] ids;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ids FROM feature_index WHERE k = 1")) {
                if (!rs.next()) {
                    return StoredFeatures.empty();
                }
                ids = longs(rs.getBytes(1));
            }
            Map<String, FeatureColumn> cols = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT feature, version, a, b FROM feature_columns")) {
                while (rs.next()) {
                    float[] a = floats(rs.getBytes(3));
                    float[] b = floats(rs.getBytes(4));
                    if (a.length == ids.length && b.length == ids.length) {
                        cols.put(rs.getString(1), new FeatureColumn(rs.getInt(2), a, b));
                    }
                }
            }
            return new StoredFeatures(ids, cols);
        });
    }

    /**
     * Replaces the whole feature cache in one transaction; false (nothing written) when the project is
     * read-only or in use by another writer. The cache names its ids, so a cache written after another
     * process changed the pairs is recognised as stale when read.
     */
    public static boolean saveFeatures(Project project, long[] ids, Map<String, FeatureColumn> columns) {
        return project.writeIfFree(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM feature_columns");
                s.execute("DELETE FROM feature_index");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feature_index (k, ids, computed_at) VALUES (1, ?, ?)")) {
                ps.setBytes(1, bytes(ids));
                ps.setString(2, Instant.now().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feature_columns (feature, version, a, b) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, FeatureColumn> e : columns.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setInt(2, e.getValue().version());
                    ps.setBytes(3, bytes(e.getValue().a()));
                    ps.setBytes(4, bytes(e.getValue().b()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Cached votes of one LF at one version over the ids with this hash, or null. */
    public static byte[] loadVotes(Project project, long lfId, int version, String idsHash) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT votes FROM lf_votes WHERE lf_id = ? AND version = ? AND ids_hash = ?")) {
                ps.setLong(1, lfId);
                ps.setInt(2, version);
                ps.setString(3, idsHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    /**
     * Keeps one LF's votes; false (nothing written) when the project is read-only or in use by another
     * writer. Votes of an LF removed or edited since they were computed are not kept.
     */
    public static boolean saveVotes(Project project, long lfId, int version, String idsHash, byte[] votes) {
        return project.writeIfFree(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO lf_votes (lf_id, version, ids_hash, votes)"
                    + " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM lfs WHERE id = ? AND version = ?)")) {
                ps.setLong(1, lfId);
                ps.setInt(2, version);
                ps.setString(3, idsHash);
                ps.setBytes(4, votes);
                ps.setLong(5, lfId);
                ps.setInt(6, version);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A short fingerprint of an id list, to tell whether cached columns still line up with the pairs. */
    public static String idsHash(long[] ids) {
        return ids.length + ":" + Long.toHexString(Arrays.hashCode(ids) * 0x9E3779B97F4A7C15L ^ (ids.length == 0 ? 0 : ids[ids.length - 1]));
    }

    static byte[] bytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b.array();
    }

    static long[] longs(byte[] bytes) {
        long[] v = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
        return v;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
