/**
 * Encoders and decoders between the values people deal in and tensors: {@link
 * org.netstudio.engine.encoding.ImageEncoder} (resize, colour space, mean/std), {@link
 * org.netstudio.engine.encoding.ClassEncoder} (labels ↔ indices, top-k decoding), {@link
 * org.netstudio.engine.encoding.BooleanEncoder} and {@link
 * org.netstudio.engine.encoding.CharacterEncoder} (text ↔ indices over an alphabet). Plain,
 * immutable data with pure functions; no DJL arrays, so they work on any thread.
 */
package org.netstudio.engine.encoding;
