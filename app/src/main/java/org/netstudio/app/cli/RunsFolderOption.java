package org.netstudio.app.cli;

import java.nio.file.Path;
import org.netstudio.app.document.RunsFolder;
import org.netstudio.engine.runs.RunStore;
import picocli.CommandLine.Option;

/** Picocli mixin: {@code --runs DIR}, the run records' folder, for {@code train} and {@code runs}. */
final class RunsFolderOption {

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Where run records are kept (default: runs/ in NetStudio's data folder, or -D"
                    + RunsFolder.PROPERTY + ").")
    private Path runs;

    /** The store the option points at, else the user's. */
    RunStore store() {
        return runs != null ? RunStore.at(runs) : RunsFolder.store();
    }
}
