package dev.pairlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "open for writing" lock of a project: an OS lock on a file beside it ({@code NAME.lock}).
 * Not on the database file itself, because closing any descriptor of that file would drop SQLite's
 * own POSIX locks. The OS releases the lock when the process dies, so a crash never leaves a project
 * locked; the file stays, holding the last owner's pid for the message.
 */
final class ProjectLock implements AutoCloseable {

    /**
     * Lock files held by this JVM. A second open in the same process is refused from here, without
     * opening the lock file again: closing any descriptor of a file drops every POSIX lock the process
     * holds on it, so a refused probe would otherwise release the first holder's lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path project) {
        return project.resolveSibling(project.getFileName() + ".lock");
    }

    /**
     * @param real    the project's real path (symlinks resolved), where the lock file lives, so that
     *                every path to one project meets the same lock
     * @param project the path as the user gave it, for messages
     */
    static ProjectLock acquire(Path real, Path project) throws ProjectException {
        Path file = lockFile(real);
        if (!HELD.add(file)) {
            throw inUse(project, "pid " + ProcessHandle.current().pid() + ", this process");
        }
        try {
            return acquireFile(file, project);
        } catch (ProjectException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static ProjectLock acquireFile(Path file, Path project) throws ProjectException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ProjectException(project + ": cannot create the lock file " + file + " (" + e.getMessage() + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new ProjectException(project + ": cannot lock " + file + " (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            String owner = owner(file);
            close(channel);
            throw inUse(project, owner);
        }
        try {
            String me = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // The pid is only for the message another process shows; the lock itself holds.
        }
        return new ProjectLock(file, channel, lock);
    }

    private static ProjectInUseException inUse(Path project, String owner) {
        return new ProjectInUseException(project + " is open for writing in another Pairlab process"
                + (owner.isEmpty() ? "" : " (" + owner + ")")
                + ". Close it there first; read-only commands such as 'info' and 'export' still work.");
    }

    private static String owner(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a channel we failed to lock: nothing to recover.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // The channel's close below releases it in any case.
        }
        close(channel);
        HELD.remove(file);
    }
}
