package dev.pairlab.ui;

import dev.pairlab.lf.CodeTrust;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectException;
import dev.pairlab.store.ProjectInUseException;
import dev.pairlab.ui.errors.Errors;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open project as the screens see it: its connections, its ids, its features, label matrix and
 * labels (recomputed in the background after a change), its LFs, and the last message for the user.
 * Every property is changed on the FX thread only.
 */
public final class Workspace {

    /** An open project: a writer holding the lock (null when another process has it) and a reader for browsing. */
    public record Opened(Path file, Project writer, Project reader, long[] ids) {

        public boolean writable() {
            return writer != null;
        }

        public String name() {
            return reader.name();
        }
    }

    public enum Level { INFO, ERROR }

    public record Notice(Level level, String text) {
    }

    private final BackgroundTasks tasks;
    private final ObjectProperty<Opened> project = new SimpleObjectProperty<>();
    private final ObjectProperty<ProjectLabeling.Labeled> labeled = new SimpleObjectProperty<>();
    private final ObservableList<LfRecord> lfs = FXCollections.observableArrayList();
    private final ObservableList<LfRecord> untrusted = FXCollections.observableArrayList();
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();
    private final StringProperty browserFilterRequest = new SimpleStringProperty();
    private final ObjectProperty<long[]> browserIdsRequest = new SimpleObjectProperty<>();

    private final Errors errors = Errors.standalone();

    public Workspace(BackgroundTasks tasks) {
        this.tasks = tasks;
        tasks.jobs().setErrorHandler(this::error); // a job started without its own handler reports here
    }

    /** The app's error model: user errors in place ({@link dev.pairlab.ui.errors.ProblemReport}), internal ones in a window. */
    public Errors errors() {
        return errors;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ObjectProperty<Opened> project() {
        return project;
    }

    public ObjectProperty<ProjectLabeling.Labeled> labeled() {
        return labeled;
    }

    public ObservableList<LfRecord> lfs() {
        return lfs;
    }

    public ObjectProperty<Notice> notice() {
        return notice;
    }

    /** Other screens ask the browser to show these pair ids (e.g. an LF's incorrect pairs). */
    public ObjectProperty<long[]> browserIdsRequest() {
        return browserIdsRequest;
    }

    /** A short description of what {@link #browserIdsRequest} shows. */
    public StringProperty browserFilterRequest() {
        return browserFilterRequest;
    }

    public void info(String text) {
        notice.set(new Notice(Level.INFO, text));
    }

    /**
     * The fallback for an error with no better place: a user error's message in the status bar; an internal
     * error (a bug) also opens the error window with its stack trace (see {@link Errors}).
     */
    public void error(Throwable t) {
        if (t instanceof dev.pairlab.task.CancelledException && project.get() == null) {
            return; // a job cancelled because its project was closed: the status says "Closed …", not "cancelled"
        }
        if (Errors.isUserError(t)) {
            notice.set(new Notice(Level.ERROR, Errors.message(t)));
            return;
        }
        notice.set(new Notice(Level.ERROR, "Internal error: " + Errors.message(t) + " (details in the error window)"));
        errors.internal(t);
    }

    /**
     * A job's error handler for a form: a user error shows in {@code where} and in the status bar, an internal
     * one as {@link #error} does.
     */
    public Consumer<Throwable> errorsIn(dev.pairlab.ui.errors.ProblemReport where) {
        return t -> {
            if (Errors.isUserError(t)) {
                where.show(t);
                notice.set(new Notice(Level.ERROR, Errors.message(t)));
            } else {
                error(t);
            }
        };
    }

    /** Opens a project in the background: for writing when possible, else read-only. */
    public void open(Path file, Consumer<Opened> then) {
        close();
        tasks.run("Opening " + file.getFileName(), (progress, cancel) -> {
            Project w;
            try {
                w = Project.open(file, Project.Access.READ_WRITE);
            } catch (ProjectInUseException e) {
                w = null;
            }
            try {
                Project r = Project.open(file, Project.Access.READ_ONLY);
                return new Opened(file, w, r, Pairs.ids(r, Pairs.allSplits()));
            } catch (ProjectException | RuntimeException e) {
                if (w != null) {
                    w.close();
                }
                throw e;
            }
        }, opened -> {
            project.set(opened);
            info(opened.ids().length + " pairs in " + opened.file() + (opened.writable() ? "" : " (read-only: open for writing elsewhere)"));
            then.accept(opened);
            relabel();
        }, this::error);
    }

    /** After pairs were added: reload the id list and relabel. */
    public void reloadIds(Runnable then) {
        Opened o = project.get();
        if (o == null) {
            return;
        }
        tasks.run("Reloading pairs", (progress, cancel) -> Pairs.ids(o.reader(), Pairs.allSplits()), ids -> {
            project.set(new Opened(o.file(), o.writer(), o.reader(), ids));
            then.run();
            relabel();
        }, this::error);
    }

    /** The job key of {@link #relabel()}: the newest one's result counts. */
    public static final String RELABEL = "relabel";

    /** Recomputes features (cached), the LFs' votes (cached) and labels in the background. */
    public void relabel() {
        Opened o = project.get();
        if (o == null) {
            return;
        }
        Project p = o.writable() ? o.writer() : o.reader();
        // Only the newest relabel's result is shown: an older one still running is cancelled and its result dropped.
        tasks.jobs().runLatest(RELABEL, "Applying labeling functions", (progress, cancel) -> {
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, progress, cancel);
            List<LfRecord> all = Lfs.list(p);
            return new Relabeled(l, all, untrustedOf(all));
        }, r -> {
                    if (project.get() == o) {
                        lfs.setAll(r.lfs());
                        untrusted.setAll(r.untrusted());
                        labeled.set(r.labeled());
                        // Untrusted LFs have their own banner; printed output is not an error.
                        r.labeled().problems().stream().filter(pr -> pr.kind() == LfProblem.Kind.FAILED).findFirst()
                                .ifPresent(pr -> error(new LfException("LF " + pr)));
                    }
                }, e -> {
                    if (project.get() == o) {
                        error(e);
                    } // else the project was closed under the work (its transaction rolled back): nothing to report
                });
    }

