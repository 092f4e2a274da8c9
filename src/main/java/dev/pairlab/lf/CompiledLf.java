package dev.pairlab.lf;

import java.util.Map;

/**
 * A code LF compiled and checked against the allow-list, as class files: {@code className} is the
 * class implementing the LF API, {@code classes} every class the compilation made (binary name →
 * bytes). Loaded and run only inside a sandbox worker process.
 */
public record CompiledLf(String className, Map<String, byte[]> classes) {
    public CompiledLf {
        classes = Map.copyOf(classes);
    }
}
