package dev.pairlab.ui.browser;

import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser's rows: the ids of all pairs (8 bytes each, loaded once off the FX thread) and pages
 * of truncated pair texts fetched from SQLite when a row becomes visible. A million pairs never sit
 * in memory; a page query takes about a millisecond.
 */
final class PagedPairs extends AbstractList<Pair> {

    static final int PAGE = 100;
    private static final int PAGES_KEPT = 64;
    private static final int CELL_CHARS = 300;
    /** Enough of a context's end to hold its last user turn in nearly all real data. */
    private static final int CONTEXT_TAIL_CHARS = 4000;

    private final Project project;
    private final long[] ids;
    private final Map<Integer, List<Pair>> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<Pair>> eldest) {
            return size() > PAGES_KEPT;
        }
    };

    PagedPairs(Project project, long[] ids) {
        this.project = project;
        this.ids = ids;
    }

    @Override
    public Pair get(int index) {
        int page = index / PAGE;
        List<Pair> rows = pages.computeIfAbsent(page, p -> Pairs.page(project, ids, p * PAGE,
                Math.min(ids.length, (p + 1) * PAGE), CELL_CHARS, CONTEXT_TAIL_CHARS));
        return rows.get(index - page * PAGE);
    }

    void clearCache() {
        pages.clear();
    }

    @Override
    public int size() {
        return ids.length;
    }
}
