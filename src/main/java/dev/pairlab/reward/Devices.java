package dev.pairlab.reward;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Picks where training runs. DJL's contract: the PyTorch engine reports the CUDA devices its native
 * library can use ({@link Engine#getGpuCount()}); with the CPU build, or no driver, that is 0. Asking
 * for a GPU then falls back to the CPU with a message saying why, never an error.
 */
public final class Devices {

    static {
        // Never let DJL download anything at run time: the native library comes from the class path.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** The device chosen and, when it is not what was asked for, why. */
    public record Choice(Device device, String description, String fallbackReason) {
    }

    private Devices() {
    }

    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** @param requested "auto" (GPU when there is one), "cpu" or "gpu" */
    public static Choice choose(String requested) {
        return choose(requested, gpuCount());
    }

    static Choice choose(String requested, int gpus) {
        switch (requested) {
            case "cpu":
                return new Choice(Device.cpu(), cpuName(), null);
            case "gpu":
            case "auto":
                if (gpus > 0) {
                    return new Choice(Device.gpu(), "GPU 0 of " + gpus + " (CUDA)", null);
                }
                String why = "no GPU: DJL's PyTorch " + engineVersion() + " sees 0 CUDA devices"
                        + (nativeIsCpuBuild() ? " (this build carries the CPU native library; build with -Pgpu for CUDA 12.4)" : " (no driver or device)")
                        + "; training on the CPU";
                return new Choice(Device.cpu(), cpuName(), requested.equals("gpu") ? why : null);
            default:
                throw new IllegalArgumentException("the device must be auto, cpu or gpu, not '" + requested + "'");
        }
    }

    static int gpuCount() {
        try {
            return engine().getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return 0;
        }
    }

    private static String engineVersion() {
        try {
            return engine().getVersion();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** The native jar's own description says which build it is ("flavor=cpu" or "cu124"). */
    static boolean nativeIsCpuBuild() {
        try (var in = Devices.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return false;
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return "cpu".equals(p.getProperty("flavor"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String cpuName() {
        return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }
}
