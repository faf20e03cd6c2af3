package org.netstudio.engine.device;

/**
 * Thrown when a device is asked for that this machine or this build cannot provide. The message
 * is meant for a person: it says what was asked for, what exists, and what to do.
 */
public final class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the explanation shown to the user
     */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
