package dev.pairlab.store;

/**
 * A labeling function as stored: its definition is JSON that the {@code lf} package reads.
 *
 * @param version increases by one at every save that changes the definition
 */
public record LfRecord(long id, String name, String kind, String definition, int version, boolean enabled,
                       String createdAt, String editedAt) {
}
