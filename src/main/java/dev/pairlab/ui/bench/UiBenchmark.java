package dev.pairlab.ui.bench;

import dev.pairlab.ui.BackgroundTasks;
import dev.pairlab.ui.FxTrace;
import dev.pairlab.ui.MainWindow;
import dev.pairlab.ui.PairlabApp;
import dev.pairlab.ui.Workspace;
import dev.pairlab.lf.Presets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.DataDir;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.PairImport;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import dev.pairlab.ui.browser.PairTable;
import javafx.stage.Stage;

/**
 * Measures how long the FX thread is blocked while the workbench opens a large project, scrolls its
 * pair table, and recomputes LF statistics: an AnimationTimer records the gap between pulses (about
 * 16.7 ms when nothing blocks; it includes the time to render a frame), and a probe thread posts a no-op
 * to the FX thread every 5 ms and records how long each waited to run (the thread's busy spells). Run with {@code ./pairlab bench-ui --pairs 1000000} (needs a display:
 * Xvfb will do).
 */
public final class UiBenchmark {

    private final List<Long> pulses = new ArrayList<>();
    /** Delays (ns) between posting a no-op to the FX thread and its running: how long the thread was busy. */
    private final List<Long> delays = new ArrayList<>();
    /** Each pulse's CSS and layout pass (ns): the FX thread's own work in a frame, without waiting for the renderer. */
    private final List<Long> layouts = new ArrayList<>();
    private volatile boolean recording;
    /** The window's size (--size WxH); the app's default scene size when 0. */
    private static double width;
    private static double height;

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = 1_000_000;
        Path project = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pairs")) {
                pairs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--project")) {
                project = Path.of(args[++i]);
            } else if (args[i].equals("--size")) {
                String[] wh = args[++i].split("x");
                width = Double.parseDouble(wh[0]);
                height = Double.parseDouble(wh[1]);
            }
        }
        new UiBenchmark().run(pairs, project);
    }

    private void run(int n, Path project) throws Exception {
        if (project == null) {
            project = build(n);
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Workspace ws = new Workspace(new BackgroundTasks());
        MainWindow[] window = new MainWindow[1];
        Thread probe = new Thread(() -> {
            while (true) {
                long posted = System.nanoTime();
                if (recording) {
                    Platform.runLater(() -> {
                        long d = System.nanoTime() - posted;
                        synchronized (delays) {
                            delays.add(d);
                        }
                        if (FxTrace.ON && d > 30_000_000L) {
                            FxTrace.event(posted, "SPELL " + d / 1_000_000 + " ms");
                        }
                    });
                }
                sleep(5);
            }
        }, "fx-probe");
        probe.setDaemon(true);
        if (FxTrace.ON) {
            traceGc();
        }
        probe.start();
        // Start-up: the window is built and shown (the project screens are styled then, hidden); done when
        // 60 frames have been drawn.
        CountDownLatch frames = new CountDownLatch(60);
        StringBuilder out = new StringBuilder("{\"pairs\":").append(n);
        phase(out, "startup", () -> Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = new MainWindow(stage, ws, Preferences.userRoot().node("dev/pairlab-bench"));
            stage.setScene(PairlabApp.scene(window[0]));
            if (width > 0) {
                stage.setWidth(width);
                stage.setHeight(height);
            }
            stage.show();
            if (Boolean.getBoolean("pairlab.cssTrace")) {
                traceCss(stage.getScene());
            }
            long[] layoutStart = new long[1];
            stage.getScene().addPreLayoutPulseListener(() -> layoutStart[0] = System.nanoTime());
            stage.getScene().addPostLayoutPulseListener(() -> {
                if (recording) {
                    synchronized (layouts) {
                        layouts.add(System.nanoTime() - layoutStart[0]);
                    }
                    if (FxTrace.ON && System.nanoTime() - layoutStart[0] > 5_000_000L) {
                        FxTrace.event(layoutStart[0], "css+layout " + (System.nanoTime() - layoutStart[0]) / 1_000_000 + " ms");
                    }
                }
            });
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.countDown();
                    if (recording) {
                        if (FxTrace.ON) {
                            FxTrace.event(System.nanoTime(), "pulse");
                        }
                        synchronized (pulses) {
                            pulses.add(now);
                        }
                    }
                }
            }.start();
        }), () -> frames.getCount() == 0, 120);
        Thread.sleep(1000);
        Path file = project;
        phase(out, "open_project", () -> Platform.runLater(() -> window[0].open(file)),
                () -> ws.labeled().get() != null && ws.tasks().current().get() == null, 600);
        if (FxTrace.ON) {
            Platform.runLater(() -> {
                System.err.println("nodes in scene: " + count(window[0]));
                for (javafx.scene.control.Tab t : window[0].tabs().getTabs()) {
                    System.err.println("  tab " + t.getText() + ": " + (t.getContent() == null ? 0 : count(t.getContent())));
                }
            });
        }
        PairTable[] table = new PairTable[1];
        javafx.scene.control.Button[] nextWindow = new javafx.scene.control.Button[1];
        Platform.runLater(() -> {
            table[0] = (PairTable) window[0].lookup("#pair-table");
            nextWindow[0] = (javafx.scene.control.Button) window[0].lookup("#browser-next-rows");
        });
        Thread.sleep(500);
        SplittableRandom rnd = new SplittableRandom(1);
        // 200 jumps to random rows of the table's window, every 20th moving to the next window (the ▶ button).
        phase(out, "scroll_200_jumps", () -> {
            for (int i = 0; i < 200; i++) {
                double where = rnd.nextDouble();
                boolean move = i % 20 == 19;
                Platform.runLater(() -> {
                    if (move) {
                        nextWindow[0].fire();
                    } else {
                        table[0].scrollTo((int) (where * table[0].getItems().size()));
                    }
                });
                sleep(40);
            }
        }, () -> true, 120);
        // 50 pairs anywhere among the n, each shown and selected as "go to pair id" does.
        phase(out, "select_50_pairs", () -> {
            for (int i = 0; i < 50; i++) {
                int position = rnd.nextInt(Math.max(1, n));
                Platform.runLater(() -> {
                    int row = table[0].showWindow(position);
                    table[0].getSelectionModel().clearAndSelect(row);
                    table[0].scrollTo(Math.max(0, row - 5));
                });
                sleep(150);
            }
        }, () -> true, 120);
        // Each screen's first showing: hidden screens refresh only when shown (WhenShown), so this is when
        // the feature explorer analyses, the LF editor fills its table, the export view counts.
        int tabCount = window[0].tabs().getTabs().size();
        phase(out, "first_show_of_each_tab", () -> {
            for (int t = 1; t <= tabCount; t++) {
                int tab = t % tabCount;
                Platform.runLater(() -> window[0].tabs().getSelectionModel().select(tab));
                sleep(200);
                waitIdle(ws);
                sleep(300);
            }
        }, () -> ws.tasks().current().get() == null, 600);
        // A stats update where it is watched: the LF editor showing (LF table refreshed), then the pair
        // browser showing (vote columns and filters refreshed).
        Platform.runLater(() -> window[0].tabs().getSelectionModel().select(2));
        Thread.sleep(500);
        phase(out, "relabel_and_stats", () -> Platform.runLater(ws::relabel), () -> ws.tasks().current().get() == null, 600);
        Platform.runLater(() -> window[0].tabs().getSelectionModel().select(0));
        Thread.sleep(500);
        phase(out, "relabel_on_pairs_tab", () -> Platform.runLater(ws::relabel), () -> ws.tasks().current().get() == null, 600);
        // The first open pays for loading and compiling the UI's classes; the second shows the steady state.
        phase(out, "open_again", () -> Platform.runLater(() -> {
            ws.close();
            window[0].open(file);
        }), () -> ws.labeled().get() != null && ws.tasks().current().get() == null, 600);
        out.append('}');
        System.out.println(out);
        Platform.exit();
        System.exit(0);
    }

    private static void traceGc() {
        long uptimeToNano = System.nanoTime() - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                long d = info.getGcInfo().getDuration();
                if (d >= 3 && !info.getGcAction().contains("end of major") || info.getGcName().contains("Pauses")) {
                    FxTrace.event(uptimeToNano + info.getGcInfo().getStartTime() * 1_000_000L, "GC " + info.getGcName() + " " + info.getGcCause() + " " + d + " ms");
                }
            }, null, null);
        }
    }

    private void phase(StringBuilder out, String name, Runnable action, BooleanSupplier done, int timeoutS) throws Exception {
        synchronized (pulses) {
            pulses.clear();
        }
        synchronized (delays) {
            delays.clear();
        }
        synchronized (layouts) {
            layouts.clear();
        }
        FxTrace.startPhase();
        recording = true;
        long t0 = System.nanoTime();
        action.run();
        Thread.sleep(300);
        while (!done.getAsBoolean() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(timeoutS)) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        recording = false;
        if (FxTrace.ON) {
            System.err.println("== " + name + " (JVM uptime at start: " + FxTrace.phaseUptimeMillis() + " ms, clock " + FxTrace.phaseClock() + ")");
            FxTrace.drain().forEach(System.err::println);
        }
        long[] gaps;
        synchronized (pulses) {
            gaps = new long[Math.max(0, pulses.size() - 1)];
            for (int i = 1; i < pulses.size(); i++) {
                gaps[i - 1] = pulses.get(i) - pulses.get(i - 1);
            }
        }
        Thread.sleep(50);
        long[] waits;
        synchronized (delays) {
            waits = delays.stream().mapToLong(Long::longValue).toArray();
        }
        long[] passes;
        synchronized (layouts) {
            passes = layouts.stream().mapToLong(Long::longValue).toArray();
        }
        out.append(String.format(Locale.ROOT, ",\"%s\":{\"seconds\":%.1f,\"pulses\":%d,\"max_gap_ms\":%.1f,\"p99_gap_ms\":%.1f,"
                + "\"fx_busy_max_ms\":%.1f,\"fx_busy_p99_ms\":%.1f,\"css_layout_max_ms\":%.1f,\"css_layout_p99_ms\":%.1f}", name,
                (System.nanoTime() - t0) / 1e9, gaps.length + 1, max(gaps), p99(gaps), max(waits), p99(waits), max(passes), p99(passes)));
        System.err.println(name + " done " + java.time.LocalTime.now());
    }

    /**
     * Debugging aid (-Dpairlab.cssTrace=true): before each pulse's CSS pass, counts the nodes whose
     * styles are dirty by kind (reflection on JavaFX's private CSS flag; the app runs JavaFX from the
     * class path) and prints the counts when there are over 100.
     */
    private static void traceCss(javafx.scene.Scene scene) {
        java.lang.reflect.Field flag;
        try {
            flag = javafx.scene.Node.class.getDeclaredField("cssFlag");
            flag.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("css trace unavailable: " + e);
            return;
        }
        scene.addPreLayoutPulseListener(() -> {
            java.util.Map<String, Integer> dirty = new java.util.TreeMap<>();
            int[] total = {0};
            walk(scene.getRoot(), flag, dirty, total);
            if (total[0] > Integer.getInteger("pairlab.cssTraceMin", 100) || dirty.keySet().stream().anyMatch(k -> k.endsWith("REAPPLY"))) {
                System.err.println("css dirty " + total[0] + ": " + dirty.entrySet().stream().filter(e -> !e.getKey().endsWith("DIRTY_BRANCH"))
                        .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            }
        });
    }

    private static void walk(javafx.scene.Node n, java.lang.reflect.Field flag, java.util.Map<String, Integer> dirty, int[] total) {
        try {
            Object f = flag.get(n);
            if (!"CLEAN".equals(String.valueOf(f))) {
                total[0]++;
                javafx.scene.Node p = n.getParent();
                String where = p == null ? "-" : p.getClass().getSimpleName();
                dirty.merge(n.getClass().getSimpleName() + "<" + where + ":" + f, 1, Integer::sum);
            }
        } catch (IllegalAccessException e) {
            return;
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                walk(c, flag, dirty, total);
            }
        }
    }

    private static int count(javafx.scene.Node n) {
        int c = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
                c += count(k);
            }
        }
        return c;
    }

    private static void waitIdle(Workspace ws) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (ws.tasks().current().get() != null && System.nanoTime() < until) {
            sleep(20);
        }
    }

    private static double max(long[] ns) {
        return ns.length == 0 ? 0 : Arrays.stream(ns).max().getAsLong() / 1e6;
    }

    private static double p99(long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A project of n pairs made by repeating the HH 1% pairs, with the MT-Bench LF preset applied once (cached). */
    private static Path build(int n) throws Exception {
        Path dir = Files.createTempDirectory("pairlab-bench-ui");
        Path src = DataDir.get().resolve("dfki-weak-supervision-rlhf/HH-RLHF-baseline-train-set-1%.jsonl");
        List<String> lines = Files.readAllLines(src).stream().filter(l -> !l.isBlank()).toList();
        Path input = dir.resolve("pairs.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write(lines.get(i % lines.size()));
                w.write('\n');
            }
        }
        Path file = dir.resolve("bench.pairlab");
        long t0 = System.nanoTime();
        try (Project p = Project.create(file)) {
            PairImport.run(p, input, ImportOptions.defaults(), null, ProgressListener.NONE, Cancellation.none());
            System.err.printf("imported %d pairs in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            dev.pairlab.store.Splitter.split(p, new dev.pairlab.pairs.SplitParams(0.1, 0.01, 0, 1, false), ProgressListener.NONE,
                    Cancellation.none());
            Presets.addTo(p, "mt-bench");
            long t1 = System.nanoTime();
            ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            System.err.printf("features and LF votes of %d pairs computed and cached in %.1f s%n", n, (System.nanoTime() - t1) / 1e9);
        }
        Files.delete(input);
        return file;
    }
}
