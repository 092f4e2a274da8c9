package dev.pairlab.ui.errors;

import dev.pairlab.store.ProjectBusyException;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.UserException;
import dev.pairlab.ui.jobs.JobRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * The app's one error model. A <em>user error</em> ({@link UserException} and its kinds, a refused job, a
 * cancel, a busy project) is shown where the user acted, through that form's {@link ProblemReport}
 * ({@code Workspace.errorsIn(report)} is a job's error handler that does it, {@code Workspace.error} the
 * fallback to the status bar); an <em>internal error</em> (anything else: a bug) opens the {@link ErrorWindow}
 * with its message and stack trace, and is appended to the error log when the app keeps one. Nothing is
 * printed to the console.
 */
public final class Errors {

    private Supplier<Window> owner;
    private Path log;
    /** Opens a document (a file: URI) in the desktop's viewer, or null where the app has none. */
    private Consumer<String> opener;
    /** Opens the window for an internal error (tests may replace it). */
    private Consumer<Throwable> onInternal;

    /** @param owner the window that owns error windows (may supply null) */
    public Errors(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
        this.onInternal = t -> ErrorWindow.show(this.owner.get(), t, log, opener);
    }

    /** The window that owns error windows from now on. */
    public void setOwner(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    /** Errors without an owner window and without a log. */
    public static Errors standalone() {
        return new Errors(() -> null);
    }

    /** True for an error the user caused and can act on (its message is for the user); false for a bug. */
    public static boolean isUserError(Throwable t) {
        return t instanceof UserException || t instanceof CancelledException || t instanceof JobRefusedException
                || t instanceof ProjectBusyException
                // Core records still check their arguments with IllegalArgumentException, in the user's words
                // (ArchitectureTest.coreValidationMessagesNameNoCliFlag); the CLI maps it to exit 1 as well.
                || t instanceof IllegalArgumentException;
    }

    /** The user's words of an error: its message, or its type when it has none. */
    public static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    }

    /** The full stack trace (with causes), as the error window shows and copies it. */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * Where internal errors are appended (with the time), or null for none. The app keeps one under the
     * user's state folder; the error window's "Open log" opens it.
     */
    public void setLog(Path log) {
        this.log = log;
    }

    /** How to open a document (the app's HostServices); null: windows show its path instead. */
    public void setOpener(Consumer<String> opener) {
        this.opener = opener;
    }

    public Consumer<String> opener() {
        return opener;
    }

    public Path log() {
        return log;
    }

    /** The log the desktop app keeps: {@code $XDG_STATE_HOME/pairlab/errors.log} (default {@code ~/.local/state}). */
    public static Path defaultLog() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(xdg);
        return base.resolve("pairlab").resolve("errors.log");
    }

    /** Replaces what an internal error opens (tests record the errors instead of opening windows). */
    public void setOnInternal(Consumer<Throwable> onInternal) {
        this.onInternal = Objects.requireNonNull(onInternal);
    }

    /** An internal error: logged, then its window opens (call on the FX thread). */
    public void internal(Throwable t) {
        if (log != null) {
            append(log, t);
        }
        onInternal.accept(t);
    }

    private static void append(Path log, Throwable t) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "== " + LocalDateTime.now() + " internal error\n" + stackTrace(t) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | UncheckedIOException e) {
            t.addSuppressed(e); // the window still shows the error; the failed log write is part of its trace
        }
    }
}
