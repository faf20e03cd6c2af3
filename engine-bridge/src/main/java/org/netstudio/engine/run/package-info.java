/**
 * The two calls the CLI and the GUI make on a net: {@link org.netstudio.engine.run.NetRunner}
 * runs a net with its weights on Java float arrays, and {@link org.netstudio.engine.run.NetTrain}
 * trains a net in one call, attaching the loss automatically, and returns it with its weights
 * ({@link org.netstudio.engine.run.TrainedNet}). Both hide DJL: what goes in and out holds no
 * native memory.
 */
package org.netstudio.engine.run;
