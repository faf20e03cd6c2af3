/**
 * The calls the CLI and the GUI make on a net: {@link org.netstudio.engine.run.NetRunner}
 * runs a net with its weights on Java float arrays, and probes it
 * ({@link org.netstudio.engine.run.NetRunner#probe}: the values of any ports named as the canvas
 * names them, see {@link org.netstudio.engine.run.NetPorts}, and gradients of a score or loss,
 * {@link org.netstudio.engine.run.GradientOf}, with respect to them); {@link org.netstudio.engine.run.NetTrain}
 * trains a net in one call, attaching the loss automatically, and returns it with its weights
 * ({@link org.netstudio.engine.run.TrainedNet}). They hide DJL: what goes in and out holds no
 * native memory.
 */
package org.netstudio.engine.run;
