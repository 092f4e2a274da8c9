package dev.pairlab.features.reference;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small count features over an answer's text. */
final class CountFeatures {

    private CountFeatures() {
    }

    static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
