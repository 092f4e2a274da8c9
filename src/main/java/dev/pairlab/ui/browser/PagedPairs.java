package dev.pairlab.ui.browser;

import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import java.util.HashSet;
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
    private final Set<Integer> loading = new HashSet<>();
    /** Called on the FX thread with the row range [from, to) of a page that arrived. */
    private final java.util.function.BiConsumer<Integer, Integer> onLoaded;

    PagedPairs(Project project, long[] ids, java.util.function.BiConsumer<Integer, Integer> onLoaded) {
        this.project = project;
        this.ids = ids;
        this.onLoaded = onLoaded;
    }

    @Override
    public Pair get(int index) {
        int page = index / PAGE;
        List<Pair> rows = pages.get(page);
        if (rows != null) {
            return rows.get(index - page * PAGE);
        }
        load(page);
        return placeholder(ids[index]);
    }

    /** Reads a page in the background unless it is being read; it replaces the cached one when it arrives. */
    private void load(int page) {
        if (!loading.add(page)) {
            return;
        }
        int from = page * PAGE;
        int to = Math.min(ids.length, from + PAGE);
        LOADER.submit(() -> {
            List<Pair> loaded = Pairs.page(project, ids, from, to, CELL_CHARS, CONTEXT_TAIL_CHARS);
            Platform.runLater(() -> {
                loading.remove(page);
                pages.put(page, loaded);
                onLoaded.accept(from, to);
            });
        });
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

    @Override
    public int size() {
        return ids.length;
    }
}
