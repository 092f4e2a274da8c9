package dev.pairlab.store;

/**
 * A fitted label model as stored; the JSON fields are written and read by the labelmodel package.
 *
 * @param lfs the LFs it was fitted on, with their versions, as JSON
 */
public record ModelRecord(long id, String type, String options, String fitOn, String lfs, String model, String metrics,
                          String createdAt) {
}
