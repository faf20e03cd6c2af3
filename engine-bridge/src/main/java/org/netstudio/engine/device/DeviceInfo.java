package org.netstudio.engine.device;

import java.util.Objects;

/**
 * One device the engine can use, for a device list in the GUI or the command line.
 *
 * @param spec the device's name, never null
 * @param description a short human description, e.g. "CPU (8 cores)" or "CUDA GPU 0", never null
 */
public record DeviceInfo(DeviceSpec spec, String description) {

    /** Checks that neither component is null. */
    public DeviceInfo {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(description, "description");
    }
}
