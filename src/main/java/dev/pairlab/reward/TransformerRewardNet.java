package dev.pairlab.reward;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Placeholder until the encoder lands: a transformer reward model loaded from a checkpoint folder. */
public final class TransformerRewardNet extends RewardNet {

    private TransformerRewardNet(Device device) {
        super(device);
    }

    public static TransformerRewardNet load(Path checkpoint, RewardConfig config, Device device) throws IOException {
        throw new IOException("transformer reward models are not available in this build yet");
    }

    @Override
    public String kind() {
        return "transformer";
    }

    @Override
    public NDArray forward(NDManager step, List<String> contexts, List<String> answers) {
        throw new UnsupportedOperationException("not built yet");
    }
}
