package org.netstudio.app.cli;

import java.io.PrintWriter;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Option;

/**
 * The {@code --data NAME} of eval, lr-find and sweep with the {@code --target COLUMN} and {@code --download}
 * that go with it (a picocli mixin), and the opening of that data through {@link DataArgument}.
 */
final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "NAME", description = DataArgument.DESCRIPTION)
    private String data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column a CSV file's net predicts.")
    private String target;

    @Option(names = "--download", description = "Download Fashion-MNIST or MNIST from their official source when not on disk.")
    private boolean download;

    /** The data as {@code --data} names it. */
    String name() {
        return data;
    }

    /** The CSV target column, or null. */
    String target() {
        return target;
    }

    /** The data named by {@code --data}, for {@code net}; download progress goes to {@code progress}. */
    Dataset open(NetNode net, PrintWriter progress) throws DataArgument.DataException {
        return DataArgument.open(data, target, download, net, progress);
    }

    /** The same as a table of columns, its test split attached. */
    ExampleTable openTable(NetNode net, PrintWriter progress) throws DataArgument.DataException {
        return DataArgument.openTable(data, target, download, net, progress);
    }
}
