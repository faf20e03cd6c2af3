package org.netstudio.netgraph.net;

/** Inner nets for the sequence operators' tests, as net-file JSON. */
public final class Cells {

    private Cells() {
    }

    /** An Elman cell for a Fold: the next state is tanh(W·[element, state] + b), of size {@code units}. */
    public static String elman(int units) {
        return "{\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {}},"
                + " \"nodes\": {\"cat\": {\"type\": \"Catenate\"}, \"linear\": {\"type\": \"Linear\", \"units\": " + units + "},"
                + " \"tanh\": {\"type\": \"Tanh\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"cat.Input1\"}, {\"from\": \"State\", \"to\": \"cat.Input2\"},"
                + " {\"from\": \"cat\", \"to\": \"linear\"}, {\"from\": \"linear\", \"to\": \"tanh\"},"
                + " {\"from\": \"tanh\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}";
    }
}
