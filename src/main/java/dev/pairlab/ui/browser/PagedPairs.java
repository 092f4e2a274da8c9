package dev.pairlab.ui.browser;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.collections.ObservableListBase;

/**
 * The browser's rows: the ids of all shown pairs (8 bytes each) and pages of truncated pair texts
 * read from SQLite on a background thread when rows become visible. Until a page arrives its rows
 * show as "…", so the FX thread never waits for the database; a million pairs never sit in memory.
 * A loaded page is announced to a listener (the table redraws the rows it shows of that page), not as a
 * list change: an update event makes JavaFX 21's VirtualFlow walk every row to re-estimate its size,
 * which at a million rows costs about 100 ms of the FX thread per page.
 */
final class PagedPairs extends ObservableListBase<Pair> {

    static final int PAGE = 100;
    private static final int PAGES_KEPT = 64;
    /** Enough text for a table cell; longer strings only cost layout time. */
    private static final int CELL_CHARS = 90;
    /** Enough of a context's end to hold its last user turn in nearly all real data. */
    private static final int CONTEXT_TAIL_CHARS = 4000;
    private static final ExecutorService LOADER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pairlab-page-loader");
        t.setDaemon(true);
        return t;
    });

    private final Project project;
    private final long[] ids;
    private final Map<Integer, List<Pair>> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<Pair>> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    /** Pages being read, by number. */
    private final Map<Integer, java.util.concurrent.CompletableFuture<List<Pair>>> loading = new java.util.HashMap<>();
    /** Called on the FX thread with the row range [from, to) of a page that arrived. */
    private final java.util.function.BiConsumer<Integer, Integer> onLoaded;

    PagedPairs(Project project, long[] ids, java.util.function.BiConsumer<Integer, Integer> onLoaded) {
        this(project, ids, null, onLoaded);
    }

    /** With the rows of the first page already read (see {@link #firstPage}): the first frame shows them. */
    PagedPairs(Project project, long[] ids, List<Pair> firstPage, java.util.function.BiConsumer<Integer, Integer> onLoaded) {
        this.project = project;
        this.ids = ids;
        this.onLoaded = onLoaded;
        if (firstPage != null && firstPage.size() == Math.min(PAGE, ids.length)
                && (ids.length == 0 || firstPage.get(0).id() == ids[0] && firstPage.get(firstPage.size() - 1).id() == ids[firstPage.size() - 1])) {
            pages.put(0, firstPage);
        }
    }

    /**
     * Reads the rows of the first page of these ids, off the FX thread, for a table about to show them:
     * a table that opens with "…" rows draws twice in quick succession, and the second frame waits for
     * the software renderer to finish the first.
     */
    static List<Pair> firstPage(Project project, long[] ids) {
        return Pairs.page(project, ids, 0, Math.min(PAGE, ids.length), CELL_CHARS, CONTEXT_TAIL_CHARS);
    }

    @Override
    public Pair get(int index) {
        int page = index / PAGE;
        List<Pair> rows = pages.get(page);
        if (rows == null && use != Use.ESTIMATE) {
            java.util.concurrent.CompletableFuture<List<Pair>> read = load(page);
            if (use == Use.SHOW) {
                if ((page + 1) * PAGE < ids.length && !pages.containsKey(page + 1)) {
                    load(page + 1); // the screen's rows below are likely on the next page: read it next, unasked
                }
                rows = waitBriefly(page, read);
            }
        }
        return rows != null ? rows.get(index - page * PAGE) : placeholder(ids[index]);
    }

    /** What a row asks for: to be shown, to be measured only (VirtualFlow's size estimate), or anything else. */
    enum Use { SHOW, ESTIMATE, OTHER }

    /** Set by the table around a row's update (FX thread only). */
    static Use use = Use.OTHER;

    /** The FX thread's budget for waiting on pages: so much per frame's worth of time. */
    private static final long WAIT_BUDGET_NANOS = 4_000_000L;
    private static final long FRAME_NANOS = 16_000_000L;
    private static long budgetFrom;
    private static long waited;

    /**
     * Waits a few milliseconds for a page a shown row needs (a page is read in 1-2 ms): the row then
     * shows its pair in this frame, instead of "…" now and a second frame when the page arrives (with
     * the software renderer, the second frame waited for the first to be drawn). Over the budget, or
     * when the read is slow, the row shows "…" and is redrawn when the page arrives.
     */
    private List<Pair> waitBriefly(int page, java.util.concurrent.CompletableFuture<List<Pair>> read) {
        long now = System.nanoTime();
        if (now - budgetFrom > FRAME_NANOS) {
            budgetFrom = now;
            waited = 0;
        }
        long left = WAIT_BUDGET_NANOS - waited;
        if (left <= 0) {
            return null;
        }
        try {
            List<Pair> rows = read.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            pages.put(page, rows);
            return rows;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return null; // slow, or failed: the row shows "…" (a failed page is read again when next asked for)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waited += System.nanoTime() - now;
            if (dev.pairlab.ui.FxTrace.ON) {
                dev.pairlab.ui.FxTrace.event(now, "waited " + (System.nanoTime() - now) / 1000 + " us for page " + page);
            }
        }
    }

    /** Reads a page in the background unless it is being read; it replaces the cached one when it arrives. */
    private java.util.concurrent.CompletableFuture<List<Pair>> load(int page) {
        java.util.concurrent.CompletableFuture<List<Pair>> pending = loading.get(page);
        if (pending != null) {
            return pending;
        }
        int from = page * PAGE;
        int to = Math.min(ids.length, from + PAGE);
        java.util.concurrent.CompletableFuture<List<Pair>> read = new java.util.concurrent.CompletableFuture<>();
        loading.put(page, read);
        LOADER.submit(() -> {
            long t0 = System.nanoTime();
            List<Pair> loaded;
            try {
                loaded = Pairs.page(project, ids, from, to, CELL_CHARS, CONTEXT_TAIL_CHARS);
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
                Platform.runLater(() -> loading.remove(page, read));
                throw e;
            }
            if (dev.pairlab.ui.FxTrace.ON) {
                dev.pairlab.ui.FxTrace.event(t0, "page " + from + " read in " + (System.nanoTime() - t0) / 1000 + " us");
            }
            read.complete(loaded);
            Platform.runLater(() -> {
                loading.remove(page, read);
                if (pages.get(page) != loaded) { // else a shown row waited for it and it is on screen
                    pages.put(page, loaded);
                    onLoaded.accept(from, to);
                }
            });
        });
        return read;
    }

    static boolean isPlaceholder(Pair p) {
        return p != null && p.sourceRow() < 0;
    }

    private static Pair placeholder(long id) {
        return new Pair(id, "…", "…", "…", Gold.NONE, null, "", -1, "{}");
    }

    /**
     * Re-reads these pages (after a label changed): their old rows are served until the new ones arrive.
     * Every other cached page is forgotten, to be read again when shown.
     */
    void reload(Set<Integer> shown) {
        pages.keySet().retainAll(shown);
        for (int page : shown) {
            load(page);
        }
    }

    /**
     * The row of the pair with this one's id (ids ascend), without reading any page: TableView's
     * selection model looks for its selected item in each new list, which with the list's own
     * indexOf read every page of the window.
     */
    @Override
    public int indexOf(Object o) {
        if (!(o instanceof Pair p)) {
            return -1;
        }
        int i = java.util.Arrays.binarySearch(ids, p.id());
        return i >= 0 ? i : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /** Pages held or being read (tests). */
    int pagesHeld() {
        return pages.size() + loading.size();
    }

    @Override
    public int size() {
        return ids.length;
    }
}
