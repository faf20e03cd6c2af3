package org.netstudio.app.document;

import java.nio.file.Path;
import org.netstudio.engine.runs.RunStore;

/**
 * Where the window and the command line keep run records: {@code runs/} in the user's {@link
 * DataFolder}, or {@code -Dnetstudio.runs.dir=…} (the command line's {@code --runs DIR} wins over
 * both). One store for both doors, so a run trained in one is listed in the other.
 */
public final class RunsFolder {

    /** The system property that overrides the folder. */
    public static final String PROPERTY = "netstudio.runs.dir";

    private RunsFolder() {
    }

    /** The runs folder for this user; not created here. */
    public static Path resolve() {
        String override = System.getProperty(PROPERTY);
        return override != null && !override.isBlank() ? Path.of(override) : DataFolder.resolve().resolve("runs");
    }

    /** The store of this user's runs. */
    public static RunStore store() {
        return RunStore.at(resolve());
    }
}
