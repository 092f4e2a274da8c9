package dev.pairlab.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The answers LLM-judge LFs received, one row per (LF, version, pair, order); what makes a rerun free. */
public final class Judgements {

    /** @param ord "ab" (answers as stored) or "ba" (swapped) */
    public record Answer(long pairId, String ord, String output, String verdict, long promptTokens, long completionTokens) {
    }

    private Judgements() {
    }

    public static void save(Project project, long lfId, int version, Answer a) {
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO llm_judgements (lf_id, version, pair_id, ord, output,"
                    + " verdict, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, lfId);
                ps.setInt(2, version);
                ps.setLong(3, a.pairId());
                ps.setString(4, a.ord());
                ps.setString(5, a.output());
                ps.setString(6, a.verdict());
                ps.setLong(7, a.promptTokens());
                ps.setLong(8, a.completionTokens());
                ps.setString(9, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Verdicts by pair id: [0] the A/B order's, [1] the B/A order's (null where not asked yet). */
    public static Map<Long, String[]> verdicts(Project project, long lfId, int version) {
        return project.read(c -> {
            Map<Long, String[]> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pair_id, ord, verdict FROM llm_judgements WHERE lf_id = ? AND version = ?")) {
                ps.setLong(1, lfId);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new String[2])[rs.getString(2).equals("ab") ? 0 : 1] = rs.getString(3);
                    }
                }
            }
            return out;
        });
    }

    /** Answers and tokens stored for this LF version: {answers, prompt tokens, completion tokens}. */
    public static long[] totals(Project project, long lfId, int version) {
        return project.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0)"
                    + " FROM llm_judgements WHERE lf_id = ? AND version = ?")) {
                ps.setLong(1, lfId);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }
        });
    }
}
