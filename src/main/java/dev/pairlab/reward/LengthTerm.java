package dev.pairlab.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The length part g of a length-controlled reward r(x) = q(x) + g(len(x)) (decision 0015): a
 * piecewise-linear function of ℓ = log(1 + characters of the answer), its value at knots 0, 0.5, …,
 * 12 learned (linear interpolation between knots, constant beyond the last; 12 is about 160,000
 * characters). Linear in its parameters and local: a knot only moves where there are answers of
 * that length. It sees nothing but the answer's length, so whatever of the preference length
 * explains can go here rather than into the quality head q, which is all that evaluation, scoring
 * and the saved model's rewards use. The idea of a separate length head is ODIN's (Chen et al. 2024,
 * "ODIN: Disentangled Reward Mitigates Hacking in RLHF").
 */
public final class LengthTerm {

    /** The parameter's name among the net's parameters (saved and checkpointed with them). */
    public static final String PARAM = "length.knots";
    static final double SPACING = 0.5;
    static final int KNOTS = 25;
    /**
     * g's peak learning rate (the run's schedule shape, this height): it must learn at the rate of a
     * small model even when a transformer's encoder fine-tunes at 8e-6, or the quality head absorbs
     * length first.
     */
    static final double LEARNING_RATE = 3e-2;

    private LengthTerm() {
    }

    /** ℓ = log(1 + characters): the length g and the decorrelation penalty see. */
    public static double logLength(String answer) {
        return Math.log1p(answer.length());
    }

    /** The interpolation weights of each answer over the knots, row-major n × {@link #KNOTS}. */
    static float[] basis(List<String> answers) {
        float[] b = new float[answers.size() * KNOTS];
        for (int i = 0; i < answers.size(); i++) {
            double x = Math.min(logLength(answers.get(i)) / SPACING, KNOTS - 1);
            int k = (int) Math.floor(x);
            double frac = x - k;
            b[i * KNOTS + k] = (float) (1 - frac);
            if (k + 1 < KNOTS) {
                b[i * KNOTS + k + 1] += (float) frac;
            }
        }
        return b;
    }

    /** g for each answer, shape [n], differentiable with respect to {@code knots}. */
    static NDArray apply(NDManager step, NDArray knots, List<String> answers) {
        NDArray b = step.create(basis(answers), new Shape(answers.size(), KNOTS)).toDevice(knots.getDevice(), false);
        return b.matMul(knots.reshape(KNOTS, 1)).reshape(answers.size());
    }

    /** A fresh g: zero everywhere. */
    static NDArray initial(NDManager manager) {
        return manager.zeros(new Shape(KNOTS));
    }
}
