package dev.pairlab.store;

import dev.pairlab.pairs.BadInputException;

/**
 * What a new labeling function may be called: 1 to 100 letters, digits, '_', '-' and '.'. The name
 * is a column of the label matrix CSV, a key of {@code lfs.json} and a word on the command line, so
 * commas, quotes, spaces and line breaks would break one of them. Names already stored in a
 * project are left as they are (it still opens); only new names are checked, in {@link Lfs#save}.
 */
public final class LfName {

    public static final int MAX_LENGTH = 100;

    private LfName() {
    }

    /** What is wrong with the name for a new LF, in the user's words, or null when it is fine. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an LF needs a name: 1 to " + MAX_LENGTH + " letters, digits, '_', '-' or '.'";
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return "the LF name '" + name.substring(0, 20) + "…' is " + length + " characters long; at most "
                    + MAX_LENGTH + " are allowed";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
                return "the LF name '" + printable(name) + "' has " + describe(c) + " in it; use only letters, digits,"
                        + " '_', '-' and '.'";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Throws with {@link #problem}'s message when the name cannot be a new LF's. */
    public static void require(String name) throws BadInputException {
        String problem = problem(name);
        if (problem != null) {
            throw new BadInputException(problem);
        }
    }

    private static String describe(int c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\n', '\r' -> "a line break";
            case '\t' -> "a tab";
            case ',' -> "a comma";
            default -> Character.isISOControl(c) || Character.isWhitespace(c)
                    ? String.format("the invisible character U+%04X", c)
                    : "'" + new String(Character.toChars(c)) + "'";
        };
    }

    /** The name as it can be shown on one line. */
    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> sb.append(Character.isISOControl(c) ? "\\u" + String.format("%04X", c) : new String(Character.toChars(c))));
        return sb.toString();
    }
}
