package dev.pairlab.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Where API keys come from: an environment variable, else the desktop keyring through libsecret's
 * {@code secret-tool lookup service pairlab key NAME} (when installed). Never from the project file.
 */
public final class Keys {

    private Keys() {
    }

    /** The default lookup: environment, then keyring; null when neither has the key. */
    public static Function<String, String> system() {
        return name -> {
            if (name == null || name.isBlank()) {
                return null;
            }
            String env = System.getenv(name);
            return env != null && !env.isBlank() ? env : keyring(name);
        };
    }

    static String keyring(String name) {
        try {
            Process p = new ProcessBuilder("secret-tool", "lookup", "service", "pairlab", "key", name).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null; // no secret-tool on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
