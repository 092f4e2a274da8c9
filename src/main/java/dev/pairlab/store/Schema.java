package dev.pairlab.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The project file's schema as a list of forward migrations; version N is reached by applying
 * migrations 1..N in order, each in the caller's transaction. Never edit a published migration:
 * add the next one.
 */
final class Schema {

    /** Migration i (0-based) takes the schema from version i to i + 1. */
    private static final List<String[]> MIGRATIONS = List.<String[]>of(
            new String[] {
                """
                CREATE TABLE meta (
                  key   TEXT PRIMARY KEY,
                  value TEXT NOT NULL
                )""",
                """
                CREATE TABLE imports (
                  id          INTEGER PRIMARY KEY,
                  file        TEXT NOT NULL,
                  format      TEXT NOT NULL,
                  options     TEXT NOT NULL,
                  imported_at TEXT NOT NULL,
                  pairs       INTEGER NOT NULL,
                  invalid     INTEGER NOT NULL,
                  dropped     INTEGER NOT NULL
                )""",
                """
                CREATE TABLE pairs (
                  id         INTEGER PRIMARY KEY,
                  import_id  INTEGER NOT NULL REFERENCES imports(id),
                  source_row INTEGER NOT NULL,
                  context    TEXT NOT NULL,
                  answer_a   TEXT NOT NULL,
                  answer_b   TEXT NOT NULL,
                  gold       INTEGER NOT NULL CHECK (gold IN (-1, 0, 1)),
                  split      TEXT NOT NULL CHECK (split IN ('train', 'dev', 'test', 'pool')),
                  pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
                  extras     TEXT NOT NULL DEFAULT '{}'
                )""",
                "CREATE INDEX pairs_by_split ON pairs (split, id)",
                """
                CREATE TABLE split_runs (
                  id         INTEGER PRIMARY KEY,
                  params     TEXT NOT NULL,
                  counts     TEXT NOT NULL,
                  created_at TEXT NOT NULL
                )""",
            },
            new String[] {
                // Cached feature values: one id list, one pair of float columns (answer A, B) per feature.
                """
                CREATE TABLE feature_index (
                  k           INTEGER PRIMARY KEY CHECK (k = 1),
                  ids         BLOB NOT NULL,
                  computed_at TEXT NOT NULL
                )""",
                """
                CREATE TABLE feature_columns (
                  feature TEXT PRIMARY KEY,
                  version INTEGER NOT NULL,
                  a       BLOB NOT NULL,
                  b       BLOB NOT NULL
                )""",
                // Labeling functions: the current definition, every saved version, and cached votes.
                """
                CREATE TABLE lfs (
                  id         INTEGER PRIMARY KEY,
                  name       TEXT NOT NULL UNIQUE,
                  kind       TEXT NOT NULL,
                  definition TEXT NOT NULL,
                  version    INTEGER NOT NULL,
                  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
                  created_at TEXT NOT NULL,
                  edited_at  TEXT NOT NULL
                )""",
                """
                CREATE TABLE lf_versions (
                  lf_id      INTEGER NOT NULL REFERENCES lfs(id) ON DELETE CASCADE,
                  version    INTEGER NOT NULL,
                  definition TEXT NOT NULL,
                  saved_at   TEXT NOT NULL,
                  PRIMARY KEY (lf_id, version)
                )""",
                """
                CREATE TABLE lf_votes (
                  lf_id    INTEGER PRIMARY KEY REFERENCES lfs(id) ON DELETE CASCADE,
                  version  INTEGER NOT NULL,
                  ids_hash TEXT NOT NULL,
                  votes    BLOB NOT NULL
                )""",
            },
            new String[] {
                // Fitted label models: what was fitted on which LF versions, the parameters, the metrics.
                """
                CREATE TABLE label_models (
                  id         INTEGER PRIMARY KEY,
                  type       TEXT NOT NULL,
                  options    TEXT NOT NULL,
                  fit_on     TEXT NOT NULL,
                  lfs        TEXT NOT NULL,
                  model      TEXT NOT NULL,
                  metrics    TEXT NOT NULL,
                  created_at TEXT NOT NULL
                )""",
            },
            new String[] {
                // Reward-model training runs; their files (config, events, checkpoints, model) are in a folder.
                """
                CREATE TABLE training_runs (
                  id              INTEGER PRIMARY KEY,
                  kind            TEXT NOT NULL,
                  config          TEXT NOT NULL,
                  state           TEXT NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'PAUSED', 'DONE', 'CANCELLED', 'FAILED')),
                  dir             TEXT NOT NULL,
                  device          TEXT,
                  metrics         TEXT NOT NULL DEFAULT '{}',
                  label_model_run INTEGER,
                  created_at      TEXT NOT NULL,
                  updated_at      TEXT NOT NULL
                )""",
            },
            new String[] {
                // LLM generation runs and every answer they received (so a rerun continues where it stopped).
                """
                CREATE TABLE generation_runs (
                  run        TEXT PRIMARY KEY,
                  import_id  INTEGER NOT NULL REFERENCES imports(id),
                  params     TEXT NOT NULL,
                  created_at TEXT NOT NULL
                )""",
                """
                CREATE TABLE generations (
                  run               TEXT NOT NULL REFERENCES generation_runs(run),
                  idx               INTEGER NOT NULL,
                  slot              TEXT NOT NULL CHECK (slot IN ('a', 'b')),
                  prompt            TEXT NOT NULL,
                  source            TEXT NOT NULL,
                  model             TEXT NOT NULL,
                  answer            TEXT NOT NULL,
                  prompt_tokens     INTEGER NOT NULL,
                  completion_tokens INTEGER NOT NULL,
                  created_at        TEXT NOT NULL,
                  PRIMARY KEY (run, idx, slot)
                )""",
            },
            new String[] {
                // LF history keeps each version's kind too, so any version can be re-applied or restored.
                "ALTER TABLE lf_versions ADD COLUMN kind TEXT",
                "UPDATE lf_versions SET kind = (SELECT kind FROM lfs WHERE lfs.id = lf_versions.lf_id)",
            },
            new String[] {
                // Every answer an LLM-judge LF received, per LF version, pair and order (ab: as stored, ba: swapped).
                """
                CREATE TABLE llm_judgements (
                  lf_id             INTEGER NOT NULL REFERENCES lfs(id) ON DELETE CASCADE,
                  version           INTEGER NOT NULL,
                  pair_id           INTEGER NOT NULL,
                  ord               TEXT NOT NULL CHECK (ord IN ('ab', 'ba')),
                  output            TEXT NOT NULL,
                  verdict           TEXT NOT NULL,
                  prompt_tokens     INTEGER NOT NULL,
                  completion_tokens INTEGER NOT NULL,
                  created_at        TEXT NOT NULL,
                  PRIMARY KEY (lf_id, version, pair_id, ord)
                )""",
            },
            new String[] {
                // Sentence embeddings per pair (prompt, answer A, answer B), unit vectors stored as int8 (×127).
                """
                CREATE TABLE embeddings (
                  pair_id  INTEGER NOT NULL,
                  model    TEXT NOT NULL,
                  prompt   BLOB NOT NULL,
                  answer_a BLOB NOT NULL,
                  answer_b BLOB NOT NULL,
                  PRIMARY KEY (model, pair_id)
                )""",
            },
            new String[] {
                // The process that runs a training run (pid and start time), so a run whose process died
                // reads as interrupted instead of running forever.
                "ALTER TABLE training_runs ADD COLUMN owner TEXT",
            });

    static final int CURRENT = MIGRATIONS.size();

    private Schema() {
    }

    /** The version a database is at; 0 for an empty database. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Applies the migrations after {@code from}; the caller commits. */
    static void migrate(Connection c, int from) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (from == 0) {
                s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
            }
            for (int v = from; v < CURRENT; v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + (v + 1) + ", '" + Instant.now() + "')");
            }
        }
    }
}
