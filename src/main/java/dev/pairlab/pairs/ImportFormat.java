package dev.pairlab.pairs;

import java.util.Locale;

/**
 * The import formats a user can choose (a {@link PairFormat} each, by its id); no choice means the format is
 * detected from the file. {@code FormatsTest} checks that this list and the installed formats are the same.
 */
public enum ImportFormat {
    MT_BENCH("mt-bench"), PANDALM("pandalm"), ANSWER_LABEL("answer-label"), TRL("trl"), HH("hh"), JSON(JsonMappedFormat.ID), CSV("csv");

    private final String id;

    ImportFormat(String id) {
        this.id = id;
    }

    /** The format's id, as {@code pairlab formats} lists it. */
    public String id() {
        return id;
    }

    /** The format with this id (any case); null for null. */
    public static ImportFormat parse(String id) throws BadInputException {
        if (id == null) {
            return null;
        }
        for (ImportFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException("unknown format '" + id + "' (known: " + Formats.ids() + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
