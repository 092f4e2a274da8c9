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

    /**
     * What the feature cache holds, without its values: the id list it was computed for and, per
     * feature, its version and how many of those ids (a prefix) it covers. A column computed before
     * pairs were imported covers fewer rows than the index; the rows after it are computed when read.
     */
    public record FeatureIndex(long[] ids, Map<String, StoredColumn> columns) {
        public static FeatureIndex empty() {
            return new FeatureIndex(new long[0], Map.of());
        }
    }

    /** A stored column's version and the number of rows (leading ids of the index) it covers. */
    public record StoredColumn(int version, int rows) {
    }

    public static FeatureIndex loadFeatureIndex(Project project) {
        return project.read(c -> index(c));
    }

    private static FeatureIndex index(java.sql.Connection c) throws java.sql.SQLException {
        long[] ids;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ids FROM feature_index WHERE k = 1")) {
            if (!rs.next()) {
                return FeatureIndex.empty();
            }
            ids = longs(rs.getBytes(1));
        }
        Map<String, StoredColumn> cols = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT feature, version, length(a), length(b) FROM feature_columns")) {
            while (rs.next()) {
                long rows = rs.getLong(3) / 4;
                if (rows == rs.getLong(4) / 4 && rows <= ids.length) {
                    cols.put(rs.getString(1), new StoredColumn(rs.getInt(2), (int) rows));
                }
            }
        }
        return new FeatureIndex(ids, cols);
    }

    /** One stored feature column (answers A and B, the leading rows of the index), or null. */
    public static FeatureColumn loadFeature(Project project, String feature) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, a, b FROM feature_columns WHERE feature = ?")) {
                ps.setString(1, feature);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new FeatureColumn(rs.getInt(1), floats(rs.getBytes(2)), floats(rs.getBytes(3))) : null;
                }
            }
        });
    }

    /** Every stored column that covers all ids of the index (tests, tools). */
    public static StoredFeatures loadFeatures(Project project) {
        return project.read(c -> {
            FeatureIndex index = index(c);
            Map<String, FeatureColumn> cols = new LinkedHashMap<>();
            for (String name : index.columns().keySet()) {
                FeatureColumn col = loadFeature(project, name);
                if (col != null && col.a().length == index.ids().length) {
                    cols.put(name, col);
                }
            }
            return new StoredFeatures(index.ids(), cols);
        });
    }

    /**
     * Stores feature columns computed for {@code ids}, in one transaction, beside the columns already
     * stored: the index becomes the longer of the stored id list and {@code ids} when one extends the
     * other (pairs are appended with growing ids), so the other columns stay valid for the rows they
     * cover; when neither extends the other (pairs were removed or replaced) the old columns are
     * dropped. False (nothing written) when the project is read-only or in use by another writer.
     */
    public static boolean saveFeatures(Project project, long[] ids, Map<String, FeatureColumn> columns) {
        return project.writeIfFree(c -> {
            long[] stored = index(c).ids();
            boolean storedExtendsIds = ids.length <= stored.length && Arrays.equals(ids, 0, ids.length, stored, 0, ids.length);
            boolean idsExtendStored = stored.length <= ids.length && Arrays.equals(stored, 0, stored.length, ids, 0, stored.length);
            if (!storedExtendsIds && !idsExtendStored) {
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM feature_columns");
                }
            }
            if (!storedExtendsIds) {
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO feature_index (k, ids, computed_at) VALUES (1, ?, ?)")) {
                    ps.setBytes(1, bytes(ids));
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO feature_columns (feature, version, a, b) VALUES (?, ?, ?, ?)")) {
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
