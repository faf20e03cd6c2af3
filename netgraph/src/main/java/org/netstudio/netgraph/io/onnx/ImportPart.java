package org.netstudio.netgraph.io.onnx;

/**
 * A part of one import that puts nodes into the net (catalog layers, opaque nodes, recurrent
 * nodes): it works on the {@link ImportParts} every part shares, held here once.
 */
abstract class ImportPart {

    final ModelGraph model;
    final ImportedValues values;
    final NetAssembly net;
    final ImportLog log;

    ImportPart(ImportParts parts) {
        this.model = parts.model();
        this.values = parts.values();
        this.net = parts.net();
        this.log = parts.log();
    }
}
