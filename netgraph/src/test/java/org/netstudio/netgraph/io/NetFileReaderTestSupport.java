package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Small JSON documents around a chain's layers or a graph's fields, and how the reader refuses them, for tests. */
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

    /** The reader's refusal of {@code json} read as "t.json", checked to name the file and read as one sentence. */
    static NetFileException refused(String json) {
        Throwable t = catchThrowable(() -> NetFileReader.read(json, "t.json"));
        assertThat(t).isInstanceOf(NetFileException.class);
        NetFileException e = (NetFileException) t;
        assertThat(e.file()).isEqualTo("t.json");
        assertThat(e.getMessage()).isEqualTo("t.json: " + (e.location() == null ? "" : e.location() + ": ") + e.detail());
        return e;
    }

    /** Checks that the reader refuses {@code json} at the JSON path {@code location} with {@code detail}. */
    static void assertRefused(String json, String location, String detail) {
        NetFileException e = refused(json);
        assertThat(e.location()).isEqualTo(location);
        assertThat(e.detail()).isEqualTo(detail);
    }
}
