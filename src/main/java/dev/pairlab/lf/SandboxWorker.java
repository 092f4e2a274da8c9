package dev.pairlab.lf;

import dev.pairlab.lf.api.CodeLabelingFunction;
import dev.pairlab.lf.api.LfPair;
import dev.pairlab.lf.api.Vote;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process a code LF runs in ({@link CodeSandbox} starts it): a separate JVM with its own heap
 * cap, no inherited environment, an empty working folder, and its standard output and error captured
 * and sent back as the LF's diagnostics, so nothing the LF prints reaches Pairlab's own output. It
 * reads the LF's checked class files and chunks of pairs from standard input and writes votes to the
 * original standard output. The parent kills it when the LF overruns its time budget.
 */
public final class SandboxWorker {

    static final int MAGIC = 0x504c4657; // "PLFW"
    static final byte LOAD = 'L';
    static final byte CHUNK = 'C';
    static final byte QUIT = 'Q';
    static final byte OK = 'K';
    static final byte ERROR = 'E';
    static final byte VOTES = 'R';
    /** Bytes of an LF's printed output kept per reply (the rest is counted, not kept). */
    static final int OUTPUT_CAP = 16 * 1024;

    private SandboxWorker() {
    }

    public static void main(String[] args) throws Exception {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        Capture capture = new Capture();
        PrintStream printed = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(printed);
        System.setErr(printed);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        out.writeInt(MAGIC);
        out.flush();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pairlab-lf");
            t.setDaemon(true);
            return t;
        });
        CodeLabelingFunction fn = null;
        Map<String, Integer> features = new HashMap<>();
        while (true) {
            byte command;
            try {
                command = in.readByte();
            } catch (EOFException e) {
                break;
            }
            if (command == QUIT) {
                break;
            }
            if (command == LOAD) {
                int nf = in.readInt();
                features.clear();
                for (int i = 0; i < nf; i++) {
                    features.put(in.readUTF(), i);
                }
                int nc = in.readInt();
                Map<String, byte[]> classes = new HashMap<>();
                for (int i = 0; i < nc; i++) {
                    String name = in.readUTF();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    classes.put(name, bytes);
                }
                String main = in.readUTF();
                try {
                    Class<?> cls = new Loader(classes).loadClass(main);
                    fn = (CodeLabelingFunction) cls.getDeclaredConstructor().newInstance();
                    out.writeByte(OK);
                } catch (Throwable e) {
                    Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                    out.writeByte(ERROR);
                    writeString(out, "could not start: " + describe(cause));
                }
                writeString(out, capture.drain());
                out.flush();
            } else if (command == CHUNK) {
                int n = in.readInt();
                int nf = in.readInt();
                Row[] rows = new Row[n];
                for (int i = 0; i < n; i++) {
                    long id = in.readLong();
                    String context = readString(in);
                    String a = readString(in);
                    String b = readString(in);
                    float[] fa = new float[nf];
                    float[] fb = new float[nf];
                    for (int f = 0; f < nf; f++) {
                        fa[f] = in.readFloat();
                    }
                    for (int f = 0; f < nf; f++) {
                        fb[f] = in.readFloat();
                    }
                    rows[i] = new Row(id, context, a, b, fa, fb, features);
                }
                byte[] votes = vote(fn, rows, pool, threads);
                out.writeByte(VOTES);
                out.writeInt(n);
                out.write(votes);
                out.writeLong(failures.getAndSet(0));
                out.writeLong(firstFailurePair);
                writeString(out, firstFailure);
                firstFailure = null;
                firstFailurePair = 0;
                writeString(out, capture.drain());
                out.flush();
            } else {
                throw new IOException("unknown command " + command);
            }
        }
        out.flush();
        System.exit(0);
    }

    private static final AtomicLong failures = new AtomicLong();
    private static String firstFailure;
    private static long firstFailurePair;

    private static byte[] vote(CodeLabelingFunction fn, Row[] rows, ExecutorService pool, int threads) throws Exception {
        byte[] votes = new byte[rows.length];
        int per = Math.max(1, (rows.length + threads - 1) / threads);
        List<Callable<Void>> parts = new ArrayList<>();
        for (int from = 0; from < rows.length; from += per) {
            int f = from;
            int to = Math.min(rows.length, from + per);
            parts.add(() -> {
                for (int i = f; i < to; i++) {
                    byte v;
                    try {
                        Vote vote = fn.vote(rows[i]);
                        v = vote == null ? Votes.ABSTAIN : vote.code();
                    } catch (Throwable e) {
                        v = Votes.ABSTAIN;
                        failures.incrementAndGet();
                        recordFailure(rows[i].id, e);
                    }
                    votes[i] = v;
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(parts)) {
            done.get();
        }
        return votes;
    }

    /** Keeps the failure on the lowest pair id, so the report does not depend on thread timing. */
    private static synchronized void recordFailure(long pairId, Throwable e) {
        if (firstFailure == null || pairId < firstFailurePair) {
            firstFailurePair = pairId;
            firstFailure = describe(e);
        }
    }

    static String describe(Throwable e) {
        String where = "";
        for (StackTraceElement f : e.getStackTrace()) {
            int line = CodeCompiler.userLine(f);
            if (line > 0) {
                where = " (line " + line + ")";
                break;
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** One pair as the LF sees it. */
    private record Row(long id, String context, String a, String b, float[] fa, float[] fb, Map<String, Integer> names)
            implements LfPair {
        @Override
        public double featureA(String feature) {
            return fa[column(feature)];
        }

        @Override
        public double featureB(String feature) {
            return fb[column(feature)];
        }

        private int column(String feature) {
            Integer c = names.get(feature);
            if (c == null) {
                throw new IllegalArgumentException("unknown feature '" + feature + "' (known: " + String.join(", ", new java.util.TreeSet<>(names.keySet())) + ")");
            }
            return c;
        }
    }

    /** Loads the LF's own classes; everything else comes from the worker's class path. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes) {
            super(SandboxWorker.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }

    /** What the LF prints: the first {@link #OUTPUT_CAP} bytes since the last reply, then a count. */
    private static final class Capture extends java.io.OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        @Override
        public synchronized void write(int b) {
            if (kept.size() < OUTPUT_CAP) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int keep = Math.max(0, Math.min(len, OUTPUT_CAP - kept.size()));
            kept.write(b, off, keep);
            dropped += len - keep;
        }

        synchronized String drain() {
            if (kept.size() == 0 && dropped == 0) {
                return null;
            }
            String s = kept.toString(StandardCharsets.UTF_8) + (dropped > 0 ? "\n[" + dropped + " more bytes of output dropped]" : "");
            kept.reset();
            dropped = 0;
            return s;
        }
    }
}
