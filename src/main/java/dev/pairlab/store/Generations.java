package dev.pairlab.store;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Split;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers received from LLMs, kept per (run, prompt, slot) so that a cancelled or crashed
 * generation run continues where it stopped; when both answers of a prompt are in, the pair is
 * added to the pool in the same transaction.
 */
public final class Generations {

    /** One stored answer. */
    public record Stored(String source, String model, String answer, long promptTokens, long completionTokens) {
    }

    private Generations() {
    }

    /** The run's import record, created on first use (the pairs it adds belong to it). */
    public static long ensureRun(Project project, String run, String params) {
        return project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT import_id FROM generation_runs WHERE run = ?")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            String now = Instant.now().toString();
            long importId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO imports (file, format, options, imported_at, pairs, invalid, dropped)"
                    + " VALUES (?, 'generated', ?, ?, 0, 0, 0)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "generate:" + run);
                ps.setString(2, params);
                ps.setString(3, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    importId = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO generation_runs (run, import_id, params, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, run);
                ps.setLong(2, importId);
                ps.setString(3, params);
                ps.setString(4, now);
                ps.executeUpdate();
            }
            return importId;
        });
    }

    /** What the run already has: "idx/slot" → answer. */
    public static Map<String, Stored> done(Project project, String run) {
        return project.read(c -> {
            Map<String, Stored> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT idx, slot, source, model, answer, prompt_tokens, completion_tokens FROM generations WHERE run = ?")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1) + "/" + rs.getString(2),
                                new Stored(rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Stores an answer; if the prompt's other answer is already in and no pair exists yet, adds the
     * pair to the pool (slot a's answer as B when {@code slotAIsB}), all in one transaction. Returns the new pair's id, or 0.
     */
    public static long saveAnswer(Project project, String run, long importId, int idx, String slot, String prompt, Stored answer,
                                  boolean slotAIsB, String extras) {
        return project.write(c -> {
            String now = Instant.now().toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO generations (run, idx, slot, prompt, source, model, answer,"
                    + " prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, run);
                ps.setInt(2, idx);
                ps.setString(3, slot);
                ps.setString(4, prompt);
                ps.setString(5, answer.source());
                ps.setString(6, answer.model());
                ps.setString(7, answer.answer());
                ps.setLong(8, answer.promptTokens());
                ps.setLong(9, answer.completionTokens());
                ps.setString(10, now);
                ps.executeUpdate();
            }
            String a = null;
            String b = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT slot, answer FROM generations WHERE run = ? AND idx = ?")) {
                ps.setString(1, run);
                ps.setInt(2, idx);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals("a")) {
                            a = rs.getString(2);
                        } else {
                            b = rs.getString(2);
                        }
                    }
                }
            }
            if (a == null || b == null) {
                return 0L;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pairs WHERE import_id = ? AND source_row = ?")) {
                ps.setLong(1, importId);
                ps.setInt(2, idx + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return 0L;
                    }
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pairs (import_id, source_row, context, answer_a, answer_b, gold, split,"
                    + " pinned, extras) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, importId);
                ps.setInt(2, idx + 1);
                ps.setString(3, prompt);
                ps.setString(4, slotAIsB ? b : a);
                ps.setString(5, slotAIsB ? a : b);
                ps.setInt(6, Gold.NONE.code());
                ps.setString(7, Split.POOL.key());
                ps.setString(8, extras);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE imports SET pairs = pairs + 1 WHERE id = ?")) {
                ps.setLong(1, importId);
                ps.executeUpdate();
            }
            return id;
        });
    }
}
