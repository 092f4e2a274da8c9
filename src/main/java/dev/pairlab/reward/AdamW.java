package dev.pairlab.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter 2019: decoupled weight decay) over named parameters, with its moment
 * estimates kept as NDArrays so a checkpoint can save and restore them exactly. Also computes the
 * global gradient norm for clipping. Updates run outside autograd (DJL records only inside a
 * GradientCollector).
 */
final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    AdamW(Map<String, NDArray> params, NDManager manager, double beta1, double beta2, double eps, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType(), e.getValue().getDevice()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType(), e.getValue().getDevice()));
        }
    }

    long steps() {
        return t;
    }

    /** The L2 norm of all gradients together. */
    static double gradientNorm(Map<String, NDArray> params) {
        double sq = 0;
        for (NDArray p : params.values()) {
            // The square's result would belong to the parameter's manager and outlive the call: keep it in a scope.
            try (NDManager scope = p.getManager().newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(scope);
                sq += g.square().sum().getFloat();
            }
        }
        return Math.sqrt(sq);
    }

    /**
     * One update with learning rate {@code lr}; gradients are first scaled by {@code gradScale}
     * (clipping and accumulation), then zeroed.
     */
    void step(Map<String, NDArray> params, double lr, double gradScale) {
        step(params, name -> lr, gradScale);
    }

    /** One update where each parameter has its own learning rate (by name). */
    void step(Map<String, NDArray> params, java.util.function.ToDoubleFunction<String> learningRates, double gradScale) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            double lr = learningRates.applyAsDouble(e.getKey());
            try (NDManager scope = p.getManager().newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(scope);
                NDArray grad = g.mul((float) gradScale);
                NDArray mi = m.get(e.getKey());
                NDArray vi = v.get(e.getKey());
                mi.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
                vi.muli((float) beta2).addi(grad.square().muli((float) (1 - beta2)));
                // An op's result belongs to its first operand's manager: results of ops on the moments and the
                // parameter are moved into this step's scope, or each step would leave parameter-sized arrays
                // behind (about 270 MB a step for MiniLM).
                NDArray update = mi.div((float) c1);
                update.attach(scope);
                NDArray denom = vi.div((float) c2);
                denom.attach(scope);
                update.divi(denom.sqrt().addi((float) eps)); // sqrt of an array in the scope stays in the scope
                if (weightDecay > 0) {
                    NDArray decay = p.mul((float) (lr * weightDecay));
                    decay.attach(scope);
                    p.subi(decay);
                }
                p.subi(update.muli((float) lr));
                g.subi(g); // zero the gradient for the next accumulation
            }
        }
    }

    /** Zeros all gradients without updating (after a skipped step). */
    static void zeroGradients(Map<String, NDArray> params) {
        for (NDArray p : params.values()) {
            try (NDArray g = p.getGradient()) {
                g.subi(g);
            }
        }
    }

    void save(Path file) throws IOException {
        NDList list = new NDList();
        for (String k : m.keySet()) {
            NDArray a = m.get(k).toDevice(ai.djl.Device.cpu(), true);
            a.setName("m:" + k);
            list.add(a);
            NDArray b = v.get(k).toDevice(ai.djl.Device.cpu(), true);
            b.setName("v:" + k);
            list.add(b);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            list.encode(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        list.close();
    }

    void load(Path file, long steps) throws IOException {
        try (NoGrad off = NoGrad.enter(); NDManager tmp = NDManager.newBaseManager(ai.djl.Device.cpu()); InputStream in = Files.newInputStream(file)) {
            for (NDArray a : NDList.decode(tmp, in)) {
                String name = a.getName();
                Map<String, NDArray> target = name.startsWith("m:") ? m : v;
                NDArray current = target.get(name.substring(2));
                if (current == null || !current.getShape().equals(a.getShape())) {
                    throw new IOException(file + ": optimizer state does not fit the model (" + name + ")");
                }
                current.set(a.toFloatArray());
            }
        }
        this.t = steps;
    }
}
