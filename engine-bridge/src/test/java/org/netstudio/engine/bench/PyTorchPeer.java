package org.netstudio.engine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A bench's PyTorch side: a Python script under {@code src/test/python} (for TrainingThroughputBench
 * the same small CNN, {@code pytorch_throughput.py}) kept running as a subprocess that answers one
 * line per request, so that its rounds interleave with the Java loops in one run. Needs
 * Debian's {@code python3-torch} under {@code /usr/bin/python3} (the interpreter first on PATH may be
 * another one, without torch). Not thread-safe.
 */
final class PyTorchPeer implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = "pytorch_throughput.py";

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String banner;

    private PyTorchPeer(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String first = out.readLine();
        if (first == null || !first.startsWith("ready")) {
            process.destroy();
            throw new IOException("the PyTorch script did not start (" + first + ")");
        }
        this.banner = first.substring("ready".length()).strip();
    }

    /**
     * Starts the script, or explains why it cannot run.
     *
     * @param examples the most examples a round asks for
     * @param batchSize examples per update
     * @param threads PyTorch intra-op threads, as the Java loops use
     * @param data the Fashion-MNIST folder, or empty for random images of the same shape
     * @return the peer, or empty (the reason printed) when Python with torch or the script is missing
     */
    static Optional<PyTorchPeer> start(int examples, int batchSize, int threads, Optional<Path> data) {
        List<String> args = new java.util.ArrayList<>(List.of("--examples", Integer.toString(examples), "--batch",
                Integer.toString(batchSize), "--threads", Integer.toString(threads)));
        data.ifPresent(folder -> args.addAll(List.of("--data", folder.toString())));
        return start(SCRIPT, args);
    }

    /**
     * Starts a script of {@code src/test/python} that prints "ready …" once it is, or explains why it cannot run.
     *
     * @param script the script's file name
     * @param args   its arguments
     * @return the peer, or empty (the reason printed) when Python with torch or the script is missing
     */
    static Optional<PyTorchPeer> start(String script, List<String> args) {
        Optional<Path> file = script(script);
        if (!Files.isExecutable(PYTHON) || file.isEmpty()) {
            System.out.println("PyTorch from Python: skipped (" + (file.isEmpty() ? "no src/test/python/" + script
                    : "no " + PYTHON) + ")");
            return Optional.empty();
        }
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), file.get().toString()));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // The script sets its thread count itself; keep OpenMP's workers from spinning between batches, as the Java side does.
            builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            return Optional.of(new PyTorchPeer(builder.start()));
        } catch (IOException e) {
            System.out.println("PyTorch from Python: skipped (" + e.getMessage() + "; is python3-torch installed?)");
            return Optional.empty();
        }
    }

    /** Where the script is: beside the module (exec:java from the module) or from the repository root. */
    private static Optional<Path> script(String name) {
        Path inModule = Path.of("src", "test", "python", name);
        for (Path p : List.of(inModule, Path.of("engine-bridge").resolve(inModule))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** PyTorch's version and thread count, as the script reports them. */
    String banner() {
        return banner;
    }

    /** Trains one epoch on the first {@code examples} examples; returns the batch loop's samples per second. */
    double epoch(int examples) throws IOException {
        return Double.parseDouble(request(Integer.toString(examples), "samples_per_second "));
    }

    /**
     * Sends one request line and reads the answer.
     *
     * @param line   the request
     * @param prefix what the answer starts with
     * @return the answer after the prefix, stripped
     * @throws IOException when the script stopped or answered something else
     */
    String request(String line, String prefix) throws IOException {
        in.write(line + "\n");
        in.flush();
        String answer = out.readLine();
        if (answer == null || !answer.startsWith(prefix)) {
            throw new IOException("the PyTorch script stopped (" + answer + ")");
        }
        return answer.substring(prefix.length()).strip();
    }

    @Override
    public void close() {
        try {
            in.write("\n");
            in.flush();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
