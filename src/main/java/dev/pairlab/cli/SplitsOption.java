package dev.pairlab.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --split a,b}: only these splits, all when not given. */
final class SplitsOption {

    @Option(names = "--split", split = ",", paramLabel = "S", description = "Only these splits (comma-separated; default: all).")
    List<String> splits;

    /** The splits asked for, or null for all. */
    List<String> orAll() {
        return splits == null || splits.isEmpty() ? null : splits;
    }
}
