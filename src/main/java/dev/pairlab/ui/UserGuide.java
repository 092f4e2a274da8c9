package dev.pairlab.ui;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the user guide (docs/guide.md) is: beside the working folder, or beside the app's jar (target/pairlab.jar). */
final class UserGuide {

    private UserGuide() {
    }

    /** The guide's file, or null when neither place has it. */
    static Path find() {
        Path here = Path.of("docs", "guide.md");
        if (Files.isRegularFile(here)) {
            return here.toAbsolutePath();
        }
        try {
            Path code = Path.of(UserGuide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/pairlab.jar or target/classes: the source folder is one up from target
            for (Path p = code.getParent(); p != null; p = p.getParent()) {
                Path g = p.resolve("docs").resolve("guide.md");
                if (Files.isRegularFile(g)) {
                    return g;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
        return null;
    }
}
