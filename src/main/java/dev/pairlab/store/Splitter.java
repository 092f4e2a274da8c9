package dev.pairlab.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Workflow;
import dev.pairlab.task.ProgressListener;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Assigns pairs to test / train / dev / pool with a seed. Pairs imported into an explicit split
 * (pinned) stay where they are; pairs without a gold label can only be pool. Deterministic: the same
 * pairs, parameters and seed give the same assignment.
 */
public final class Splitter {

    private Splitter() {
    }

    /** Splitting as a job: what {@code pairlab split} and the Split dialog both run. */
    public record Job(Project project, SplitParams params) implements Workflow<Map<Split, Long>> {

        @Override
        public Map<Split, Long> run(ProgressListener progress, Cancellation cancel) throws InvalidParametersException, CancelledException {
            return split(project, params, progress, cancel);
        }

        @Override
        public String title() {
            return "Splitting (seed " + params.seed() + ")";
        }

        /** What a split did, in the words both front ends show. */
        public static String describe(Map<Split, Long> counts, long seed) {
            return "Reassigned: " + counts.entrySet().stream().map(x -> x.getKey().key() + " " + x.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")) + " (seed " + seed + "); pinned pairs unchanged";
        }
    }

    public static Map<Split, Long> split(Project project, SplitParams params, ProgressListener progress, Cancellation cancel)
            throws InvalidParametersException, CancelledException {
        params.requireValid();
        return project.<Map<Split, Long>, CancelledException, RuntimeException>write(c -> {
            List<long[]> units = new ArrayList<>();      // each unit: the ids of pairs kept together
            List<Long> unlabeled = new ArrayList<>();
            Map<String, Integer> unitOfContext = new HashMap<>();
            String sql = params.byContext()
                    ? "SELECT id, gold, context FROM pairs WHERE pinned = 0 ORDER BY id"
                    : "SELECT id, gold, NULL FROM pairs WHERE pinned = 0 ORDER BY id";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (rs.getInt(2) < 0) {
                        unlabeled.add(id);
                        continue;
                    }
                    if (params.byContext()) {
                        String ctx = rs.getString(3);
                        Integer u = unitOfContext.get(ctx);
                        if (u == null) {
                            unitOfContext.put(ctx, units.size());
                            units.add(new long[] {id});
                        } else {
                            long[] old = units.get(u);
                            long[] grown = Arrays.copyOf(old, old.length + 1);
                            grown[old.length] = id;
                            units.set(u, grown);
                        }
                    } else {
                        units.add(new long[] {id});
                    }
                }
            }
            cancel.throwIfCancelled();
            // Fisher–Yates with a seeded generator, over units in id order: reproducible.
            SplittableRandom rnd = new SplittableRandom(params.seed());
            for (int i = units.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                long[] t = units.get(i);
                units.set(i, units.get(j));
                units.set(j, t);
            }
            long labeledPairs = units.stream().mapToLong(u -> u.length).sum();
            long evalTarget = Math.round(params.eval() * labeledPairs);
            long rest = labeledPairs - evalTarget;
            long trainTarget = Math.round(params.labeled() * rest);
            long devTarget = Math.round(params.dev() * rest);

            Map<Split, Long> counts = new EnumMap<>(Split.class);
            long total = labeledPairs + unlabeled.size();
            long done = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE pairs SET split = ? WHERE id = ?")) {
                long test = 0;
                long train = 0;
                long dev = 0;
                int batched = 0;
                for (long[] unit : units) {
                    Split target;
                    if (test < evalTarget) {
                        target = Split.TEST;
                        test += unit.length;
                    } else if (train < trainTarget) {
                        target = Split.TRAIN;
                        train += unit.length;
                    } else if (dev < devTarget) {
                        target = Split.DEV;
                        dev += unit.length;
                    } else {
                        target = Split.POOL;
                    }
                    for (long id : unit) {
                        ps.setString(1, target.key());
                        ps.setLong(2, id);
                        ps.addBatch();
                        counts.merge(target, 1L, Long::sum);
                        if (++batched == 5000) {
                            ps.executeBatch();
                            batched = 0;
                            done += 5000;
                            cancel.throwIfCancelled();
                            progress.progress(done, total, "splitting");
                        }
                    }
                }
                for (long id : unlabeled) {
                    ps.setString(1, Split.POOL.key());
                    ps.setLong(2, id);
                    ps.addBatch();
                    counts.merge(Split.POOL, 1L, Long::sum);
                }
                ps.executeBatch();
            }
            ObjectNode p = Json.MAPPER.createObjectNode();
            p.put("eval", params.eval());
            p.put("labeled", params.labeled());
            p.put("dev", params.dev());
            p.put("seed", params.seed());
            p.put("by_context", params.byContext());
            ObjectNode n = Json.MAPPER.createObjectNode();
            counts.forEach((k, v) -> n.put(k.key(), v));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO split_runs (params, counts, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, p.toString());
                ps.setString(2, n.toString());
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            progress.progress(total, total, "split");
            return counts;
        });
    }
}
