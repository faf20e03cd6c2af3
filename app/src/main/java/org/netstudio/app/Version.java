package org.netstudio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application's version, which Maven filters into {@code version.properties} (so it works from target/classes too). */
public final class Version {

    private static final String RESOURCE = "version.properties";

    private Version() {
    }

    /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} when built without Maven's filtering. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
