package org.netstudio.engine.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The devices available for training and inference: the CPU, and each CUDA GPU that the engine
 * reports.
 *
 * <p>{@link #system()} asks DJL (which loads the PyTorch native library on first use); the public
 * constructor takes the facts as values so that the rules can be tested on a machine without a GPU.
 * Instances are immutable and thread-safe.
 */
public final class Devices {

    private final int gpuCount;
    private final boolean cudaBuild;
    private final int cpuCores;

    /**
     * Creates a device list from known facts.
     *
     * @param gpuCount the number of CUDA GPUs the engine sees, 0 or more
     * @param cudaBuild whether the PyTorch library in use was built with CUDA
     */
    public Devices(int gpuCount, boolean cudaBuild) {
        if (gpuCount < 0) {
            throw new IllegalArgumentException("gpuCount must be 0 or more, but was " + gpuCount);
        }
        this.gpuCount = gpuCount;
        this.cudaBuild = cudaBuild;
        this.cpuCores = Runtime.getRuntime().availableProcessors();
    }

    /**
     * Returns the devices of this machine as the default DJL engine reports them. Loads the engine
     * if it is not loaded yet (this may take a second).
     *
     * @return the device list
     */
    public static Devices system() {
        DjlSetup.beforeEngineLoads();
        Engine engine = Engine.getInstance();
        return new Devices(engine.getGpuCount(), engine.hasCapability(StandardCapabilities.CUDA));
    }

    /** The number of CUDA GPUs. */
    public int gpuCount() {
        return gpuCount;
    }

    /**
     * Lists the CPU first, then each GPU in order.
     *
     * @return an unmodifiable list with at least the CPU
     */
    public List<DeviceInfo> list() {
        List<DeviceInfo> devices = new ArrayList<>();
        devices.add(new DeviceInfo(DeviceSpec.CPU, "CPU (" + cpuCores + (cpuCores == 1 ? " core)" : " cores)")));
        for (int i = 0; i < gpuCount; i++) {
            devices.add(new DeviceInfo(DeviceSpec.gpu(i), "CUDA GPU " + i));
        }
        return List.copyOf(devices);
    }

    /**
     * Checks that a device exists, without touching the engine.
     *
     * @param spec the device asked for, not null
     * @throws DeviceUnavailableException with an explanation when it does not exist
     */
    public void check(DeviceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!spec.isGpu()) {
            return;
        }
        if (gpuCount == 0) {
            if (!cudaBuild) {
                throw new DeviceUnavailableException(
                        "No CUDA GPU found: this build uses the CPU-only PyTorch library; build with"
                                + " -Pcuda (mvn -Pcuda package) on a machine with an NVIDIA GPU and"
                                + " driver to train on the GPU, or choose the device cpu.");
            }
            throw new DeviceUnavailableException(
                    "No CUDA GPU found: PyTorch was built with CUDA but sees no GPU; check that the"
                            + " NVIDIA driver is installed (nvidia-smi), or choose the device cpu.");
        }
        if (spec.index() >= gpuCount) {
            throw new DeviceUnavailableException(
                    "There is no " + spec + ": this machine has " + gpuCount + " CUDA GPU"
                            + (gpuCount == 1 ? " (gpu:0)" : "s (gpu:0 to gpu:" + (gpuCount - 1) + ")")
                            + ".");
        }
    }

    /**
     * Checks a device and returns the matching DJL device.
     *
     * @param spec the device asked for, not null
     * @return the DJL device
     * @throws DeviceUnavailableException with an explanation when it does not exist
     */
    public Device resolve(DeviceSpec spec) {
        check(spec);
        return spec.isGpu() ? Device.gpu(spec.index()) : Device.cpu();
    }
}
