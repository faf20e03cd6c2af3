/**
 * Devices to train and run nets on: {@link org.netstudio.engine.device.DeviceSpec} names one
 * ({@code cpu}, {@code gpu}, {@code gpu:N}), {@link org.netstudio.engine.device.Devices} lists what
 * this machine and build offer and explains why a device is missing.
 */
package org.netstudio.engine.device;
