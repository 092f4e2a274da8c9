package dev.pairlab.reward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what Pairlab needs from an ONNX model file: the graph's float initializers (and tensors held by
 * Constant nodes) and its nodes' names, operators, inputs and outputs. ONNX files are protocol-buffer
 * messages (onnx.proto); this is a small reader of that wire format for the fields used here, so no
 * protobuf library or ONNX schema is needed. Field numbers are those of onnx.proto (IR version 3 on).
 */
public final class OnnxFile {

    /** A float tensor: its dimensions and values, row-major. */
    public record Tensor(long[] dims, float[] values) {
        public long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /** A graph node: name, operator type, input and output value names. */
    public record Node(String name, String op, List<String> inputs, List<String> outputs) {
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    private OnnxFile() {
    }

    /** Parses a whole model; throws with the offset of the first malformed field. */
    public static OnnxFile parse(byte[] bytes) throws IOException {
        OnnxFile f = new OnnxFile();
        Reader model = new Reader(bytes, 0, bytes.length);
        boolean sawGraph = false;
        while (model.more()) {
            int tag = model.tag();
            if (field(tag) == 7 && wire(tag) == 2) { // ModelProto.graph
                f.graph(model.sub());
                sawGraph = true;
            } else {
                model.skip(tag);
            }
        }
        if (!sawGraph) {
            throw new IOException("not an ONNX model: no graph (field 7) found in " + bytes.length + " bytes");
        }
        return f;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public List<Node> nodes() {
        return nodes;
    }

    private void graph(Reader g) throws IOException {
        while (g.more()) {
            int tag = g.tag();
            switch (field(tag)) {
                case 1 -> node(g.sub()); // GraphProto.node
                case 5 -> { // GraphProto.initializer
                    Named t = tensor(g.sub());
                    if (t != null) {
                        tensors.put(t.name(), t.tensor());
                    }
                }
                default -> g.skip(tag);
            }
        }
    }

    private void node(Reader r) throws IOException {
        String name = "";
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Tensor constant = null;
        while (r.more()) {
            int tag = r.tag();
            switch (field(tag)) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> { // AttributeProto: name = 1, t = 5
                    Reader a = r.sub();
                    String attr = "";
                    Tensor t = null;
                    while (a.more()) {
                        int at = a.tag();
                        if (field(at) == 1) {
                            attr = a.string();
                        } else if (field(at) == 5 && wire(at) == 2) {
                            Named n = tensor(a.sub());
                            t = n == null ? null : n.tensor();
                        } else {
                            a.skip(at);
                        }
                    }
                    if (attr.equals("value") && t != null) {
                        constant = t;
                    }
                }
                default -> r.skip(tag);
            }
        }
        nodes.add(new Node(name, op, List.copyOf(in), List.copyOf(out)));
        if (op.equals("Constant") && constant != null && !out.isEmpty()) {
            tensors.put(out.get(0), constant);
        }
    }

    private record Named(String name, Tensor tensor) {
    }

    /** A TensorProto if it holds floats (data type 1); other types are skipped (null). */
    private static Named tensor(Reader r) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floats = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (field(tag)) {
                case 1 -> { // dims, packed or not
                    if (wire(tag) == 2) {
                        Reader p = r.sub();
                        while (p.more()) {
                            dims.add(p.varint());
                        }
                    } else {
                        dims.add(r.varint());
                    }
                }
                case 2 -> type = (int) r.varint();
                case 4 -> { // float_data, packed or not
                    if (wire(tag) == 2) {
                        Reader p = r.sub();
                        while (p.more()) {
                            floats.add(Float.intBitsToFloat(p.fixed32()));
                        }
                    } else {
                        floats.add(Float.intBitsToFloat(r.fixed32()));
                    }
                }
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 14 -> {
                    if (r.varint() == 1) {
                        throw new IOException("tensor '" + name + "' keeps its data in an external file, which this reader does not follow");
                    }
                }
                default -> r.skip(tag);
            }
        }
        if (type != 1) {
            return null;
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        float[] values;
        if (raw != null) {
            values = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        Tensor t = new Tensor(d, values);
        if (t.size() != values.length) {
            throw new IOException("tensor '" + name + "': dims " + dims + " need " + t.size() + " values, found " + values.length);
        }
        return new Named(name, t);
    }

    private static int field(int tag) {
        return tag >>> 3;
    }

    private static int wire(int tag) {
        return tag & 7;
    }

    /** Protocol-buffer wire format over a byte range. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int tag() throws IOException {
            return (int) varint();
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated varint at byte " + pos);
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint at byte " + pos);
        }

        int fixed32() throws IOException {
            if (pos + 4 > end) {
                throw new IOException("truncated fixed32 at byte " + pos);
            }
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        Reader sub() throws IOException {
            long len = varint();
            if (len < 0 || pos + len > end) {
                throw new IOException("field of " + len + " bytes at byte " + pos + " runs past its message (ends at " + end + ")");
            }
            Reader r = new Reader(b, pos, pos + (int) len);
            pos += (int) len;
            return r;
        }

        byte[] bytes() throws IOException {
            Reader r = sub();
            byte[] out = new byte[r.end - r.pos];
            System.arraycopy(b, r.pos, out, 0, out.length);
            return out;
        }

        String string() throws IOException {
            Reader r = sub();
            return new String(b, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
        }

        void skip(int tag) throws IOException {
            switch (wire(tag)) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> sub();
                case 5 -> pos += 4;
                default -> throw new IOException("unsupported wire type " + wire(tag) + " at byte " + pos);
            }
            if (pos > end) {
                throw new IOException("field runs past its message at byte " + pos);
            }
        }
    }
}
