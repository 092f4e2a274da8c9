package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson configuration every part of Pairlab reads and writes JSON with. */
public final class Json {

    /**
     * Answers in real data can be long (whole documents, code); Jackson's default 20 MB string limit
     * would reject records that are merely large, so allow up to 256 MB per string.
     */
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(256 * 1024 * 1024)
            .maxNestingDepth(1000)
            .build();

    public static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Reads one value from a parser positioned inside a larger document (a JSON array's element). */
    public static final ObjectReader ELEMENT_READER = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }
}
