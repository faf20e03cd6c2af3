package org.netstudio.netgraph.io.onnx;

/**
 * What every part of one import works on: the model as read, what is known of its values, the net
 * being built and the report being written.
 */
record ImportParts(ModelGraph model, ImportedValues values, NetAssembly net, ImportLog log) {
}
