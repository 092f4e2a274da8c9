package dev.pairlab.reward;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch is per thread and on by default, while DJL turns it off only on the
 * thread that started the engine. Training and scoring run on whatever thread the caller has (a GUI
 * worker, a test thread), so every update, load and evaluation states the mode it needs.
 */
final class NoGrad implements AutoCloseable {

    private final boolean was;

    private NoGrad() {
        Devices.engine(); // loads the native library before its first use
        was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** Autograd off until close, then back as it was. */
    static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(was);
    }
}
