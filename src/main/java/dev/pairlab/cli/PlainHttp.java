package dev.pairlab.cli;

import dev.pairlab.lf.Endpoints;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;

/** The plain-http warning of {@link Endpoints}, on stderr, once per host for one command. */
final class PlainHttp {

    private PlainHttp() {
    }

    static void warn(PrintWriter err, String... urls) {
        Set<String> said = new LinkedHashSet<>();
        for (String url : urls) {
            if (url != null) {
                Endpoints.plainHttpWarning(url).ifPresent(said::add);
            }
        }
        for (String w : said) {
            err.println("pairlab: " + w);
        }
    }
}
