package dev.pairlab.lf;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One code LF's worker process, seen from Pairlab: started with its own heap cap, an empty
 * environment and an empty working folder ({@link SandboxWorker}); fed the LF's checked classes and
 * chunks of pairs; killed — not asked — when it overruns its time budget. Replies are read on a
 * thread of their own so that waiting for one can time out.
 */
final class CodeSandbox implements AutoCloseable {

    /** The worker's heap cap in MB; {@code -Dpairlab.codeLf.heapMb} changes it. */
    static int heapMb() {
        return Integer.getInteger("pairlab.codeLf.heapMb", 512);
    }

    /** How long a worker JVM may take to start (not counted in the LF's budget). */
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A reply from the worker, stamped with when it arrived. */
    private record Reply(byte kind, long arrivedNanos, byte[] votes, long failures, long firstFailurePair, String firstFailure,
                         String output, String error) {
    }

    /** The worker ended (exited, crashed or was killed) before it replied. */
    private static final Reply GONE = new Reply((byte) 0, 0, null, 0, 0, null, null, null);

    private final Process process;
    private final Path folder;
    private final DataOutputStream toWorker;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final List<String> featureNames;
    private boolean killed;

    private CodeSandbox(Process process, Path folder, List<String> featureNames) {
        this.process = process;
        this.folder = folder;
        this.featureNames = featureNames;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    }

    /** Where Pairlab's classes are (its jar, or the classes folder in development and tests). */
    private static String ownClassPath() {
        try {
            return Path.of(CodeSandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return System.getProperty("java.class.path", "");
        }
    }

    /** Starts a worker and loads the LF into it; the LF's static initialisation counts against {@code budgetNanos}. */
    static CodeSandbox start(CompiledLf lf, List<String> featureNames, long budgetNanos) throws LfException {
        Path folder;
        try {
            folder = Files.createTempDirectory("pairlab-lf-");
        } catch (IOException e) {
            throw new LfException("could not make a folder for the LF's worker process: " + e.getMessage(), e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + heapMb() + "m", "-Xss1m", "-XX:MaxMetaspaceSize=128m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-Xshare:auto",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + folder, "-Duser.home=" + folder,
                "-cp", ownClassPath(), SandboxWorker.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile());
        pb.environment().clear(); // no API keys or tokens from the user's environment
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            deleteFolder(folder);
            throw new LfException("could not start the LF's worker process (" + java + "): " + e.getMessage(), e);
        }
        CodeSandbox box = new CodeSandbox(process, folder, featureNames);
        try {
            box.begin(lf, budgetNanos);
        } catch (LfException | RuntimeException e) {
            box.close();
            throw e;
        }
        return box;
    }

    private void begin(CompiledLf lf, long budgetNanos) throws LfException {
        Thread errors = new Thread(() -> drainErrors(process.getErrorStream()), "pairlab-lf-stderr");
        errors.setDaemon(true);
        errors.start();
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            if (!waitForMagic(in)) {
                throw new LfException("its worker process did not start" + diagnostics());
            }
        } catch (IOException e) {
            throw new LfException("its worker process did not start: " + e.getMessage() + diagnostics(), e);
        }
        Thread reader = new Thread(() -> readReplies(in), "pairlab-lf-replies");
        reader.setDaemon(true);
        reader.start();
        long sent = System.nanoTime();
        try {
            toWorker.writeByte(SandboxWorker.LOAD);
            toWorker.writeInt(featureNames.size());
            for (String f : featureNames) {
                toWorker.writeUTF(f);
            }
            toWorker.writeInt(lf.classes().size());
            for (var c : lf.classes().entrySet()) {
                toWorker.writeUTF(c.getKey());
                toWorker.writeInt(c.getValue().length);
                toWorker.write(c.getValue());
            }
            toWorker.writeUTF(lf.className());
            toWorker.flush();
        } catch (IOException e) {
            throw new LfException("its worker process ended at start" + diagnostics(), e);
        }
        Reply r = await(sent + budgetNanos);
        if (r == null) {
            kill();
            throw new LfException("did not finish starting within its time budget and was stopped");
        }
        if (r == GONE) {
            throw new LfException(ended());
        }
        if (r.kind() == SandboxWorker.ERROR) {
            throw new LfException(r.error());
        }
    }

