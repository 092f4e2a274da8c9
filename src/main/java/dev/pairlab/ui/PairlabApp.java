package dev.pairlab.ui;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.DataDir;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.ImportReport;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectException;
import dev.pairlab.store.ProjectInUseException;
import dev.pairlab.store.SampleProjects;
import dev.pairlab.task.CancelledException;
import dev.pairlab.ui.browser.PairTable;
import java.io.File;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The desktop app's main window: menu, pair browser, status bar. */
public final class PairlabApp extends Application {

    private static final String LAST_PROJECT = "lastProject";
    private static volatile String initialProject;

    private final BackgroundTasks tasks = new BackgroundTasks();
    private final PairTable table = new PairTable();
    private final Label status = new Label("Ready");
    private final Preferences prefs = Preferences.userRoot().node("dev/pairlab");
    private Stage stage;
    /** Holds the project's write lock; used only by background work. */
    private Project writer;
    /** A second, read-only connection for the browser, so paging never waits for an import. */
    private Project reader;

    static void start(String project) {
        initialProject = project;
        Application.launch(PairlabApp.class);
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        BorderPane root = new BorderPane();
        root.setTop(menu());
        root.setCenter(table);
        root.setBottom(statusBar());
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(PairlabApp.class.getResource("/ui/pairlab.css").toExternalForm());
        primary.setScene(scene);
        primary.setTitle("Pairlab");
        primary.show();
        primary.setOnCloseRequest(e -> closeProject());
        openInitial();
    }

    @Override
    public void stop() {
        closeProject();
        tasks.shutdown();
    }

    private MenuBar menu() {
        MenuItem newProject = new MenuItem("New project…");
        newProject.setOnAction(e -> newProject());
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen());
        MenuItem importItem = new MenuItem("Import…");
        importItem.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        importItem.setOnAction(e -> chooseAndImport());
        Menu samples = new Menu("Open sample project");
        for (String name : SampleProjects.NAMES) {
            MenuItem item = new MenuItem(name);
            item.setOnAction(e -> openSample(name));
            samples.getItems().add(item);
        }
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, newProject, open, samples, importItem, new javafx.scene.control.SeparatorMenuItem(), quit);
        return new MenuBar(file);
    }

    private HBox statusBar() {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(220);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> {
            Task<?> t = tasks.current().get();
            if (t != null) {
                t.cancel();
            }
        });
        bar.visibleProperty().bind(tasks.current().isNotNull());
        cancel.visibleProperty().bind(tasks.current().isNotNull());
        tasks.current().addListener((obs, old, t) -> {
            if (t == null) {
                bar.progressProperty().unbind();
                return;
            }
            bar.progressProperty().bind(t.progressProperty());
            status.textProperty().unbind();
            status.textProperty().bind(Bindings.createStringBinding(t::getMessage, t.messageProperty()));
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, status, spacer, bar, cancel);
        box.getStyleClass().add("status-bar");
        box.setPadding(new Insets(4, 8, 4, 8));
        return box;
    }

    private void setStatus(String text) {
        status.textProperty().unbind();
        status.setText(text);
    }

    private void openInitial() {
        if (initialProject != null) {
            open(Path.of(initialProject));
            return;
        }
        String last = prefs.get(LAST_PROJECT, null);
        if (last != null && new File(last).isFile()) {
            open(Path.of(last));
        } else {
            openSample("mt-bench");
        }
    }

    private void openSample(String name) {
        Path folder = samplesFolder();
        tasks.run("Preparing sample project " + name,
                (progress, cancel) -> SampleProjects.ensure(name, folder, DataDir.get(), progress, cancel),
                this::open, this::showError);
    }

    static Path samplesFolder() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share") : Path.of(xdg);
        return base.resolve("pairlab").resolve("samples");
    }

    private void chooseAndOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open project");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pairlab projects", "*" + Project.EXTENSION));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    private void newProject() {
        FileChooser fc = new FileChooser();
        fc.setTitle("New project");
        fc.setInitialFileName("project" + Project.EXTENSION);
        File f = fc.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        Path path = f.toPath();
        tasks.run("Creating " + path.getFileName(), (progress, cancel) -> {
            Project.create(path).close();
            return path;
        }, this::open, this::showError);
    }

    /** Opens a project: for writing when possible, else read-only with a note in the title. */
    private void open(Path file) {
        closeProject();
        tasks.run("Opening " + file.getFileName(), (progress, cancel) -> {
            Project w;
            try {
                w = Project.open(file, Project.Access.READ_WRITE);
            } catch (ProjectInUseException e) {
                w = null;
            }
            try {
                Project r = Project.open(file, Project.Access.READ_ONLY);
                return new Opened(w, r, Pairs.ids(r, Pairs.allSplits()));
            } catch (ProjectException | RuntimeException e) {
                if (w != null) {
                    w.close();
                }
                throw e;
            }
        }, opened -> {
            writer = opened.writer();
            reader = opened.reader();
            prefs.put(LAST_PROJECT, file.toAbsolutePath().toString());
            showPairs(opened.ids());
        }, this::showError);
    }

    private record Opened(Project writer, Project reader, long[] ids) {
    }

    private void showPairs(long[] ids) {
        table.show(reader, ids);
        String mode = writer == null ? " (read-only: open for writing elsewhere)" : "";
        stage.setTitle("Pairlab — " + reader.name() + mode);
        setStatus(ids.length + " pairs in " + reader.file());
    }

    private void chooseAndImport() {
        if (reader == null) {
            showError(new ProjectException("Open or create a project first (File → New project…)."));
            return;
        }
        if (writer == null) {
            showError(new ProjectException(reader.file() + " is open read-only; close it in the other process to import."));
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Import pairs");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Pair files", "*.jsonl", "*.jsonl.gz", "*.json", "*.json.gz", "*.csv", "*.tsv", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(stage);
        if (f == null) {
            return;
        }
        Project target = writer;
        tasks.run("Importing " + f.getName(), (progress, cancel) -> {
            ImportReport r = PairImport.run(target, f.toPath(), ImportOptions.defaults(), null, progress, cancel);
            return new Imported(r, Pairs.ids(reader, Pairs.allSplits()));
        }, imported -> {
            showPairs(imported.ids());
            ImportReport r = imported.report();
            setStatus("Imported " + r.imported() + " pairs from " + f.getName() + " (" + r.format() + ")"
                    + (r.droppedTotal() > 0 ? ", dropped " + r.dropped() : ""));
        }, this::showError);
    }

    private record Imported(ImportReport report, long[] ids) {
    }

    private void closeProject() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** A message the user can act on; never a stack trace. */
    private void showError(Throwable t) {
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        boolean expected = t instanceof BadInputException || t instanceof ProjectException || t instanceof CancelledException;
        setStatus(expected ? message.lines().findFirst().orElse(message) : "Internal error: " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("Pairlab");
        alert.setHeaderText(expected ? "That did not work" : "Internal error");
        alert.setContentText(message);
        alert.show();
    }
}
