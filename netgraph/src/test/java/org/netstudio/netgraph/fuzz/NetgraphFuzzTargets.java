package org.netstudio.netgraph.fuzz;

import java.util.List;

/** The fuzz targets of netgraph's readers, in the order of the table. */
public final class NetgraphFuzzTargets {

    private NetgraphFuzzTargets() {
    }

    public static List<FuzzTarget> all() {
        return List.of(new NetFileFuzz(), new NsnetFuzz(), new OnnxFuzz(List.of()));
    }
}
