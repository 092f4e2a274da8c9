package dev.pairlab.pairs;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file the user asked us to write ({@code --out}, {@code --report}, a manifest): checked before a
 * byte is written, then written whole or not at all.
 *
 * <p>Refused, with a message naming the path and why: a file this output must never replace (the
 * project and its side files, the input being read: callers say which with {@link #protecting}), a
 * folder, a device or other special file, a folder that does not exist, and a symbolic link unless
 * {@code --force} (then the file it points to is replaced and the link kept). Paths are compared as
 * real paths, so neither a link nor {@code ..} gets around a refusal.
 *
 * <p>Written into a temporary file beside the real target ({@code .NAME.pairlab-PID-RANDOM.part}),
 * flushed to disk and renamed over the target, so a reader or a kill never sees half a file. The
 * temporary file is created as a plain new file is (0666 less the umask), not 0600 as
 * {@link Files#createTempFile} would. Temporary files a killed run left behind are removed by the
 * next write into the same folder (see {@link #removeStaleTemps}).
 */
public final class OutputFile {

    /** Something that fills the file. */
    @FunctionalInterface
    public interface Body<E extends Exception> {
        void write(OutputStream out) throws IOException, E;
    }

    /** Something that fills the file with UTF-8 text. */
    @FunctionalInterface
    public interface TextBody<E extends Exception> {
        void write(BufferedWriter w) throws IOException, E;
    }

    private record Guarded(Path path, String what, boolean folder) {
    }

    static final String TEMP_SUFFIX = ".part";
    private static final Pattern TEMP = Pattern.compile("\\..+\\.pairlab-(\\d+)-[0-9a-f]{16}\\.part");
    /** What {@code Files.createTempFile(dir, "." + name, ".part")} made before this class existed. */
    private static final Pattern OLD_TEMP = Pattern.compile("\\..+[0-9]{15,20}\\.part");
    /**
     * A temporary file whose writer is gone is removed once it has not changed for this long. The pid
     * alone would do on one machine, but a folder shared over the network can hold the temporary file
     * of a live export on another machine, whose pid means nothing here; such a writer keeps writing,
     * so a file untouched for a while is safe to take away (at worst that export then fails to rename
     * it and says so; nothing written is lost).
     */
    static final Duration DEAD_WRITER_GRACE = Duration.ofSeconds(10);
    /** Whatever the pid (it may have been reused), a temporary file untouched for a day is abandoned. */
    static final Duration ABANDONED = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final boolean force;
    private final List<Guarded> guarded;

    private OutputFile(Path file, boolean force, List<Guarded> guarded) {
        this.file = file;
        this.force = force;
        this.guarded = List.copyOf(guarded);
    }

    /** @param force replace the file a symbolic link points to instead of refusing the link */
    public static OutputFile of(Path file, boolean force) {
        return new OutputFile(file, force, List.of());
    }

    /** The same output, refused if it is {@code path}; {@code what} says what that is ("the input file"). */
    public OutputFile protecting(Path path, String what) {
        return with(new Guarded(path, what, false));
    }

    /** The same output, refused if it is {@code folder} or anything inside it. */
    public OutputFile protectingFolder(Path folder, String what) {
        return with(new Guarded(folder, what, true));
    }

    private OutputFile with(Guarded g) {
        List<Guarded> all = new ArrayList<>(guarded);
        all.add(g);
        return new OutputFile(file, force, all);
    }

    /** The path as the user gave it. */
    public Path file() {
        return file;
    }

    public boolean force() {
        return force;
    }

    /** The same checks, for another file (a manifest beside this output). */
    public OutputFile sibling(String name) {
        Path abs = file.toAbsolutePath();
        return new OutputFile(abs.resolveSibling(name), force, guarded);
    }

    /**
     * Checks the output without writing anything: commands call this before long work, so a refusal
     * comes first. Returns where the file will land (the real path; a link's target under --force).
     */
    public Path check() throws BadInputException {
        Path abs = file.toAbsolutePath();
        Path dest;
        if (Files.isSymbolicLink(abs)) {
            Path target = linkTarget(abs);
            if (!force) {
                throw refused("it is a symbolic link (to " + target + "); it is replaced only when you ask to overwrite (the file it points to is then written)");
            }
            dest = target;
        } else {
            Path parent = abs.getParent();
            if (parent == null || abs.getFileName() == null) {
                throw refused("it is a folder");
            }
            if (!Files.isDirectory(parent)) {
                throw refused("the folder " + parent + " does not exist");
            }
            try {
                dest = parent.toRealPath().resolve(abs.getFileName());
            } catch (IOException e) {
                throw refused("its folder cannot be resolved (" + e.getMessage() + ")");
            }
        }
        if (Files.exists(dest)) {
            if (Files.isDirectory(dest)) {
                throw refused("it is a folder");
            }
            if (!Files.isRegularFile(dest)) {
                throw refused("it is not a regular file (a device, pipe or socket)");
            }
        } else if (!Files.isDirectory(dest.getParent())) {
            throw refused("the folder " + dest.getParent() + " does not exist");
        }
        for (Guarded g : guarded) {
            Path p = real(g.path());
            if (dest.equals(p) || (g.folder() && dest.startsWith(p)) || sameFile(dest, p)) {
                throw refused("it is " + g.what());
            }
        }
        return dest;
    }

    /**
     * An output folder ({@code experiment --out DIR}): created if missing; refused when the path is
     * something else than a folder (a file such as the input, a device). Its files are then written
     * as {@code OutputFile}s, so a link or device planted inside is refused too.
     */
    public static Path folder(Path dir) throws BadInputException, IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": will not write there: it is not a folder");
        }
        Files.createDirectories(dir);
        return dir;
    }

    private BadInputException refused(String why) {
        return new BadInputException(file + ": will not write there: " + why);
    }

    /** Where a link finally points, even when that file does not exist yet. */
    private Path linkTarget(Path link) throws BadInputException {
        Path p = link;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.getParent().resolve(Files.readSymbolicLink(p));
            } catch (IOException e) {
                throw refused("its link cannot be read (" + e.getMessage() + ")");
            }
        }
        if (Files.isSymbolicLink(p)) {
            throw refused("it is a loop of symbolic links");
        }
        return real(p);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one of them went away between the two calls: then they are not the same file
        }
    }

    /** The real path of a file that may not exist: its folder's real path plus its name. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            if (parent != null && Files.exists(parent)) {
                return parent.toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            // Unresolvable (permissions, a race): compare the normalised path, the best we know.
        }
        return abs;
    }

    /** Writes the file whole; returns the SHA-256 of the bytes written. */
    public <E extends Exception> String write(Body<E> body) throws IOException, BadInputException, E {
        try (Pending p = begin()) {
            body.write(p.stream());
            p.commit();
            return p.sha256();
        }
    }

    /** Writes UTF-8 text whole; returns the SHA-256 of the bytes written. */
    public <E extends Exception> String writeText(TextBody<E> body) throws IOException, BadInputException, E {
        return write(os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }

    /** Checks, clears stale temporary files, and opens the temporary file; see {@link Pending}. */
    public Pending begin() throws IOException, BadInputException {
        Path dest = check();
        removeStaleTemps(dest.getParent());
        Path tmp;
        FileChannel channel;
        while (true) {
            tmp = dest.resolveSibling("." + dest.getFileName() + ".pairlab-" + ProcessHandle.current().pid() + "-"
                    + HexFormat.of().toHexDigits(RANDOM.nextLong()) + TEMP_SUFFIX);
            try {
                // No file attributes: the mode is what a plain new file gets (0666 less the umask).
                channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException e) {
                // 64 random bits collided: draw again
            }
        }
        return new Pending(dest, tmp, channel);
    }

    /**
     * An output being written: fill {@link #stream()}, then {@link #commit()} renames it into place;
     * {@link #close()} without a commit deletes it. {@link #finish()} completes the bytes without
     * renaming, for callers that put two files in place in a chosen order.
     */
    public static final class Pending implements AutoCloseable {
        private final Path dest;
        private final Path tmp;
        private final FileChannel channel;
        private final DigestOutputStream digest;
        private final OutputStream stream;
        private String sha256;
        private boolean committed;

        private Pending(Path dest, Path tmp, FileChannel channel) {
            this.dest = dest;
            this.tmp = tmp;
            this.channel = channel;
            try {
                this.digest = new DigestOutputStream(Channels.newOutputStream(channel), MessageDigest.getInstance("SHA-256"));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            this.stream = new BufferedOutputStream(digest, 1 << 16);
        }

        /** Where the bytes go; callers may wrap it (gzip) but must not close it. */
        public OutputStream stream() {
            return new java.io.FilterOutputStream(stream) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the pending file is closed by finish()
                }
            };
        }

        /** The final path (a link's target under --force). */
        public Path destination() {
            return dest;
        }

        /** Completes the temporary file (flushed to disk) and returns the SHA-256 of its bytes. */
        public String finish() throws IOException {
            if (sha256 == null) {
                stream.flush();
                channel.force(true);
                channel.close();
                sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            }
            return sha256;
        }

        public String sha256() throws IOException {
            return finish();
        }

        /** Renames the finished file over the target, in one step. */
        public void commit() throws IOException {
            finish();
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                try {
                    channel.close();
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /**
     * Deletes the temporary files of writers that are gone: ours ({@code .NAME.pairlab-PID-R.part})
     * when that pid is no longer a live process here and the file has rested {@link #DEAD_WRITER_GRACE},
     * and any of ours or of the older naming ({@code .NAME<digits>.part}) untouched for
     * {@link #ABANDONED}. Nothing else in the folder is looked at. A file we cannot delete (another
     * user's, say) is left: it is not this export's business to fail over it.
     */
    static void removeStaleTemps(Path folder) {
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                removeIfStale(f, now);
            }
        } catch (IOException e) {
            // See above: cleaning up after others is a courtesy; the export itself goes on.
        }
    }

    private static void removeIfStale(Path f, Instant now) {
        String name = f.getFileName().toString();
        Matcher ours = TEMP.matcher(name);
        boolean isOurs = ours.matches();
        if (!isOurs && !OLD_TEMP.matcher(name).matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Duration rested = Duration.between(Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant(), now);
            boolean writerGone = isOurs && !alive(Long.parseLong(ours.group(1)));
            if (rested.compareTo(ABANDONED) >= 0 || writerGone && rested.compareTo(DEAD_WRITER_GRACE) >= 0) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | NumberFormatException e) {
            // See removeStaleTemps: a file we cannot judge or delete is left where it is.
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
