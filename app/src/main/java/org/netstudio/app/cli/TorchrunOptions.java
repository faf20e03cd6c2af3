package org.netstudio.app.cli;

import java.nio.file.Path;
import org.netstudio.engine.torchrun.PythonFinder;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import picocli.CommandLine.Option;

/**
 * {@code --engine}, {@code --processes} and {@code --python} (a picocli mixin): who trains, NetStudio
 * here or PyTorch's torchrun on an exported project, and with which Python.
 */
final class TorchrunOptions {

    @Option(names = "--engine", paramLabel = "netstudio|torchrun", defaultValue = "netstudio",
            description = "Who trains: netstudio (here), or torchrun: the net exported as a PyTorch project (as export"
                    + " --pytorch writes it) and trained by PyTorch's DistributedDataParallel on --processes processes,"
                    + " its best weights brought back and saved as here (default ${DEFAULT-VALUE}).")
    private String engine;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "" + TorchrunLaunch.DEFAULT_PROCESSES,
            description = "With --engine torchrun: how many training processes (default ${DEFAULT-VALUE}).")
    private int processes;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "With --engine torchrun: the Python with PyTorch to run (default: the first that imports torch"
                    + " of $NETSTUDIO_PYTHON, python3, python, /usr/bin/python3).")
    private Path python;

    /** Validates the options, naming the option. */
    void check(Subcommand command) {
        if (!engine.equals("netstudio") && !engine.equals(TorchrunLaunch.ENGINE)) {
            throw command.usage("--engine " + engine + ": train with netstudio or " + TorchrunLaunch.ENGINE);
        }
        if (processes < 1) {
            throw command.usage("--processes must be at least 1, but was " + processes);
        }
    }

    /** Whether torchrun trains rather than NetStudio. */
    boolean isTorchrun() {
        return TorchrunLaunch.ENGINE.equals(engine);
    }

    /** How many training processes. */
    int processes() {
        return processes;
    }

    /** The Python with PyTorch to run: --python's, else the first found. */
    Path python() {
        return python != null
                ? PythonFinder.probe(python).orElseThrow(() -> CommandFailure.unreadable("--python " + python
                        + ": it does not run, or cannot import torch")).python()
                : PythonFinder.find().orElseThrow(() -> CommandFailure.unreadable("no Python with PyTorch (tried "
                        + PythonFinder.candidates() + "); install PyTorch (Debian: python3-torch) or give --python"))
                        .python();
    }
}
