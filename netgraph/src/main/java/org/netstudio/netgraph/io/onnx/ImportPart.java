package org.netstudio.netgraph.io.onnx;

/**
 * Works on the {@link ImportParts} of one import, held here once: the import itself
 * ({@link GraphImport}) and its parts that put nodes into the net (catalog layers, opaque nodes,
 * recurrent nodes).
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
