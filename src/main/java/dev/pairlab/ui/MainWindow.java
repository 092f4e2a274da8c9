package dev.pairlab.ui;

import dev.pairlab.pairs.DataDir;
import dev.pairlab.store.Project;
import dev.pairlab.store.SampleProjects;
import dev.pairlab.ui.browser.PairBrowserView;
import dev.pairlab.ui.features.FeatureExplorerView;
import dev.pairlab.ui.importer.ImportWizard;
import dev.pairlab.ui.lfeditor.LfEditorView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The main window: menu, the start screen or the project's screens (tabs), and the status bar. */
public final class MainWindow extends BorderPane {

    private static final String RECENT = "recentProjects";
    private static final String LAST_LF_NAMES = "browser.lfNames";

    private final Stage stage;
    private final Workspace ws;
    private final Preferences prefs;
    /**
     * The project's screens. The TabPane itself never takes focus (a click on a tab asks for it): its
     * :focused state restyles every node of every tab, some 60 ms each time. Choosing a tab moves focus
     * into its screen instead; Ctrl+Tab still switches tabs from there.
     */
    private final TabPane tabs = new TabPane() {
        @Override
        public void requestFocus() {
            // focus goes into the selected screen (see focusInto)
        }
    };
    private final Tab pairsTab;
    private final PairBrowserView browser;
    private final Label status = new Label("Ready");
    private final VBox start = new VBox(10);

