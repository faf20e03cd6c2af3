package org.netstudio.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void aChoiceIsReadBackByTheNextStartAndNothingChosenIsEmpty() {
        Path file = dir.resolve("data").resolve("settings.properties");
        assertThat(new Settings(file).get(Settings.THEME)).isEmpty();
        new Settings(file).put(Settings.THEME, "dark");
        assertThat(new Settings(file).get(Settings.THEME)).contains("dark");
    }

    @Test
    void anUnreadableFileMeansNothingChosenAndIsReplacedByTheNextChoice() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 't', '=', '\\', 'u', 'z', 'z'});
        Settings settings = new Settings(file);
        assertThat(settings.get(Settings.THEME)).isEmpty();
        settings.put(Settings.THEME, "light");
        assertThat(new Settings(file).get(Settings.THEME)).contains("light");
    }
}