    private boolean waitForMagic(DataInputStream in) throws IOException {
        // Reading blocks; a watchdog kills a worker that never says it started.
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(START_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                // the start went on; nothing to watch
            }
        }, "pairlab-lf-start");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return in.readInt() == SandboxWorker.MAGIC;
        } catch (java.io.EOFException e) {
            return false;
        } finally {
            watchdog.interrupt();
        }
    }

    /** The votes on a chunk, in chunk order; sent now, collected by {@link #collect}. */
    void send(List<Pair> chunk, int firstRow, FeatureTable features) throws IOException {
        int nf = featureNames.size();
        float[][] a = new float[nf][];
        float[][] b = new float[nf][];
        for (int f = 0; f < nf; f++) {
            a[f] = features.a(featureNames.get(f));
            b[f] = features.b(featureNames.get(f));
        }
        toWorker.writeByte(SandboxWorker.CHUNK);
        toWorker.writeInt(chunk.size());
        toWorker.writeInt(nf);
        for (int i = 0; i < chunk.size(); i++) {
            Pair p = chunk.get(i);
            toWorker.writeLong(p.id());
            SandboxWorker.writeString(toWorker, p.context());
            SandboxWorker.writeString(toWorker, p.answerA());
            SandboxWorker.writeString(toWorker, p.answerB());
            int row = firstRow + i;
            for (int f = 0; f < nf; f++) {
                toWorker.writeFloat(a[f][row]);
            }
            for (int f = 0; f < nf; f++) {
                toWorker.writeFloat(b[f][row]);
            }
        }
        toWorker.flush();
    }

    /** The chunk's outcome: votes, or null if the worker was killed for overrunning {@code deadlineNanos}. */
    Outcome collect(long deadlineNanos) {
        Reply r = await(deadlineNanos);
        if (r == null) {
            kill();
            return null;
        }
        if (r == GONE) {
            return new Outcome(null, 0, 0, null, null, ended());
        }
        return new Outcome(r.votes(), r.failures(), r.firstFailurePair(), r.firstFailure(), r.output(), null);
    }

    /** What one chunk gave: votes (null if the worker ended, then {@code ended} says why) and the LF's failures and output. */
    record Outcome(byte[] votes, long failures, long firstFailurePair, String firstFailure, String output, String ended) {
    }

    private Reply await(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            return wait <= 0 ? replies.poll() : replies.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readReplies(DataInputStream in) {
        try {
            while (true) {
                byte kind = in.readByte();
                long now;
                if (kind == SandboxWorker.VOTES) {
                    int n = in.readInt();
                    byte[] votes = new byte[n];
                    in.readFully(votes);
                    long failures = in.readLong();
                    long firstPair = in.readLong();
                    String first = SandboxWorker.readString(in);
                    String output = SandboxWorker.readString(in);
                    now = System.nanoTime();
                    replies.add(new Reply(kind, now, votes, failures, firstPair, first, output, null));
                } else if (kind == SandboxWorker.OK || kind == SandboxWorker.ERROR) {
                    String error = kind == SandboxWorker.ERROR ? SandboxWorker.readString(in) : null;
                    String output = SandboxWorker.readString(in);
                    now = System.nanoTime();
                    replies.add(new Reply(kind, now, null, 0, 0, null, output, error));
                } else {
                    break;
                }
            }
        } catch (IOException e) {
            // the worker ended
        }
        replies.add(GONE);
    }

    private void drainErrors(InputStream err) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = err.read(buf)) > 0) {
                synchronized (stderr) {
                    if (stderr.length() < 8192) {
                        stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the worker ended
        }
    }

    private String diagnostics() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.isEmpty() ? "" : " (" + s.lines().limit(3).reduce((x, y) -> x + "; " + y).orElse("") + ")";
        }
    }

    /** Why the worker ended without replying, in the user's words. */
    private String ended() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (killed) {
            return "was stopped";
        }
        if (process.isAlive()) {
            return "its worker process stopped answering" + diagnostics();
        }
        int code = process.exitValue();
        if (code == 3 || diagnostics().contains("OutOfMemoryError")) {
            return "ran out of memory (its worker process may use " + heapMb() + " MB) and was stopped";
        }
        return "its worker process ended unexpectedly (exit code " + code + ")" + diagnostics();
    }

    long pid() {
        return process.pid();
    }

    private void kill() {
        killed = true;
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                toWorker.writeByte(SandboxWorker.QUIT);
                toWorker.flush();
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (IOException | InterruptedException e) {
                kill();
            }
        }
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder; the system cleans it up
        }
    }
}
