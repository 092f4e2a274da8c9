package dev.pairlab.pairs;

import java.nio.file.Path;

/** Where the shared public datasets are: {@code $PAIRLAB_DATA}, else {@code ../shared/data}. */
public final class DataDir {

    private DataDir() {
    }

    public static Path get() {
        String env = System.getenv("PAIRLAB_DATA");
        return (env == null || env.isBlank() ? Path.of("..", "shared", "data") : Path.of(env)).toAbsolutePath().normalize();
    }
}
