package dev.pairlab.reward;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file (Hugging Face's format: an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data) into
 * float arrays. F32, F16 and BF16 tensors are read; others are refused with their name.
 */
public final class Safetensors {

    /** One tensor: its shape and values as float32. */
    public record Tensor(long[] shape, float[] values) {
    }

    private Safetensors() {
    }

    /** Writes float32 tensors in the safetensors layout (names in the map's order). */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode header = Json.MAPPER.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            com.fasterxml.jackson.databind.node.ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = e.getValue().values().length * 4L;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] h = header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(h);
            for (int i = h.length; i < padded; i++) {
                out.write(' ');
            }
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                out.write(b.array());
            }
        }
    }

    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > 100_000_000 || headerLen > ch.size() - 8) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLen + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode h = Json.MAPPER.readTree(new String(header.array(), java.nio.charset.StandardCharsets.UTF_8));
            long base = 8 + headerLen;
            Map<String, Tensor> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = h.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                String dtype = t.path("dtype").asText();
                long[] shape = new long[t.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.path("shape").get(i).asLong();
                    count *= shape[i];
                }
                long from = t.path("data_offsets").get(0).asLong();
                long to = t.path("data_offsets").get(1).asLong();
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    default -> throw new IOException(file + ": tensor '" + e.getKey() + "' has dtype " + dtype + "; only F32, F16 and BF16 are read");
                };
                if (to - from != count * width) {
                    throw new IOException(file + ": tensor '" + e.getKey() + "' has " + (to - from) + " bytes for shape " + java.util.Arrays.toString(shape));
                }
                ByteBuffer data = ByteBuffer.allocate((int) (to - from)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, data, base + from);
                data.flip();
                float[] values = new float[(int) count];
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (dtype) {
                        case "F32" -> data.getFloat();
                        case "BF16" -> Float.intBitsToFloat((data.getShort() & 0xFFFF) << 16);
                        default -> halfToFloat(data.getShort());
                    };
                }
                out.put(e.getKey(), new Tensor(shape, values));
            }
            return out;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    /** IEEE 754 half precision to float. */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f * (float) Math.pow(2, -14);
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
