package org.netstudio.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.torchrun.PythonFinder;

/**
 * {@code ./bench torchrun [EXAMPLES EPOCHS PROCESSES]}: the gallery's Fashion-MNIST CNN trained
 * with one recipe by NetStudio and by its exported PyTorch project under torchrun (default: all
 * 60,000 training images, 2 epochs, 2 processes), each side's test accuracy and time, and the test
 * accuracy {@code netstudio eval} gives PyTorch's weights imported back.
 */
public final class TorchrunBench {

    private TorchrunBench() {
    }

    public static void main(String[] args) throws Exception {
        int examples = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int processes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        PythonFinder.Found python = PythonFinder.find().orElseThrow(() -> new IllegalStateException(
                "no Python with PyTorch among " + PythonFinder.candidates()));
        MemoryDataset all = FashionMnist.DATASET.load();
        Dataset test = all.testSet().orElseThrow();
        ExampleTable first = ExampleTable.of(all.slice(0, Math.min(examples, all.size())));
        ExampleTable table = new ExampleTable(first.name(), first.columns(), ExampleTable.of(test), first.classNames());
        Path dir = Files.createTempDirectory("torchrun-bench");
        System.out.printf("fashion-cnn, %d training images, %d epochs; PyTorch %s (%s) on %d processes%n",
                first.size(), epochs, python.torchVersion(), python.python(), processes);
        TorchrunParity p = TorchrunParity.measure("fashion-cnn", "fashion-mnist", table, epochs, python.python(),
                processes, dir);
        System.out.println(p);
        System.out.println("(project and nets in " + dir + ")");
    }
}
