package org.netstudio.app.document;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.netstudio.netgraph.io.AtomicFiles;

/**
 * What the person chose that outlives the window (the theme, the trainer panel's height), as
 * {@code key=value} lines in {@code <data>/settings.properties}. A missing or unreadable file means
 * "nothing chosen yet"; a choice that cannot be written is kept for this run only. No JavaFX; use
 * on one thread.
 */
public final class Settings {

    /** The theme's name ("light", "dark"). */
    public static final String THEME = "theme";
    /** Where the person last dragged the trainer panel's top edge: the share of the height above it ("0.550"). */
    public static final String TRAINER_DIVIDER = "trainer.divider";

    private final Path store;
    private final Properties values = new Properties();

    /** Settings read from and written to {@code store}; null keeps them in memory only (tests). */
    public Settings(Path store) {
        this.store = store;
        if (store != null && Files.isRegularFile(store)) {
            try (Reader in = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    /** The settings in the user's data folder. */
    public static Settings inDataFolder() {
        return new Settings(DataFolder.resolve().resolve("settings.properties"));
    }

    /** Settings that are forgotten when the window closes. */
    public static Settings inMemory() {
        return new Settings(null);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    /** Remembers {@code value} and writes the file (atomically); the file is a convenience, so a failure is ignored. */
    public void put(String key, String value) {
        if (value.equals(values.getProperty(key))) {
            return;
        }
        values.setProperty(key, value);
        if (store == null) {
            return;
        }
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            AtomicFiles.write(store, text().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // remembered for this run; the next choice tries again
        }
    }

    private String text() throws IOException {
        StringWriter out = new StringWriter();
        values.store(out, "NetStudio settings");
        return out.toString();
    }
}
