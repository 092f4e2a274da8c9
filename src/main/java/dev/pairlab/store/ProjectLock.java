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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "open for writing" lock of a project: an OS lock on a file beside it ({@code NAME.lock}).
 * Not on the database file itself, because closing any descriptor of that file would drop SQLite's
 * own POSIX locks. The OS releases the lock when the process dies, so a crash never leaves a project
 * locked; the file then stays, holding the last owner's pid for the message.
 *
 * <p>A clean release deletes the file, so none is left beside the project. That is safe because the
 * file is only ever deleted by its holder, before it lets go: an acquirer that opened the file just
 * before the deletion may lock the deleted file afterwards, so after locking it checks that the path
 * still leads to the very file it locked (its own token, read back through the path) and else starts
 * again. The check reads through a second descriptor that stays open until the lock is released, as
 * closing any descriptor of the file would drop the lock.
 */
final class ProjectLock implements AutoCloseable {

    /**
     * Lock files held by this JVM. A second open in the same process is refused from here, without
     * opening the lock file again: closing any descriptor of a file drops every POSIX lock the process
     * holds on it, so a refused probe would otherwise release the first holder's lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** Attempts before giving up when the file keeps being replaced under us (a holder releasing it each time). */
    private static final int ATTEMPTS = 20;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    /** The descriptor that checked the path; closed only after the lock is released. */
    private final FileChannel check;

    private ProjectLock(Path file, FileChannel channel, FileLock lock, FileChannel check) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.check = check;
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
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ProjectLock held = tryAcquireFile(file, project);
            if (held != null) {
                return held;
            }
        }
        throw new ProjectException(project + ": cannot lock " + file + ": it was replaced " + ATTEMPTS + " times while locking");
    }

    /** The lock, or null when the file locked was no longer the one at the path (deleted by a releasing holder): try again. */
    private static ProjectLock tryAcquireFile(Path file, Path project) throws ProjectException {
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
        // The first line is for the message another process shows; the second makes the content this acquisition's own.
        byte[] token = ("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n" + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token), 0);
        } catch (IOException e) {
            close(channel);
            throw new ProjectException(project + ": cannot write the lock file " + file + " (" + e.getMessage() + ")", e);
        }
        FileChannel check = null;
        try {
            check = FileChannel.open(file, StandardOpenOption.READ);
            ByteBuffer back = ByteBuffer.allocate(token.length + 1);
            while (check.read(back, back.position()) > 0 && back.hasRemaining()) {
                // read until the end or one byte more than the token
            }
            if (back.position() == token.length && java.util.Arrays.equals(back.array(), 0, token.length, token, 0, token.length)) {
                return new ProjectLock(file, channel, lock, check);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Deleted by the holder we waited for: lock the new file.
        } catch (IOException e) {
            close(channel);
            if (check != null) {
                close(check);
            }
            throw new ProjectException(project + ": cannot read the lock file " + file + " (" + e.getMessage() + ")", e);
        }
        close(channel);
        if (check != null) {
            close(check);
        }
        return null;
    }

    private static ProjectInUseException inUse(Path project, String owner) {
        return new ProjectInUseException(project + " is open for writing in another Pairlab process"
                + (owner.isEmpty() ? "" : " (" + owner + ")")
                + ". Close it there first; read-only commands such as 'info' and 'export' still work.");
    }

    private static String owner(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
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
            // Still holding the lock, the path still leads to this file (see the class comment): remove it.
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Where an open file cannot be deleted, it stays, as it did before; the lock is released all the same.
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // The channel's close below releases it in any case.
        }
        close(channel);
        close(check);
        HELD.remove(file);
    }
}
