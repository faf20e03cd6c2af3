package org.netstudio.netgraph.io;

/** Small JSON documents around a chain's layers or a graph's fields, for tests. */
final class NetFileReaderTestSupport {

    static final String HEAD = "{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", ";

    private NetFileReaderTestSupport() {
    }

    static String chain(String layers) {
        return HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [1, 28, 28]}, \"layers\": [" + layers + "]}}";
    }

    static String graph(String fields) {
        return HEAD + "\"net\": {\"type\": \"Graph\", " + fields + "}}";
    }
}
