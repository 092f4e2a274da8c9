package dev.pairlab.store;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading pairs and summaries from a project. */
public final class Pairs {

    private static final String PAIR_COLUMNS =
            "p.id, p.context, p.answer_a, p.answer_b, p.gold, p.split, i.file, p.source_row, p.extras";

    private Pairs() {
    }

    /** Receives pairs one at a time, so that a million of them never sit in memory together. */
    @FunctionalInterface
    public interface PairSink<E1 extends Exception, E2 extends Exception> {
        void accept(Pair pair) throws E1, E2;
    }

    /**
     * Streams the pairs of the given splits in id order. Pool gold labels are hidden (NONE) unless
     * {@code revealHidden} is set, which only weak-label evaluation may do.
     */
    public static <E1 extends Exception, E2 extends Exception> long forEach(
            Project project, Set<Split> splits, boolean revealHidden, PairSink<E1, E2> sink) throws E1, E2 {
        return project.<Long, E1, E2>read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PAIR_COLUMNS
                    + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE p.split IN (" + placeholders(splits.size())
                    + ") ORDER BY p.id")) {
                int k = 1;
                for (Split s : splits) {
                    ps.setString(k++, s.key());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(pair(rs, revealHidden));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Every pair's id, gold code and split, in id order: what statistics need besides LF votes. */
    public record Labels(long[] ids, byte[] gold, byte[] split) {

        public int size() {
            return ids.length;
        }
    }

    /**
     * All pairs' labels. Pool gold is -1 unless {@code revealHidden} (weak-label evaluation only).
     * Split codes are {@link Split#ordinal()}.
     */
    public static Labels labels(Project project, boolean revealHidden) {
        return project.read(c -> {
            int n = (int) count(project);
            long[] ids = new long[n];
            byte[] gold = new byte[n];
            byte[] split = new byte[n];
            int k = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, gold, split FROM pairs ORDER BY id")) {
                while (rs.next() && k < n) {
                    Split sp = Split.parse(rs.getString(3));
                    ids[k] = rs.getLong(1);
                    gold[k] = (byte) (sp.goldHidden() && !revealHidden ? -1 : rs.getInt(2));
                    split[k] = (byte) sp.ordinal();
                    k++;
                }
            }
            return new Labels(ids, gold, split);
        });
    }

    /** Streams every pair with an id above {@code afterId}, in id order, gold hidden as usual. */
    public static <E1 extends Exception, E2 extends Exception> long forEachAfter(Project project, long afterId,
            PairSink<E1, E2> sink) throws E1, E2 {
        return project.<Long, E1, E2>read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PAIR_COLUMNS
                    + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE p.id > ? ORDER BY p.id")) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(pair(rs, false));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Receives one pair's id and answers (what text features read). */
    @FunctionalInterface
    public interface AnswerSink<E extends Exception> {
        void accept(long id, String answerA, String answerB) throws E;
    }

    /**
     * Streams the id and the two answers of every pair with an id above {@code afterId}, in id order:
     * feature extraction's one read of the texts (no context, no join).
     */
    public static <E extends Exception> long forEachAnswers(Project project, long afterId, AnswerSink<E> sink) throws E {
        return project.<Long, E, RuntimeException>read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, answer_a, answer_b FROM pairs WHERE id > ? ORDER BY id")) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** The ids of all pairs in the given splits, in id order: the browser's index of rows. */
    public static long[] ids(Project project, Set<Split> splits) {
        return project.read(c -> {
            long[] ids = new long[1024];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pairs WHERE split IN (" + placeholders(splits.size()) + ") ORDER BY id")) {
                int k = 1;
                for (Split s : splits) {
                    ps.setString(k++, s.key());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (n == ids.length) {
                            ids = Arrays.copyOf(ids, ids.length * 2);
                        }
                        ids[n++] = rs.getLong(1);
                    }
                }
            }
            return Arrays.copyOf(ids, n);
        });
    }

    /**
     * One screenful of pairs for tables, ids ascending: answers cut to their first {@code maxChars}
     * characters, contexts to their last {@code contextChars} (the turn being answered is at the end).
     */
    public static List<Pair> page(Project project, long[] ids, int from, int to, int maxChars, int contextChars) {
        if (from >= to) {
            return List.of();
        }
        return project.read(c -> {
            List<Pair> out = new ArrayList<>(to - from);
            try (PreparedStatement ps = c.prepareStatement("SELECT p.id, substr(p.context, -?), substr(p.answer_a, 1, ?),"
                    + " substr(p.answer_b, 1, ?), p.gold, p.split, i.file, p.source_row, '{}'"
                    + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE p.id BETWEEN ? AND ? ORDER BY p.id")) {
                ps.setInt(1, contextChars);
                ps.setInt(2, maxChars);
                ps.setInt(3, maxChars);
                ps.setLong(4, ids[from]);
                ps.setLong(5, ids[to - 1]);
                try (ResultSet rs = ps.executeQuery()) {
                    int next = from;
                    while (rs.next() && next < to) {
                        long id = rs.getLong(1);
                        if (id == ids[next]) {
                            out.add(pair(rs, false));
                            next++;
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Whole pairs by id (any order; missing ids are absent from the map). Gold as stored, hidden pool gold included. */
    public static java.util.Map<Long, Pair> getMany(Project project, long[] ids) {
        return project.read(c -> {
            java.util.Map<Long, Pair> out = new java.util.HashMap<>(ids.length * 2);
            for (int from = 0; from < ids.length; from += 500) {
                int to = Math.min(ids.length, from + 500);
                try (PreparedStatement ps = c.prepareStatement("SELECT " + PAIR_COLUMNS
                        + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE p.id IN (" + placeholders(to - from) + ")")) {
                    for (int k = from; k < to; k++) {
                        ps.setLong(k - from + 1, ids[k]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Pair p = pair(rs, true);
                            out.put(p.id(), p);
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * Sets (or, with NONE, clears) the gold label of a pair outside the pool, in its own transaction.
     * Pool labels are hidden, so they cannot be set here; move the pair to a labeled split first.
     */
    public static void setGold(Project project, long id, Gold gold) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pairs SET gold = ? WHERE id = ? AND split != 'pool'")) {
                ps.setInt(1, gold.code());
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalArgumentException("pair " + id + " is in the pool (or does not exist): its label is hidden");
                }
            }
            return null;
        });
    }

    /**
     * A human labels a pool pair: it gets that gold label and moves into the labeled (train) split at
     * once, in one transaction. The hidden gold it may have had from the import is replaced.
     */
    public static void labelFromPool(Project project, long id, Gold gold) {
        if (gold == Gold.NONE) {
            throw new IllegalArgumentException("a pool pair is labeled A or B");
        }
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pairs SET gold = ?, split = 'train' WHERE id = ? AND split = 'pool'")) {
                ps.setInt(1, gold.code());
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalArgumentException("pair " + id + " is not in the pool");
                }
            }
            return null;
        });
    }

    /** Ids (ascending) of pairs whose context or answers contain the text, ignoring case. */
    public static long[] search(Project project, String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return project.read(c -> {
            long[] ids = new long[256];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pairs WHERE instr(lower(context), ?) > 0"
                    + " OR instr(lower(answer_a), ?) > 0 OR instr(lower(answer_b), ?) > 0 ORDER BY id")) {
                ps.setString(1, needle);
                ps.setString(2, needle);
                ps.setString(3, needle);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (n == ids.length) {
                            ids = Arrays.copyOf(ids, n * 2);
                        }
                        ids[n++] = rs.getLong(1);
                    }
                }
            }
            return Arrays.copyOf(ids, n);
        });
    }

    /** The newest pairs (highest ids first) added by generation runs. */
    public static List<Pair> newestGenerated(Project project, int limit) {
        return project.read(c -> {
            List<Pair> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PAIR_COLUMNS
                    + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE i.format = 'generated' ORDER BY p.id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(pair(rs, false));
                    }
                }
            }
            return out;
        });
    }

    /** One whole pair, or null if there is none with that id. Pool gold stays hidden. */
    public static Pair get(Project project, long id) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PAIR_COLUMNS
                    + " FROM pairs p JOIN imports i ON i.id = p.import_id WHERE p.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? pair(rs, false) : null;
                }
            }
        });
    }

    public static long count(Project project) {
        return project.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pairs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public static ProjectInfo info(Project project) {
        return project.read(c -> {
            Map<Split, ProjectInfo.SplitCounts> splits = new EnumMap<>(Split.class);
            long total = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT split, count(*), sum(gold = 0), sum(gold = 1), sum(gold = -1) FROM pairs GROUP BY split")) {
                while (rs.next()) {
                    Split split = Split.parse(rs.getString(1));
                    long n = rs.getLong(2);
                    total += n;
                    splits.put(split, split.goldHidden()
                            ? new ProjectInfo.SplitCounts(n, 0, 0, 0, true)
                            : new ProjectInfo.SplitCounts(n, rs.getLong(3), rs.getLong(4), rs.getLong(5), false));
                }
            }
            int n = (int) total;
            int[] ctx = new int[n];
            int[] ans = new int[2 * n];
            int k = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT length(context), length(answer_a), length(answer_b) FROM pairs")) {
                while (rs.next() && k < n) {
                    ctx[k] = rs.getInt(1);
                    ans[2 * k] = rs.getInt(2);
                    ans[2 * k + 1] = rs.getInt(3);
                    k++;
                }
            }
            List<ProjectInfo.ImportEntry> imports = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, file, format, pairs, invalid, dropped, imported_at FROM imports ORDER BY id")) {
                while (rs.next()) {
                    imports.add(new ProjectInfo.ImportEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7)));
                }
            }
            String lastSplit = null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT params FROM split_runs ORDER BY id DESC LIMIT 1")) {
                if (rs.next()) {
                    lastSplit = rs.getString(1);
                }
            }
            return new ProjectInfo(project.name(), total, splits, ProjectInfo.LengthStats.of(ctx, k),
                    ProjectInfo.LengthStats.of(ans, 2 * k), imports, lastSplit);
        });
    }

    static Pair pair(ResultSet rs, boolean revealHidden) throws SQLException {
        Split split = Split.parse(rs.getString(6));
        Gold gold = Gold.fromCode(rs.getInt(5));
        if (split.goldHidden() && !revealHidden) {
            gold = Gold.NONE;
        }
        return new Pair(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), gold, split,
                rs.getString(7), rs.getLong(8), rs.getString(9));
    }

    static String placeholders(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("no splits given");
        }
        return "?" + ", ?".repeat(n - 1);
    }

    public static Set<Split> allSplits() {
        return EnumSet.allOf(Split.class);
    }

}
