package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes one JSON object a line; subclasses write the fields of one pair. */
abstract class JsonLinesWriter implements PairWriter {

    private final JsonGenerator gen;

    JsonLinesWriter(OutputStream out) throws IOException {
        this.gen = Json.MAPPER.getFactory().createGenerator(out);
        // One object a line: the generator's default root separator is a space.
        this.gen.setRootValueSeparator(null);
    }

    /** Writes the pair's fields into the open object; false if the pair cannot be written. */
    protected abstract boolean canWrite(Pair pair);

    protected abstract void fields(JsonGenerator g, Pair pair) throws IOException;

    @Override
    public final boolean write(Pair pair) throws IOException {
        return write(pair, Map.of());
    }

    @Override
    public final boolean write(Pair pair, Map<String, Object> extra) throws IOException {
        if (!canWrite(pair)) {
            return false;
        }
        gen.writeStartObject();
        fields(gen, pair);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            gen.writeObjectField(e.getKey(), e.getValue());
        }
        gen.writeEndObject();
        gen.writeRaw('\n');
        return true;
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
