package org.netstudio.app.cli;

import java.io.PrintWriter;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Option;

/**
 * The {@code --target COLUMN} and {@code --download} that go with the {@code --data} of eval, lr-find
 * and sweep (a picocli mixin), and the opening of that data through {@link DataArgument}.
 */
final class DataOptions {

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column a CSV file's net predicts.")
    private String target;

    @Option(names = "--download", description = "Download Fashion-MNIST or MNIST from their official source when not on disk.")
    private boolean download;

    /** The CSV target column, or null. */
    String target() {
        return target;
    }

    /** The data named by {@code --data}, for {@code net}; download progress goes to {@code progress}. */
    Dataset open(String data, NetNode net, PrintWriter progress) throws DataArgument.DataException {
        return DataArgument.open(data, target, download, net, progress);
    }

    /** The same as a table of columns, its test split attached. */
    ExampleTable openTable(String data, NetNode net, PrintWriter progress) throws DataArgument.DataException {
        return DataArgument.openTable(data, target, download, net, progress);
    }
}
