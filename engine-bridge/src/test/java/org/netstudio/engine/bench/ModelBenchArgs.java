package org.netstudio.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the benches that time a list of models, {@code [rounds batch models…]}, and
 * what those benches share: the images' size, the threads, and the PyTorch side (torchvision_zoo.py).
 *
 * @param rounds how many times each model is timed (or run)
 * @param batch examples a batch
 * @param models the models, by the names torchvision_zoo.py knows
 */
record ModelBenchArgs(int rounds, int batch, List<String> models) {

    /** The side of the images, 224 as torchvision's classifiers take them. */
    static final int SIZE = 224;
    /** Threads each way (PyTorch, ONNX Runtime, NetStudio). */
    static final int THREADS = 2;
    /** The default batch: 8 images (or 8 sequences). */
    static final int DEFAULT_BATCH = 8;

    /** Reads {@code args}, each missing one taking its default. */
    static ModelBenchArgs parse(String[] args, int defaultRounds, List<String> defaultModels) {
        return new ModelBenchArgs(BenchArgs.integer(args, 0, defaultRounds),
                BenchArgs.integer(args, 1, DEFAULT_BATCH),
                args.length > 2 ? Arrays.asList(args).subList(2, args.length) : defaultModels);
    }

    /**
     * Starts torchvision_zoo.py on the models: it exports each into {@code folder}, times it {@code rounds} times on
     * {@code threads} threads, prints a line of JSON and waits for a line on its input before the next.
     */
    Process startZoo(Path folder, int rounds, int threads) throws IOException {
        List<String> command = new ArrayList<>(List.of(PyTorchPeer.PYTHON.toString(), "src/test/python/torchvision_zoo.py",
                folder.toString(), Integer.toString(batch), Integer.toString(SIZE), Integer.toString(rounds),
                Integer.toString(threads)));
        command.addAll(models);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
