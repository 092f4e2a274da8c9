package dev.pairlab.features;

/**
 * {@link Character#isLetterOrDigit(char)}, {@link Character#isLetter(char)},
 * {@link Character#isWhitespace(char)}, {@link Character#isLowerCase(char)} and {@link Character#isUpperCase(char)}
 * of every UTF-16 {@code char}, read from one table made at start-up
 * (64 KB): the tokenizers ask these for every character of every answer, and a table read is cheaper
 * than the JDK's per-call look-up through the character's Unicode block data. The same answers, by
 * construction (checked for all 65,536 chars by a test).
 */
final class Chars {

    private static final byte LETTER_OR_DIGIT = 1;
    private static final byte LETTER = 2;
    private static final byte WHITESPACE = 4;
    private static final byte LOWER = 8;
    private static final byte UPPER = 16;
    private static final byte[] KIND = new byte[65536];
    /** {@link Character#toLowerCase(char)} of the chars below U+0130, where lower-casing is one char to one char. */
    private static final char[] LOWERED = new char[0x130];

    static {
        for (int c = 0; c < LOWERED.length; c++) {
            LOWERED[c] = Character.toLowerCase((char) c);
        }
        for (int c = 0; c < KIND.length; c++) {
            char ch = (char) c;
            KIND[c] = (byte) ((Character.isLetterOrDigit(ch) ? LETTER_OR_DIGIT : 0) | (Character.isLetter(ch) ? LETTER : 0)
                    | (Character.isWhitespace(ch) ? WHITESPACE : 0) | (Character.isLowerCase(ch) ? LOWER : 0)
                    | (Character.isUpperCase(ch) ? UPPER : 0));
        }
    }

    private Chars() {
    }

    static boolean letterOrDigit(char c) {
        return (KIND[c] & LETTER_OR_DIGIT) != 0;
    }

    static boolean letter(char c) {
        return (KIND[c] & LETTER) != 0;
    }

    static boolean whitespace(char c) {
        return (KIND[c] & WHITESPACE) != 0;
    }

    static boolean lowerCase(char c) {
        return (KIND[c] & LOWER) != 0;
    }

    static boolean upperCase(char c) {
        return (KIND[c] & UPPER) != 0;
    }

    /** {@link Character#toLowerCase(char)} of a char below U+0130 (callers take others the string way). */
    static char lowerBelow0130(char c) {
        return LOWERED[c];
    }
}
