package org.netstudio.engine.device;

import java.util.Locale;
import java.util.Objects;

/**
 * A device a net runs on, as a person names it: {@code cpu}, {@code gpu} (the first CUDA GPU) or
 * {@code gpu:N}. This is only a name; {@link Devices#resolve(DeviceSpec)} checks that the device
 * exists and turns it into a DJL device.
 *
 * <p>Immutable and thread-safe. {@link #toString()} gives the canonical text that {@link
 * #parse(String)} reads back ({@code cpu}, {@code gpu:0}, {@code gpu:1}, …).
 *
 * @param kind CPU or GPU, never null
 * @param index the GPU number from 0; always 0 for the CPU
 */
public record DeviceSpec(Kind kind, int index) {

    /** The kind of a device. */
    public enum Kind {
        /** The host processor(s); always present. */
        CPU,
        /** A CUDA GPU. */
        GPU
    }

    /** The CPU. */
    public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, 0);

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if the index is negative, or not 0 for the CPU
     */
    public DeviceSpec {
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new IllegalArgumentException("A device index must be 0 or more, but was " + index);
        }
        if (kind == Kind.CPU && index != 0) {
            throw new IllegalArgumentException("The CPU has no index, but " + index + " was given");
        }
    }

    /**
     * Returns the GPU with the given number.
     *
     * @param index the GPU number, from 0
     * @return the spec {@code gpu:index}
     */
    public static DeviceSpec gpu(int index) {
        return new DeviceSpec(Kind.GPU, index);
    }

    /**
     * Parses {@code cpu}, {@code gpu}, {@code gpu:N} (also {@code cuda}, {@code cuda:N}),
     * ignoring case and surrounding blanks.
     *
     * @param text the text to parse, not null
     * @return the device spec
     * @throws IllegalArgumentException with a message quoting the text when it is not a device
     */
    public static DeviceSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        String name = t;
        String number = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            name = t.substring(0, colon);
            number = t.substring(colon + 1);
        }
        if (name.equals("gpu") || name.equals("cuda")) {
            if (number == null) {
                return gpu(0);
            }
            if (!number.isEmpty() && number.length() <= 4 && number.chars().allMatch(Character::isDigit)) {
                return gpu(Integer.parseInt(number));
            }
            throw new IllegalArgumentException(
                    "Unknown device '" + text + "': a GPU number must be a whole number, as in gpu:1");
        }
        throw new IllegalArgumentException(
                "Unknown device '" + text + "': use cpu, gpu or gpu:N (N = 0, 1, …)");
    }

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "gpu:" + index;
    }
}
