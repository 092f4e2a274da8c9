package dev.pairlab.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reward-model training runs. A run moves QUEUED → RUNNING → (PAUSED) → DONE | CANCELLED | FAILED;
 * its files live in {@code NAME.runs/rm-ID/} beside the project. A run records the process that
 * runs it (pid and start time); one that is stored as unfinished but whose process is gone (killed,
 * crashed, power cut) reads as INTERRUPTED, which is never stored, and can be resumed.
 */
public final class TrainingRuns {

    public enum State {
        QUEUED, RUNNING, PAUSED, DONE, CANCELLED, FAILED,
        /** Stored as queued, running or paused, but the process that ran it is gone. Derived when read. */
        INTERRUPTED;

        /** Whether a run in this state may be continued with {@code rm resume}. */
        public boolean resumable() {
            return this == CANCELLED || this == FAILED || this == INTERRUPTED;
        }

        /**
         * Whether a run in this state may be stored as {@code next} (checked transitions, as the job list's
         * states): a resumable run runs again; a done run stays done; nothing moves back to queued.
         */
        public boolean canMoveTo(State next) {
            return switch (this) {
                case QUEUED -> next == RUNNING || next == CANCELLED || next == FAILED;
                case RUNNING -> next == DONE || next == CANCELLED || next == FAILED || next == PAUSED;
                case PAUSED -> next == RUNNING || next == CANCELLED || next == FAILED;
                case CANCELLED, FAILED, INTERRUPTED -> next == RUNNING;
                case DONE -> false;
            };
        }
    }

    public record Run(long id, String kind, String config, State state, Path dir, String device, String metrics, long labelModelRun,
                      String createdAt, String updatedAt, String owner) {
    }

    private TrainingRuns() {
    }

    /** The folder that holds a project's run folders. */
    public static Path runsFolder(Project project) {
        return project.file().toAbsolutePath().resolveSibling(project.name() + ".runs");
    }

    public static Run create(Project project, String kind, String config, long labelModelRun) {
        return project.write(c -> {
            String now = Instant.now().toString();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO training_runs (kind, config, state, dir, label_model_run, created_at,"
                    + " updated_at, owner) VALUES (?, ?, 'QUEUED', '', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, kind);
                ps.setString(2, config);
                ps.setLong(3, labelModelRun);
                ps.setString(4, now);
                ps.setString(5, now);
                ps.setString(6, RunOwner.current());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Path dir = runsFolder(project).resolve("rm-" + id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE training_runs SET dir = ? WHERE id = ?")) {
                ps.setString(1, dir.toString());
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return get(project, id);
        });
    }

    /**
     * Stores a run's state; this process becomes the run's owner (the one whose death interrupts it). A
     * transition {@link State#canMoveTo} does not allow is a programming error.
     */
    public static void update(Project project, long id, State state, String device, String metrics) {
        if (state == State.INTERRUPTED) {
            throw new IllegalArgumentException("INTERRUPTED is derived from a dead owner, never stored");
        }
        project.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, owner FROM training_runs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no training run " + id);
                    }
                    State now = state(State.valueOf(rs.getString(1)), rs.getString(2));
                    if (!now.canMoveTo(state)) {
                        throw new IllegalStateException("training run " + id + " cannot move from " + now + " to " + state);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE training_runs SET state = ?, device = coalesce(?, device),"
                    + " metrics = coalesce(?, metrics), updated_at = ?, owner = ? WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, device);
                ps.setString(3, metrics);
                ps.setString(4, Instant.now().toString());
                ps.setString(5, RunOwner.current());
                ps.setLong(6, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The run with this id, or the latest when id is 0; null if none. */
    public static Run get(Project project, long id) {
        return project.read(c -> {
            String sql = "SELECT id, kind, config, state, dir, device, metrics, label_model_run, created_at, updated_at, owner FROM training_runs"
                    + (id > 0 ? " WHERE id = ?" : " ORDER BY id DESC LIMIT 1");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (id > 0) {
                    ps.setLong(1, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? run(rs) : null;
                }
            }
        });
    }

    /** The newest run that finished, or null. */
    public static Run latestDone(Project project) {
        Run last = null;
        for (Run r : list(project)) {
            if (r.state() == State.DONE) {
                last = r;
            }
        }
        return last;
    }

    public static List<Run> list(Project project) {
        return project.read(c -> {
            List<Run> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, kind, config, state, dir, device, metrics, label_model_run, created_at, updated_at, owner FROM training_runs ORDER BY id")) {
                while (rs.next()) {
                    out.add(run(rs));
                }
            }
            return out;
        });
    }

    /** The state as read: an unfinished run whose owner is gone is interrupted. */
    private static State state(State stored, String owner) {
        boolean unfinished = stored == State.QUEUED || stored == State.RUNNING || stored == State.PAUSED;
        return unfinished && !RunOwner.alive(owner) ? State.INTERRUPTED : stored;
    }

    private static Run run(ResultSet rs) throws SQLException {
        String owner = rs.getString(11);
        State state = state(State.valueOf(rs.getString(4)), owner);
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), state, Path.of(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), owner);
    }
}
