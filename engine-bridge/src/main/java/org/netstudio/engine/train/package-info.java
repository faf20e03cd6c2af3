/**
 * Training, after the Wolfram Language's {@code NetTrain}: {@link
 * org.netstudio.engine.train.TrainingLoops#prepare} checks a DJL block, its input shape, a {@link
 * org.netstudio.engine.data.Dataset} and {@link org.netstudio.engine.train.TrainingOptions}, and
 * returns a {@link org.netstudio.engine.train.TrainingLoop}; running it gives a {@link
 * org.netstudio.engine.train.TrainingResult} and reports {@link
 * org.netstudio.engine.train.TrainingEvent}s to {@link org.netstudio.engine.train.TrainingListener}s.
 * {@link org.netstudio.engine.train.NetEvaluator} measures or runs a trained block.
 *
 * <p>Contract with the block: one input {@code (batch, inputShape…)}; the first output is the
 * prediction, logits {@code (batch, classes)} for cross-entropy (no final Softmax: the loss fuses
 * log-softmax; put the Softmax back for inference) or {@code (batch, width)} for mean squared
 * error. Events and results are immutable and free of UI types; listeners run on the training
 * thread and must not block.
 */
package org.netstudio.engine.train;
