/**
 * Binds the arrays of a compiled net to netgraph's {@link org.netstudio.netgraph.io.Weights}
 * (keys {@code "<node path>/<array name>"}, catalog names and shapes), and saves nets with their
 * weights through netgraph's file formats (safetensors, {@code .nsnet}).
 */
package org.netstudio.engine.weights;
