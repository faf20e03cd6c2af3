package org.netstudio.app.document;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where NetStudio keeps what it writes for the user (recent files, autosaves): the platform's
 * per-user data folder, or {@code -Dnetstudio.data.dir=…} (tests point it at a temporary folder).
 */
public final class DataFolder {

    /** The system property that overrides the folder. */
    public static final String PROPERTY = "netstudio.data.dir";

    private DataFolder() {
    }

    /** The data folder for this user and platform; not created here. */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home", ".")));
    }

    static Path resolve(String override, String osName, Map<String, String> env, Path home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve("NetStudio");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("NetStudio");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share") : Path.of(xdg)).resolve("netstudio");
    }
}
