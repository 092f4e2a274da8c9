package dev.pairlab.analysis;

import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import java.util.Set;
import java.util.stream.IntStream;

/** Row subsets of a project's label matrix. */
public final class Subsets {

    private Subsets() {
    }

    public static int[] rows(Pairs.Labels labels, Set<Split> splits) {
        boolean[] keep = new boolean[Split.values().length];
        for (Split s : splits) {
            keep[s.ordinal()] = true;
        }
        return IntStream.range(0, labels.size()).filter(i -> keep[labels.split()[i]]).toArray();
    }

    public static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }
}