    public MainWindow(Stage stage, Workspace ws, Preferences prefs) {
        this.stage = stage;
        this.ws = ws;
        this.prefs = prefs;
        ws.errors().setOwner(() -> stage); // internal errors' windows open over this one
        browser = new PairBrowserView(ws);
        pairsTab = new Tab("Pairs", browser);
        FeatureExplorerView explorer = new FeatureExplorerView(ws);
        Tab featuresTab = new Tab("Features", explorer);
        LfEditorView lfEditor = new LfEditorView(ws, () -> tabs.getSelectionModel().select(pairsTab));
        // Closing the app asks first while the LF editor holds unsaved edits (as it does for running jobs).
        ws.tasks().jobs().addCloseGuard(() -> lfEditor.hasUnsavedEdits() ? java.util.Optional.of(lfEditor.unsavedDescription())
                : java.util.Optional.empty());
        Tab lfTab = new Tab("Labeling functions", lfEditor);
        dev.pairlab.ui.labelmodel.LabelModelView labelModel = new dev.pairlab.ui.labelmodel.LabelModelView(ws);
        Tab lmTab = new Tab("Label model", labelModel);
        dev.pairlab.ui.export.ExportView export = new dev.pairlab.ui.export.ExportView(ws, labelModel.chosenThreshold());
        Tab exportTab = new Tab("Export", export);
        // The browser's rows and vote columns are built now, the columns named after the last project's LFs
        // (the app reopens it at start).
        String lastLfs = prefs.get(LAST_LF_NAMES, "");
        List<String> lastNames = lastLfs.isEmpty() ? List.of() : List.of(lastLfs.split("\n"));
        browser.warmUp(lastNames);
        lfEditor.warmUp(Math.max(3, lastNames.size()));
        ws.labeled().addListener((o, a, l) -> {
            if (l != null) {
                prefs.put(LAST_LF_NAMES, String.join("\n", l.matrix().names()));
            }
        });
        // Hidden screens refresh when next shown, not after every relabel (see WhenShown).
        browser.showingProperty().bind(pairsTab.selectedProperty());
        explorer.showingProperty().bind(featuresTab.selectedProperty());
        lfEditor.showingProperty().bind(lfTab.selectedProperty());
        export.showingProperty().bind(exportTab.selectedProperty());
        dev.pairlab.ui.training.TrainingView training = new dev.pairlab.ui.training.TrainingView(ws);
        Tab trainingTab = new Tab("Training", training);
        training.showingProperty().bind(trainingTab.selectedProperty());
        Tab experimentTab = new Tab("Experiment", new dev.pairlab.ui.experiment.ExperimentView(ws));
        Tab generateTab = new Tab("Generate", new dev.pairlab.ui.generate.GenerateView(ws));
        generateTab.setId("tab-generate");
        pairsTab.setId("tab-pairs");
        featuresTab.setId("tab-features");
        lfTab.setId("tab-lfs");
        lmTab.setId("tab-label-model");
        exportTab.setId("tab-export");
        trainingTab.setId("tab-training");
        experimentTab.setId("tab-experiment");
        tabs.getTabs().addAll(pairsTab, featuresTab, lfTab, lmTab, exportTab, trainingTab, experimentTab, generateTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setFocusTraversable(false);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab != null && tabs.isVisible()) {
                focusInto(tab.getContent());
            }
        });
        setTop(new VBox(menu(), new dev.pairlab.ui.trust.UntrustedLfsBanner(ws)));
        setBottom(statusBar());
        buildStart();
        // The project's screens are in the scene from the start, hidden under the start screen: their
        // first styling and layout (over a second for some 3,000 nodes, most of it JIT-cold) happens when
        // the window first shows, not when a project opens.
        tabs.setVisible(false);
        setCenter(new javafx.scene.layout.StackPane(tabs, start));
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(this::rehearse));
        ws.project().addListener((o, a, p) -> {
            if (p == null) {
                buildStart(); // the recent projects as they are now (rebuilt here, not while hidden)
            }
            if (p != null && pairsTab.isSelected()) {
                // The start screen stays until the browser's first rows are there (some 20-30 ms), so
                // the screens and their rows are drawn in one frame: with two, the rows' layout waited
                // for the software renderer to paint the whole window.
                Runnable reveal = () -> {
                    if (ws.project().get() == p && !tabs.isVisible()) {
                        showScreens(true);
                    }
                };
                browser.whenRowsShown(p, reveal);
                javafx.animation.PauseTransition fallback = new javafx.animation.PauseTransition(javafx.util.Duration.millis(1500)); // on a loaded machine the first rows can take over 400 ms
                fallback.setOnFinished(e -> reveal.run());
                fallback.play();
            } else {
                showScreens(p != null);
            }
            stage.setTitle(p == null ? "Pairlab" : "Pairlab — " + p.name() + (p.writable() ? "" : " (read-only)"));
            if (p != null) {
                remember(p.file());
            }
        });
        ws.notice().addListener((o, a, n) -> {
            if (n == null) {
                return;
            }
            status.textProperty().unbind();
            status.setText(n.text().lines().findFirst().orElse(n.text()));
            status.getStyleClass().removeAll("notice-error", "notice-info");
            status.getStyleClass().add(n.level() == Workspace.Level.ERROR ? "notice-error" : "notice-info");
        });
    }

    /**
     * Draws the hidden project screens once into an image, right after the window first shows: the
     * first drawing of a screen fills the renderer's caches (glyphs, region backgrounds), which took
     * the software renderer about 150 ms when the first project opened, with the FX thread waiting on it.
     */
    private void rehearse() {
        if (ws.project().get() != null || tabs.isVisible() || getWidth() <= 0) {
            return;
        }
        tabs.setVisible(true);
        try {
            tabs.snapshot(null, null);
        } finally {
            tabs.setVisible(false); // within this one event: no frame shows the screens
        }
        // Then the hidden table's rows change and are laid out again, one round every 50 ms (a frame
        // each, while the start screen shows), so their code is compiled before the first project.
        javafx.animation.Timeline rounds = new javafx.animation.Timeline();
        for (int k = 1; k <= REHEARSALS; k++) {
            int round = k;
            rounds.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(50.0 * k), e -> {
                if (ws.project().get() == null) { // a project opened meanwhile: its rows, not rehearsal rows
                    browser.rehearse(round);
                } else {
                    rounds.stop();
                }
            }));
        }
        rounds.play();
    }

    /**
     * Rounds of the start-up table rehearsal, 50 ms apart (-Dpairlab.rehearsals=N to compare): with 16
     * the first layout of real rows when a project opened took 14-45 ms, with 48 8-20 ms (bench-ui).
     */
    private static final int REHEARSALS = Integer.getInteger("pairlab.rehearsals", 48);

    /** Focuses the first visible, enabled, focus-traversable control of a screen (on the Pairs tab, the split filter). */
    /** The project's screens (focus into the selected one), or the start screen. */
    private void showScreens(boolean screens) {
        tabs.setVisible(screens);
        start.setVisible(!screens);
        if (screens) {
            focusInto(tabs.getSelectionModel().getSelectedItem().getContent()); // not left on the hidden start screen
        }
    }

    private static boolean focusInto(javafx.scene.Node node) {
        if (node == null || !node.isVisible() || node.isDisabled()) {
            return false;
        }
        if (node.isFocusTraversable()) {
            node.requestFocus();
            return true;
        }
        if (node instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                if (focusInto(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private MenuBar menu() {
        MenuItem newProject = new MenuItem("New project…");
        newProject.setOnAction(e -> newProject());
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen());
        MenuItem importItem = new MenuItem("Import…");
        importItem.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        importItem.setOnAction(e -> openImportWizard());
        Menu samples = new Menu("Open sample project");
        for (String name : SampleProjects.NAMES) {
            MenuItem item = new MenuItem(name);
            item.setOnAction(e -> openSample(name));
            samples.getItems().add(item);
        }
        MenuItem close = new MenuItem("Close project");
        close.setOnAction(e -> {
            if (confirmClose()) { // running jobs or unsaved LF edits: asked, as on Quit
                ws.close();
            }
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> quit());
        MenuItem split = new MenuItem("Split…");
        split.setOnAction(e -> new dev.pairlab.ui.split.SplitDialog(stage, ws).show());
        Menu file = new Menu("File", null, newProject, open, samples, importItem, split, close, new SeparatorMenuItem(), quit);
        return new MenuBar(file, helpMenu());
    }

    /** Help: the keyboard shortcuts (read from where they are registered) and the user guide. */
    private Menu helpMenu() {
        MenuItem keys = new MenuItem("Keyboard shortcuts…");
        keys.setId("menu-shortcuts");
        keys.setAccelerator(KeyCombination.keyCombination("F1"));
        keys.setOnAction(e -> showShortcuts());
        MenuItem guide = new MenuItem("User guide");
        guide.setId("menu-guide");
        guide.setOnAction(e -> showGuide());
        return new Menu("Help", null, keys, guide);
    }

    /** A window listing every keyboard shortcut the window has ({@link Shortcuts#of}); returns it. */
    public javafx.stage.Stage showShortcuts() {
        javafx.scene.control.TableView<Shortcuts.Shortcut> table = new javafx.scene.control.TableView<>();
        table.setId("shortcuts-table");
        table.getColumns().add(shortcutColumn("Keys", 110, Shortcuts.Shortcut::keys));
        table.getColumns().add(shortcutColumn("What it does", 330, Shortcuts.Shortcut::action));
        table.getColumns().add(shortcutColumn("Where", 160, Shortcuts.Shortcut::where));
        table.getItems().setAll(Shortcuts.of(getScene()));
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox box = new VBox(8, new Label("Keyboard shortcuts (Ctrl is Cmd on macOS)"), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return popup("Keyboard shortcuts", box, 640, 420);
    }

    private static javafx.scene.control.TableColumn<Shortcuts.Shortcut, String> shortcutColumn(String title, double width,
            java.util.function.Function<Shortcuts.Shortcut, String> value) {
        javafx.scene.control.TableColumn<Shortcuts.Shortcut, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private javafx.stage.Stage popup(String title, javafx.scene.Parent content, double width, double height) {
        javafx.stage.Stage s = new javafx.stage.Stage();
        s.initOwner(stage);
        s.setTitle(title);
        javafx.scene.Scene scene = new javafx.scene.Scene(content, width, height);
        if (getScene() != null) {
            scene.getStylesheets().addAll(getScene().getStylesheets());
        }
        // Escape closes it, as a researcher expects of a help window (it has no buttons of its own).
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                s.close();
                e.consume();
            }
        });
        s.setScene(scene);
        s.show();
        return s;
    }

    /**
     * Help → User guide: docs/guide.md in the desktop's viewer when the app has one (HostServices), else a
     * window that says where the guide is. Returns that window, or null when the viewer opened it.
     */
    public javafx.stage.Stage showGuide() {
        Path guide = UserGuide.find();
        java.util.function.Consumer<String> opener = ws.errors().opener();
        if (guide != null && opener != null) {
            opener.accept(guide.toUri().toString());
            return null;
        }
        Label where = new Label(guide != null ? "The user guide is " + guide.toAbsolutePath()
                : "The user guide (docs/guide.md) is not installed beside the app; it is in Pairlab's source folder.");
        where.setId("guide-path");
        where.setWrapText(true);
        VBox box = new VBox(8, where);
        box.setPadding(new Insets(10));
        return popup("User guide", box, 560, 120);
    }

    /** What Quit does once closing is confirmed (the app saves its layout and exits; tests record it). */
    private Runnable onQuit = Platform::exit;

    public void setOnQuit(Runnable onQuit) {
        this.onQuit = onQuit;
    }

    /** File → Quit (Ctrl+Q): asks first while jobs run or work is unsaved, as closing the window does. */
    public void quit() {
        if (confirmClose()) {
            onQuit.run();
        }
    }

    /** True to close: no job runs and nothing is unsaved, or the user agreed (the jobs were then cancelled and waited for). */
    public boolean confirmClose() {
        return dev.pairlab.ui.jobs.CloseDialog.confirm(stage, ws.tasks().jobs());
    }

    private VBox statusBar() {
        dev.pairlab.ui.jobs.JobManager jobs = ws.tasks().jobs();
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(200);
        Button cancel = new Button("Cancel");
        cancel.setFocusTraversable(false); // shown only while work runs: holding focus, it would hand it on when hidden
        cancel.setOnAction(e -> {
            dev.pairlab.ui.jobs.Job j = jobs.newest().get();
            if (j != null) {
                j.cancel(); // the work sees its cancellation token at a safe point; no thread interrupt mid-write
            }
        });
        cancel.visibleProperty().bind(jobs.newest().isNotNull());
        Label task = new Label();
        // The bar shows only known progress: an indeterminate bar animates every frame, and each frame
        // waits for the previous one to be drawn (tens of milliseconds with software rendering).
        bar.setVisible(false);
        jobs.newest().addListener((o, old, j) -> {
            bar.progressProperty().unbind();
            bar.visibleProperty().unbind();
            task.textProperty().unbind();
            if (j == null) {
                bar.setVisible(false);
                task.setText("");
                return;
            }
            bar.progressProperty().bind(j.progressProperty());
            bar.visibleProperty().bind(j.progressProperty().greaterThanOrEqualTo(0));
            task.textProperty().bind(j.messageProperty());
        });
        // Every running job, each with its own progress and Cancel, from a toggle that counts them.
        dev.pairlab.ui.jobs.JobsView list = new dev.pairlab.ui.jobs.JobsView(jobs);
        javafx.scene.control.ToggleButton showJobs = new javafx.scene.control.ToggleButton();
        showJobs.setId("status-jobs");
        showJobs.setFocusTraversable(false);
        showJobs.textProperty().bind(Bindings.size(jobs.jobs()).asString("Jobs: %d"));
        list.visibleProperty().bind(showJobs.selectedProperty());
        list.managedProperty().bind(list.visibleProperty());
        status.setId("status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, status, spacer, task, bar, cancel, showJobs);
        box.getStyleClass().add("status-bar");
        box.setPadding(new Insets(4, 8, 4, 8));
        box.setAlignment(Pos.CENTER_LEFT);
        return new VBox(list, box);
    }

    private void buildStart() {
        start.getChildren().clear();
        start.setPadding(new Insets(30));
        start.getStyleClass().add("start");
        Label title = new Label("Pairlab");
        title.getStyleClass().add("start-title");
        Label sub = new Label("Weak supervision of RLHF preference data: pairs, labeling functions, label models, reward models.");
        Button newB = new Button("New project…");
        newB.setOnAction(e -> newProject());
        Button openB = new Button("Open…");
        openB.setOnAction(e -> chooseAndOpen());
        HBox actions = new HBox(10, newB, openB);
        VBox samples = new VBox(4, new Label("Sample projects (data from " + DataDir.get() + "):"));
        for (String name : SampleProjects.NAMES) {
            Hyperlink l = new Hyperlink(name);
            l.setId("sample-" + name);
            l.setOnAction(e -> openSample(name));
            samples.getChildren().add(l);
        }
        VBox recent = new VBox(4, new Label("Recent projects:"));
        for (String path : recent()) {
            Hyperlink l = new Hyperlink(path);
            l.setOnAction(e -> open(Path.of(path)));
            recent.getChildren().add(l);
        }
        start.getChildren().addAll(title, sub, actions, recent, samples);
    }

    public void open(Path file) {
        ws.open(file, opened -> { });
    }

    public void openSample(String name) {
        Path folder = samplesFolder();
        ws.run("Preparing sample project " + name, (progress, cancel) -> SampleProjects.ensure(name, folder, DataDir.get(), dev.pairlab.lf.Presets::addTo, progress, cancel),
                this::open);
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
        if (f != null) {
            createAndOpen(f.toPath());
        }
    }

    public void createAndOpen(Path path) {
        ws.run("Creating " + path.getFileName(), (progress, cancel) -> {
            Project.create(path).close();
            return path;
        }, this::open);
    }

    public ImportWizard openImportWizard() {
        if (ws.writer() == null) {
            return null;
        }
        ImportWizard wizard = new ImportWizard(stage, ws);
        wizard.show();
        return wizard;
    }

    private List<String> recent() {
        String s = prefs.get(RECENT, "");
        return s.isEmpty() ? List.of() : Arrays.stream(s.split("\n")).filter(p -> new File(p).isFile()).toList();
    }

    private void remember(Path file) {
        List<String> list = new ArrayList<>(recent());
        String p = file.toAbsolutePath().toString();
        list.remove(p);
        list.add(0, p);
        prefs.put(RECENT, String.join("\n", list.subList(0, Math.min(8, list.size()))));
    }

    /** The last project opened, if it still exists. */
    public Path lastProject() {
        List<String> r = recent();
        return r.isEmpty() ? null : Path.of(r.get(0));
    }

    public TabPane tabs() {
        return tabs;
    }
}
