package dev.pairlab.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The parameter records' choices (model type, fit rows, ties, formats, LF kinds, presets, reward kinds …) are enums
 * with the lower-case keys users type; one lookup for all of them.
 */
public final class Choices {

    private Choices() {
    }

    /** The constant whose key is {@code text} (ignoring case, surrounding blanks and '-' versus '_'), or null. */
    public static <E extends Enum<E>> E byKey(E[] values, Function<E, String> key, String text) {
        if (text == null) {
            return null;
        }
        String t = norm(text);
        for (E e : values) {
            if (norm(key.apply(e)).equals(t) || norm(e.name()).equals(t)) {
                return e;
            }
        }
        return null;
    }

    /** "a, b or c". */
    public static <E extends Enum<E>> String list(E[] values, Function<E, String> key) {
        String all = Arrays.stream(values).map(key).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }

    public static String lowerCase(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
