package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.JsonNode;

/** One record as read from a container (a JSONL line, a JSON array element, a CSV row). */
record RawRecord(long line, JsonNode node, RecordError error) {

    static RawRecord of(long line, JsonNode node) {
        return new RawRecord(line, node, null);
    }

    static RawRecord broken(long line, String message) {
        return new RawRecord(line, null, new RecordError(line, null, message));
    }
}
