package dev.pairlab.store;

import dev.pairlab.pairs.OutputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * A project: one SQLite file ({@code *.pairlab}) in WAL mode. Opened for writing it holds the
 * project's lock, so a second writer gets a clear "in use" message; any number of read-only opens
 * can run beside it. Every change goes through {@link #write}, one transaction each.
 */
public final class Project implements AutoCloseable {

    public enum Access {
        READ_ONLY,
        /** Holds the project's lock from open to close. */
        READ_WRITE,
        /**
         * For long readers that keep what they compute (feature values, LF votes): reads without the
         * lock, so writers are never kept waiting by the computing, and takes the lock only for each
         * short write at the end; a cache write that finds the project in use is skipped
         * ({@link #skippedWrites()}).
         */
        CACHING
    }

    /** The file extension users see; not enforced. */
    public static final String EXTENSION = ".pairlab";

    private static final String APP_MARK = "pairlab";

    private final Path file;
    private final Path real;
    private final Access access;
    private final Connection connection;
    private final ProjectLock lock;
    private boolean inTransaction;
    private int skippedWrites;

    private Project(Path file, Path real, Access access, Connection connection, ProjectLock lock) {
        this.file = file;
        this.real = real;
        this.access = access;
        this.connection = connection;
        this.lock = lock;
    }

    /**
     * The output, refused when it is one of a project's files: the project, SQLite's side files
     * ({@code -wal}, {@code -shm}, {@code -journal}), the lock, or anything in its runs folder. Both the
     * path given and the real path count, as SQLite and the lock may use either.
     */
    public static OutputFile protect(OutputFile out, Path file) {
        List<Path> names = new ArrayList<>(List.of(file.toAbsolutePath()));
        try {
            names.add(file.toRealPath());
        } catch (java.io.IOException e) {
            // Not there (yet): the name given is all there is to protect.
        }
        OutputFile o = out;
        for (Path f : names) {
            String n = f.getFileName().toString();
            String base = n.endsWith(EXTENSION) ? n.substring(0, n.length() - EXTENSION.length()) : n;
            o = o.protecting(f, "the project file " + file)
                    .protecting(f.resolveSibling(n + "-wal"), "the project's write-ahead log")
                    .protecting(f.resolveSibling(n + "-shm"), "the project's shared-memory file")
                    .protecting(f.resolveSibling(n + "-journal"), "the project's journal")
                    .protecting(ProjectLock.lockFile(f), "the project's lock file")
                    .protectingFolder(f.resolveSibling(base + ".runs"), "in the project's runs folder");
        }
        return o;
    }

    /**
     * The file the lock and SQLite see: symlinks resolved, so every path to one project takes one
     * lock. A file that does not exist yet is resolved through its folder.
     */
    static Path realPath(Path file) throws ProjectException {
        try {
            if (Files.exists(file)) {
                return file.toRealPath();
            }
            Path abs = file.toAbsolutePath();
            Path parent = abs.getParent();
            return parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
        } catch (java.io.IOException e) {
            throw new ProjectException(file + ": cannot resolve the path (" + e.getMessage() + ")", e);
        }
    }

    /** SQLITE_BUSY or SQLITE_LOCKED (with their extended codes): another connection holds the database. */
    static boolean busy(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                int primary = s.getErrorCode() & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
                String m = s.getMessage();
                if (m != null && (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String inUse(Path file) {
        return file + " is in use by another process that is writing it. Try again when it has finished;"
                + " read-only commands such as 'info' and 'export' still work.";
    }

    /** Creates a new, empty project; fails if the file exists. */
    public static Project create(Path file) throws ProjectException {
        if (Files.exists(file)) {
            throw new ProjectException(file + " already exists");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ProjectException(file + ": the folder " + parent + " does not exist");
        }
        Path real = realPath(file);
        ProjectLock lock = ProjectLock.acquire(real, file);
        Connection c = null;
        try {
            c = connect(real, false);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            exec(c, "BEGIN IMMEDIATE");
            Schema.migrate(c, 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
                ps.setString(1, "app");
                ps.setString(2, APP_MARK);
                ps.addBatch();
                ps.setString(1, "created_at");
                ps.setString(2, Instant.now().toString());
                ps.addBatch();
                ps.executeBatch();
            }
            exec(c, "COMMIT");
            return new Project(file, real, Access.READ_WRITE, c, lock);
        } catch (SQLException e) {
            closeQuietly(c);
            lock.close();
            if (busy(e)) {
                throw new ProjectInUseException(inUse(file));
            }
            throw new ProjectException(file + ": cannot create the project (" + e.getMessage() + ")", e);
        }
    }

    public static Project open(Path file, Access access) throws ProjectException {
        if (!Files.isRegularFile(file)) {
            throw new ProjectException("no such project: " + file + " (create one with 'pairlab new " + file + "')");
        }
        boolean readOnly = access == Access.READ_ONLY;
        Path real = realPath(file);
        ProjectLock lock = access == Access.READ_WRITE ? ProjectLock.acquire(real, file) : null;
        Connection c = null;
        try {
            c = connect(real, readOnly || access == Access.CACHING && !Files.isWritable(real));
            checkIsProject(file, c);
            int version = Schema.version(c);
            if (version > Schema.CURRENT) {
                throw new ProjectException(file + " was written by a newer Pairlab (schema " + version
                        + "; this version reads up to " + Schema.CURRENT + ")");
            }
            if (version < Schema.CURRENT) {
                if (lock == null) {
                    if (!Files.isWritable(file)) {
                        throw new ProjectException(file + " uses an older schema (" + version
                                + ") and is read-only here; make it writable once so Pairlab can upgrade it");
                    }
                    // Upgrade once (a write, under the lock, in one transaction), then read as asked.
                    closeQuietly(c);
                    c = null;
                    open(file, Access.READ_WRITE).close();
                    return open(file, access);
                }
                exec(c, "BEGIN IMMEDIATE");
                Schema.migrate(c, version);
                exec(c, "COMMIT");
            }
            return new Project(file, real, access, c, lock);
        } catch (SQLException e) {
            closeQuietly(c);
            if (lock != null) {
                lock.close();
            }
            if (e.getErrorCode() == SQLiteErrorCode.SQLITE_NOTADB.code) {
                throw new ProjectException(file + " is not a Pairlab project (not an SQLite database)", e);
            }
            if (busy(e)) {
                throw new ProjectInUseException(inUse(file));
            }
            throw new ProjectException(file + ": cannot open the project (" + e.getMessage() + ")", e);
        } catch (ProjectException e) {
            closeQuietly(c);
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static void checkIsProject(Path file, Connection c) throws SQLException, ProjectException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                throw new ProjectException(file + " is an SQLite database but not a Pairlab project");
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'app'")) {
            if (!rs.next() || !APP_MARK.equals(rs.getString(1))) {
                throw new ProjectException(file + " is an SQLite database but not a Pairlab project");
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The project's name: its file name without the extension. */
    public String name() {
        String n = file.getFileName().toString();
        return n.endsWith(EXTENSION) ? n.substring(0, n.length() - EXTENSION.length()) : n;
    }

    /**
     * Whether this handle may write: opened for writing, or {@link Access#CACHING} on a file this user
     * can write (each write then takes the lock for its transaction, and may find the project in use).
     */
    public boolean writable() {
        return lock != null || access == Access.CACHING && Files.isWritable(real);
    }

    /** Cache writes of a {@link Access#CACHING} handle skipped because another process was writing. */
    public int skippedWrites() {
        return skippedWrites;
    }

    /** Work run inside one transaction; it may throw up to two checked exceptions of its own. */
    @FunctionalInterface
    public interface Work<T, E1 extends Exception, E2 extends Exception> {
        T run(Connection c) throws SQLException, E1, E2;
    }

    /**
     * Runs work in one write transaction: all of it is committed, or on any exception none of it.
     * The exception is rethrown; an SQL failure becomes a {@link StoreException}. Transactions are
     * begun by hand (BEGIN IMMEDIATE) rather than through JDBC's auto-commit switch, so that reads
     * never take the write lock and a writer waits for the lock at the start, not halfway.
     */
    <T, E1 extends Exception, E2 extends Exception> T write(Work<T, E1, E2> work) throws E1, E2 {
        if (!writable()) {
            throw new IllegalStateException(file + " was opened read-only");
        }
        if (lock != null) {
            return transaction("BEGIN IMMEDIATE", work);
        }
        ProjectLock brief;
        try {
            brief = ProjectLock.acquire(real, file);
        } catch (ProjectException e) {
            throw new ProjectBusyException(e.getMessage(), e);
        }
        try (brief) {
            return transaction("BEGIN IMMEDIATE", work);
        }
    }

    /**
     * A write of something the project can do without (a cache): done in one short transaction, or,
     * when the handle is read-only or another process is writing, skipped, and false is returned.
     */
    boolean writeIfFree(Work<?, RuntimeException, RuntimeException> work) {
        if (!writable()) {
            return false;
        }
        try {
            write(work);
            return true;
        } catch (ProjectBusyException e) {
            synchronized (this) {
                skippedWrites++;
            }
            return false;
        }
    }

    /** Runs read-only work on one consistent snapshot. */
    <T, E1 extends Exception, E2 extends Exception> T read(Work<T, E1, E2> work) throws E1, E2 {
        return transaction("BEGIN DEFERRED", work);
    }

    private synchronized <T, E1 extends Exception, E2 extends Exception> T transaction(String begin, Work<T, E1, E2> work)
            throws E1, E2 {
        if (inTransaction) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        boolean ok = false;
        try {
            exec(connection, begin);
            inTransaction = true;
            T result = work.run(connection);
            exec(connection, "COMMIT");
            ok = true;
            return result;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            if (inTransaction && !ok) {
                try {
                    exec(connection, "ROLLBACK");
                } catch (SQLException e) {
                    // The original failure is what the user needs to see; SQLite rolls back an
                    // unfinished transaction when the connection closes in any case.
                }
            }
            inTransaction = false;
        }
    }

    private RuntimeException failure(SQLException e) {
        return busy(e) ? new ProjectBusyException(inUse(file), e) : new StoreException(file + ": " + e.getMessage(), e);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** SQLite's integrity_check: an empty list when the file is sound. */
    public List<String> integrityProblems() {
        return read(c -> {
            List<String> problems = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) {
                        problems.add(line);
                    }
                }
            }
            return problems;
        });
    }

    @Override
    public void close() {
        boolean readOnlyConnection = isReadOnly(connection);
        closeQuietly(connection);
        if (lock != null) {
            lock.close();
        }
        if (readOnlyConnection) {
            removeEmptyWal(real);
        }
    }

    private static boolean isReadOnly(Connection c) {
        try {
            return c.isReadOnly();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A read-only connection creates the {@code -wal} and {@code -shm} files when they are missing, and
     * may not remove them when it closes. When the log is empty and the project writable, a brief
     * read-write connection reads once and closes: SQLite checkpoints and removes both files only if no
     * other connection, in any process, still has the project open; otherwise they stay, as they must.
     */
    private static void removeEmptyWal(Path real) {
        Path wal = real.resolveSibling(real.getFileName() + "-wal");
        try {
            if (!Files.isRegularFile(wal) || Files.size(wal) != 0 || !Files.isWritable(real) || !Files.isWritable(real.getParent())) {
                return;
            }
        } catch (java.io.IOException e) {
            return;
        }
        Connection tidy = null;
        try {
            tidy = connect(real, false);
            try (Statement s = tidy.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM meta")) {
                rs.next();
            }
        } catch (SQLException e) {
            // Busy or unreadable: the files stay, as they did before; the next writer's close removes them.
        } finally {
            closeQuietly(tidy);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing uncommitted is left to lose at close; a failure here cannot be acted on.
        }
    }
}
