package org.netstudio.engine.torchrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a project is launched: which Python, how many processes per machine, and for a cluster how
 * many machines meet where. One machine runs with {@code --standalone}; several need a rendezvous
 * endpoint ({@code host:port} of one of them). Immutable.
 *
 * @param python the Python that has PyTorch, not null
 * @param processesPerNode training processes on each machine (one per GPU, or a few per CPU), at least 1
 * @param nodes machines taking part, at least 1
 * @param rendezvousEndpoint {@code host:port} where the machines meet; null on one machine
 */
public record TorchrunLaunch(Path python, int processesPerNode, int nodes, String rendezvousEndpoint) {

    /** The word the command line and the trainer panel use for this way of training. */
    public static final String ENGINE = "torchrun";

    /** Processes on one machine when nobody says: the command line's and the trainer panel's default. */
    public static final int DEFAULT_PROCESSES = 2;

    /**
     * Leaves every process's output on the console, written as a mapping for a local rank no machine
     * here has: torchrun's default ({@code 0}, "no redirection") cannot be parsed by PyTorch 1.13 on
     * Python 3.11 (Debian's: its {@code Std.from_str} iterates a flag enum that no longer lists 0),
     * which fails with "'NoneType' object has no attribute 'get'"; the mapping form parses everywhere.
     */
    static final List<String> STREAMS_AS_THEY_ARE = List.of("--redirects=9:1", "--tee=9:1");

    /** Validates the components, quoting a wrong value. */
    public TorchrunLaunch {
        Objects.requireNonNull(python, "python");
        if (processesPerNode < 1) {
            throw new IllegalArgumentException("A torchrun launch needs 1 or more processes, but was " + processesPerNode);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("A torchrun launch needs 1 or more machines, but was " + nodes);
        }
        if (nodes > 1 && (rendezvousEndpoint == null || rendezvousEndpoint.isBlank())) {
            throw new IllegalArgumentException("Training on " + nodes + " machines needs a rendezvous endpoint"
                    + " (host:port of one of them)");
        }
    }

    /** {@code processes} processes on this machine. */
    public static TorchrunLaunch local(Path python, int processes) {
        return new TorchrunLaunch(python, processes, 1, null);
    }

    /**
     * The command that starts the training on this machine: {@code python -m torch.distributed.run}
     * (torchrun's module, so the chosen Python's PyTorch is the one that runs), then train.py's
     * arguments. On one machine the processes meet on a free local port, so that runs side by side
     * never meet each other.
     *
     * @param trainScript the project's train.py
     * @param trainArguments arguments for train.py, e.g. {@code --out DIR}
     * @return the command, one argument per entry
     */
    public List<String> command(Path trainScript, List<String> trainArguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.add("-m");
        cmd.add("torch.distributed.run");
        if (nodes == 1 && rendezvousEndpoint == null) {
            // Not --standalone: it always meets on port 29400, so two runs on one machine (two nets, two
            // windows, two people) would join each other's rendezvous. A free port each.
            String endpoint = "localhost:" + freePort();
            cmd.addAll(List.of("--nnodes=1", "--rdzv_backend=c10d", "--rdzv_endpoint=" + endpoint,
                    "--nproc_per_node=" + processesPerNode));
        } else {
            cmd.addAll(torchrunArguments());
        }
        cmd.addAll(STREAMS_AS_THEY_ARE);
        cmd.add(trainScript.toString());
        cmd.addAll(trainArguments);
        return cmd;
    }

    /**
     * The text to run on every machine of a cluster, from inside the project folder, e.g. {@code
     * torchrun --nnodes=4 --nproc_per_node=8 --rdzv-backend=c10d --rdzv-endpoint=HOST:29500 train.py}.
     * On one machine, the standalone form.
     */
    public String clusterCommand() {
        return "torchrun " + String.join(" ", torchrunArguments()) + " train.py";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for torchrun's rendezvous: " + e.getMessage(), e);
        }
    }

    private List<String> torchrunArguments() {
        List<String> args = new ArrayList<>();
        if (nodes == 1 && rendezvousEndpoint == null) {
            args.add("--standalone");
        } else {
            args.add("--nnodes=" + nodes);
            args.add("--rdzv_backend=c10d");
            args.add("--rdzv_endpoint=" + rendezvousEndpoint);
        }
        args.add("--nproc_per_node=" + processesPerNode);
        return args;
    }
}
