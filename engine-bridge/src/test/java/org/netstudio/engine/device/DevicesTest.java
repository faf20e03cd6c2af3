package org.netstudio.engine.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DevicesTest {

    @ParameterizedTest
    @CsvSource({"cpu, cpu", "CPU, cpu", " gpu , gpu:0", "gpu:1, gpu:1", "GPU:12, gpu:12", "cuda, gpu:0", "cuda:3, gpu:3"})
    void parsesDeviceNames(String text, String canonical) {
        DeviceSpec spec = DeviceSpec.parse(text);
        assertThat(spec.toString()).isEqualTo(canonical);
        assertThat(DeviceSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu", "", "gpu:", "gpu:x", "gpu:-1", "cpu:0", "gpu:99999"})
    void rejectsOtherNamesQuotingThem(String text) {
        assertThatThrownBy(() -> DeviceSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown device '" + text + "'");
    }

    @Test
    void componentsAreValidated() {
        assertThatThrownBy(() -> new DeviceSpec(DeviceSpec.Kind.CPU, 1)).hasMessage("The CPU has no index, but 1 was given");
        assertThatThrownBy(() -> DeviceSpec.gpu(-1)).hasMessage("A device index must be 0 or more, but was -1");
    }

    @Test
    void listsTheCpuFirstThenEachGpu() {
        assertThat(new Devices(0, false).list()).extracting(DeviceInfo::spec).containsExactly(DeviceSpec.CPU);
        assertThat(new Devices(2, true).list()).extracting(DeviceInfo::spec)
                .containsExactly(DeviceSpec.CPU, DeviceSpec.gpu(0), DeviceSpec.gpu(1));
        assertThat(new Devices(2, true).list().get(2).description()).isEqualTo("CUDA GPU 1");
        assertThat(new Devices(0, false).list().get(0).description()).startsWith("CPU (");
    }

    @Test
    void askingForAGpuOnACpuOnlyBuildExplainsTheProfile() {
        Devices devices = new Devices(0, false);
        assertThatThrownBy(() -> devices.resolve(DeviceSpec.gpu(0)))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("No CUDA GPU found: this build uses the CPU-only PyTorch library; build with -Pcuda");
        assertThat(devices.resolve(DeviceSpec.CPU)).isEqualTo(Device.cpu());
    }

    @Test
    void askingForAGpuWithoutDriverPointsAtTheDriver() {
        assertThatThrownBy(() -> new Devices(0, true).check(DeviceSpec.gpu(0)))
                .hasMessageStartingWith("No CUDA GPU found: PyTorch was built with CUDA but sees no GPU");
    }

    @Test
    void askingForAMissingGpuNamesTheOnesThatExist() {
        Devices devices = new Devices(2, true);
        assertThat(devices.resolve(DeviceSpec.gpu(1))).isEqualTo(Device.gpu(1));
        assertThatThrownBy(() -> devices.resolve(DeviceSpec.gpu(2)))
                .hasMessage("There is no gpu:2: this machine has 2 CUDA GPUs (gpu:0 to gpu:1).");
        assertThatThrownBy(() -> new Devices(1, true).check(DeviceSpec.gpu(1)))
                .hasMessage("There is no gpu:1: this machine has 1 CUDA GPU (gpu:0).");
    }

    @Test
    void theSystemListStartsWithTheCpu() {
        Devices system = Devices.system();
        assertThat(system.list()).isNotEmpty();
        assertThat(system.list().get(0).spec()).isEqualTo(DeviceSpec.CPU);
        assertThat(system.list()).hasSize(1 + system.gpuCount());
    }
}
