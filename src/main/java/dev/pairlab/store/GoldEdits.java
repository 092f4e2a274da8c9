package dev.pairlab.store;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Split;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A human's gold label on one pair, with what it replaced, so that it can be undone: setting reads the
 * pair's gold and split and changes them in one transaction, and undoing puts both back in one
 * transaction, only while the pair is still as the edit left it. A pool pair labeled here moves into
 * the train split (as {@link Pairs#labelFromPool}); undoing moves it back with the gold it had (hidden
 * gold from the import included).
 */
public final class GoldEdits {

    /** One edit: the pair's gold code and split before and after. */
    public record Edit(long id, int goldBefore, Split splitBefore, int goldAfter, Split splitAfter) {

        public Gold before() {
            return Gold.fromCode(goldBefore);
        }

        public Gold after() {
            return Gold.fromCode(goldAfter);
        }

        /** True when the edit took a pair out of the pool. */
        public boolean fromPool() {
            return splitBefore == Split.POOL && splitAfter != Split.POOL;
        }
    }

    private GoldEdits() {
    }

    /**
     * Sets a pair's gold label: outside the pool any label (NONE clears it); a pool pair is labeled A or B
     * and moves into the train split.
     */
    public static Edit set(Project project, long id, Gold gold) {
        return project.write(c -> {
            int before;
            Split split;
            try (PreparedStatement ps = c.prepareStatement("SELECT gold, split FROM pairs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("there is no pair " + id);
                    }
                    before = rs.getInt(1);
                    split = Split.parse(rs.getString(2));
                }
            }
            Split after = split;
            if (split == Split.POOL) {
                if (gold == Gold.NONE) {
                    throw new IllegalArgumentException("a pool pair is labeled A or B");
                }
                after = Split.TRAIN;
            }
            update(c, id, gold.code(), after);
            return new Edit(id, before, split, gold.code(), after);
        });
    }

    /**
     * Undoes an edit: the pair gets its gold and split back, if it is still as the edit left it; otherwise
     * nothing changes and an {@link IllegalStateException} says so.
     */
    public static void undo(Project project, Edit edit) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT gold, split FROM pairs WHERE id = ?")) {
                ps.setLong(1, edit.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != edit.goldAfter() || Split.parse(rs.getString(2)) != edit.splitAfter()) {
                        throw new IllegalStateException("pair " + edit.id() + " was changed again since; its label is left as it is");
                    }
                }
            }
            update(c, edit.id(), edit.goldBefore(), edit.splitBefore());
            return null;
        });
    }

    private static void update(java.sql.Connection c, long id, int gold, Split split) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pairs SET gold = ?, split = ? WHERE id = ?")) {
            ps.setInt(1, gold);
            ps.setString(2, split.key());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }
}
