package dev.pairlab.lf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which code LFs may run on this machine, as Jupyter trusts notebooks and VS Code trusts workspaces:
 * a code LF stored in a project runs only if the SHA-256 of its source is in the user's trust store,
 * a file under {@code user.home} ({@code .pairlab/trusted-code}), outside every project, so a project
 * cannot vouch for itself. LFs written or edited here are trusted as they are saved; an untrusted LF
 * abstains everywhere and the front ends say which were skipped and how to trust them (decision 0013).
 *
 * <p>One run can trust everything ({@code --trust-code}); that and the list of LFs skipped in this run
 * are process-wide, as a command line run is one process.
 */
public final class CodeTrust {

    private static volatile boolean trustAllThisRun;
    private static final Map<String, String> SKIPPED = new ConcurrentHashMap<>();

    private final Path file;

    private CodeTrust(Path file) {
        this.file = file;
    }

    /**
     * The trust store of the user running this process ({@code user.home} is read each time;
     * {@code -Dpairlab.trustStore=FILE} puts it elsewhere, as the test suite does).
     */
    public static CodeTrust forUser() {
        String override = System.getProperty("pairlab.trustStore");
        return new CodeTrust(override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".pairlab", "trusted-code"));
    }

    /** The SHA-256 of a source text (UTF-8), in hex: what the trust store keys on. */
    public static String hash(String source) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * What of a stored LF needs trust before it runs, or null if nothing: a code LF's source (it is
     * executed), an LLM judge's whole definition (asking it sends the project's texts, and the key held
     * in the variable it names, to the endpoint it names). Other kinds are data, not programs.
     */
    public static String content(dev.pairlab.store.LfRecord r) {
        if (r.kind().equals(CodeRule.KIND)) {
            try {
                return dev.pairlab.pairs.Json.MAPPER.readTree(r.definition()).path("source").asText();
            } catch (java.io.IOException e) {
                return r.definition();
            }
        }
        return r.kind().equals(JudgeRule.KIND) ? r.definition() : null;
    }

    /** True if this exact source may run here: trusted in the store, or everything is trusted for this run. */
    public boolean trusts(String source) {
        return trustAllThisRun || read().containsKey(hash(source));
    }

    /** Trusts this exact source from now on (any edit makes a new source that needs trust again). */
    public synchronized void trust(String source, String name) {
        Map<String, String> entries = read();
        String h = hash(source);
        if (entries.containsKey(h)) {
            return;
        }
        entries.put(h, name == null ? "" : name.replaceAll("[\\r\\n\\t]", " "));
        write(entries);
    }

    /** Takes trust away from this source. */
    public synchronized void revoke(String source) {
        Map<String, String> entries = read();
        if (entries.remove(hash(source)) != null) {
            write(entries);
        }
    }

    public Path file() {
        return file;
    }

    /** Every code LF runs in this process without asking ({@code --trust-code}); reset by {@link #newRun()}. */
    public static void trustAllThisRun(boolean all) {
        trustAllThisRun = all;
    }

    /** A new command line run: nothing trusted for it alone, nothing skipped yet. */
    public static void newRun() {
        trustAllThisRun = false;
        SKIPPED.clear();
    }

    /** Records that an untrusted LF was skipped (abstained) in this run. */
    static void skipped(String lfName, String source) {
        SKIPPED.putIfAbsent(lfName, hash(source));
    }

    /** The LFs skipped in this run because they are not trusted, by name. */
    public static Set<String> skippedThisRun() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(SKIPPED.keySet()));
    }

    /** hash → name label, in file order; a missing or unreadable store trusts nothing. */
    private Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int space = l.indexOf(' ');
            String h = space < 0 ? l : l.substring(0, space);
            if (h.length() == 64 && h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                out.put(h, space < 0 ? "" : l.substring(space + 1).strip());
            }
        }
        return out;
    }

    private void write(Map<String, String> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("# Code labeling functions trusted by this user: SHA-256 of the source, then the LF's name when trusted.");
        lines.add("# Written by Pairlab ('pairlab lf trust', the app's Trust button, saving an LF); delete a line to take trust back.");
        entries.forEach((h, name) -> lines.add(name.isEmpty() ? h : h + " " + name));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".trusted-code", ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the trust store " + file + ": " + e.getMessage(), e);
        }
    }
}