    private record Relabeled(ProjectLabeling.Labeled labeled, List<LfRecord> lfs, List<LfRecord> untrusted) {
    }

    /** The enabled code LFs and LLM judges among these that this machine's trust store does not know (reads the store). */
    static List<LfRecord> untrustedOf(List<LfRecord> lfs) {
        CodeTrust trust = CodeTrust.forUser();
        List<LfRecord> out = new java.util.ArrayList<>();
        for (LfRecord r : lfs) {
            String content = CodeTrust.content(r);
            if (r.enabled() && content != null && !trust.trusts(content)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Code LFs and LLM judges of the open project that do not run until trusted (shown in a banner with their source). */
    public ObservableList<LfRecord> untrusted() {
        return untrusted;
    }

    /** Trusts these code LFs on this machine, exactly as shown, and applies the LFs again. */
    public void trust(List<LfRecord> shown) {
        List<LfRecord> chosen = List.copyOf(shown);
        tasks.run("Trusting " + chosen.size() + " code LF(s)", (progress, cancel) -> {
            CodeTrust trust = CodeTrust.forUser();
            for (LfRecord r : chosen) {
                trust.trust(CodeTrust.content(r), r.name());
            }
            return chosen.size();
        }, n -> {
            info("Trusted " + n + " code LF(s) on this machine; applying them.");
            relabel();
        }, this::error);
    }

    /** The project to write to, or null (with a message) when it is read-only or none is open. */
    public Project writer() {
        Opened o = project.get();
        if (o == null) {
            error(new ProjectException("Open or create a project first (File → New project…)."));
            return null;
        }
        if (!o.writable()) {
            error(new ProjectException(o.file() + " is open for writing in another process; this window is read-only."));
            return null;
        }
        return o.writer();
    }

    public void close() {
        Opened o = project.get();
        if (o != null) {
            // Jobs still reading or writing this project (stats, a fit-status check, a feature column) stop at their next
            // safe point before its connections close; otherwise they failed with "database connection closed" and
            // opened the error window. File → Close project asks first when a job the user started is running.
            tasks.jobs().cancelAllAndWait(java.time.Duration.ofSeconds(5));
        }
        project.set(null);
        labeled.set(null);
        lfs.clear();
        untrusted.clear();
        if (o != null) {
            if (o.writer() != null) {
                o.writer().close();
            }
            o.reader().close();
            info("Closed " + o.file() + "."); // the status bar no longer names the closed project's pairs
        }
    }

    /**
     * Runs core work in the background with the standard error handling; only the newest job started
     * with this key shows its result (an older one still running is cancelled, its result dropped).
     */
    public <T> void runLatest(String key, String title, BackgroundTasks.Work<T> work, Consumer<T> onDone) {
        tasks.jobs().runLatest(key, title, work, onDone, this::error);
    }

    /** Runs core work in the background with the standard error handling. */
    public <T> void run(String title, BackgroundTasks.Work<T> work, Consumer<T> onDone) {
        tasks.run(title, work, onDone, this::error);
    }
}
