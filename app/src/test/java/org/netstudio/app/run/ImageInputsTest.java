package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image file: a picture, or a sentence naming the file. */
class ImageInputsTest {

    @TempDir
    Path dir;

    @Test
    void readsAPng() throws IOException {
        Path file = FashionMnistPictures.testSet().write(0, dir).file();
        assertThat(ImageInputs.read(file).getWidth()).isEqualTo(28);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ImageInputs.read(dir.resolve("shoe.png")))
                .isInstanceOf(IOException.class).hasMessage("There is no image file “shoe.png”.");
    }

    @Test
    void aFileThatIsNoImageIsNamed() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertThatThrownBy(() -> ImageInputs.read(notes))
                .isInstanceOf(IOException.class)
                .hasMessage("“notes.png” is not an image NetStudio can read (PNG, JPEG, BMP or GIF).");
    }
}
