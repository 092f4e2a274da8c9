package dev.pairlab.reward;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reward model: (context, answer) ↦ a scalar. Parameters are named NDArrays that live in the
 * net's own manager on its device; {@link #forward} builds the graph in a short-lived manager, so
 * that inside a GradientCollector the rewards can be differentiated with respect to them.
 */
public abstract class RewardNet implements AutoCloseable {

    protected final NDManager manager;
    /** Trainable parameters, in a fixed order. */
    protected final Map<String, NDArray> params = new LinkedHashMap<>();
    /** Fixed arrays saved with the model (normalization statistics and the like). */
    protected final Map<String, NDArray> buffers = new LinkedHashMap<>();

    protected RewardNet(Device device) {
        this.manager = NDManager.newBaseManager(device);
    }

    public abstract String kind();

    /**
     * Rewards for the given (context, answer) pairs, shape [n], attached to {@code step}. With a length
     * term this is the quality part q alone: what evaluation, scoring and the saved model give.
     */
    public abstract NDArray forward(NDManager step, List<String> contexts, List<String> answers);

    /** Adds a learned length term g (decision 0015); trained beside the network, never part of {@link #forward}. */
    protected final void addLengthTerm() {
        param(LengthTerm.PARAM, LengthTerm.initial(manager));
    }

    public boolean hasLengthTerm() {
        return params.containsKey(LengthTerm.PARAM);
    }

    /** g(len) of each answer, shape [n], attached to {@code step}; only for a net with a length term. */
    public NDArray lengthReward(NDManager step, List<String> answers) {
        NDArray knots = params.get(LengthTerm.PARAM);
        if (knots == null) {
            throw new IllegalStateException("this " + kind() + " model has no length term");
        }
        return LengthTerm.apply(step, knots, answers);
    }

    public Map<String, NDArray> parameters() {
        return params;
    }

    public Device device() {
        return manager.getDevice();
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray p : params.values()) {
            n += p.size();
        }
        return n;
    }

    protected NDArray param(String name, NDArray value) {
        value.setName(name);
        value.setRequiresGradient(true);
        params.put(name, value);
        return value;
    }

    protected NDArray buffer(String name, NDArray value) {
        value.setName(name);
        buffers.put(name, value);
        return value;
    }

    /** Writes parameters and buffers as one named NDList (DJL's format). */
    public void saveParameters(Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray copy = e.getValue().toDevice(ai.djl.Device.cpu(), true);
            copy.setName("param:" + e.getKey());
            list.add(copy);
        }
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            NDArray copy = e.getValue().toDevice(ai.djl.Device.cpu(), true);
            copy.setName("buffer:" + e.getKey());
            list.add(copy);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            list.encode(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces parameter and buffer values with those of a file written by {@link #saveParameters}. */
    public void loadParameters(Path file) throws IOException {
        try (NoGrad off = NoGrad.enter(); NDManager tmp = NDManager.newBaseManager(ai.djl.Device.cpu()); InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(tmp, in);
            for (NDArray a : list) {
                String name = a.getName();
                Map<String, NDArray> target = name.startsWith("param:") ? params : buffers;
                String key = name.substring(name.indexOf(':') + 1);
                NDArray current = target.get(key);
                if (current == null) {
                    throw new IOException(file + ": unexpected array '" + key + "' for a " + kind() + " model");
                }
                if (!current.getShape().equals(a.getShape())) {
                    throw new IOException(file + ": '" + key + "' has shape " + a.getShape() + ", the model expects " + current.getShape());
                }
                current.set(a.toDevice(current.getDevice(), false).toType(current.getDataType(), false).toFloatArray());
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
