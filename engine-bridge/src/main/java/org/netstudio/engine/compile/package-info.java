/**
 * Compiles nets of the netgraph model into DJL blocks on the PyTorch engine.
 *
 * <p>{@link org.netstudio.engine.compile.NetCompiler} turns a valid net into a
 * {@link org.netstudio.engine.compile.CompiledNet}: containers are dissolved, the catalog layers run
 * in topological order over the net's wires, each as a child block whose parameters are the
 * catalog's arrays ({@link org.netstudio.engine.compile.NetArray}). Tensors carry the batch as
 * their first axis, then netgraph's per-example shape. Shapes are never computed twice: the
 * blocks apply the catalog's own shape and array rules, and a contract test checks what the
 * engine computes against them for every layer type.
 *
 * <p>Depends on netgraph and DJL only; weights, running and training build on it.
 */
package org.netstudio.engine.compile;
