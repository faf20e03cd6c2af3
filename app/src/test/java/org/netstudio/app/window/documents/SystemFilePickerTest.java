package org.netstudio.app.window.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the platform's chooser returns, as saved (the chooser itself cannot run in a test). */
class SystemFilePickerTest {

    @Test
    void aNameWithoutAnOfferedExtensionGetsTheChosenOne() {
        assertThat(SystemFilePicker.withExtension(Path.of("/nets/lenet"), ".nsnet", List.of(".json", ".nsnet")))
                .isEqualTo(Path.of("/nets/lenet.nsnet"));
        assertThat(SystemFilePicker.withExtension(Path.of("/nets/lenet.png"), ".json", List.of(".json", ".nsnet")))
                .isEqualTo(Path.of("/nets/lenet.png.json"));
    }

    @Test
    void aNameThatHasAnOfferedExtensionIsKept() {
        assertThat(SystemFilePicker.withExtension(Path.of("/nets/LeNet.JSON"), ".nsnet", List.of(".json", ".nsnet")))
                .isEqualTo(Path.of("/nets/LeNet.JSON"));
        assertThat(SystemFilePicker.withExtension(Path.of("/out/model.onnx"), ".onnx", List.of(".onnx")))
                .as("an ONNX export typed with its extension").isEqualTo(Path.of("/out/model.onnx"));
    }
}
