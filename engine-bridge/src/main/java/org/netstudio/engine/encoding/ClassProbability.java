package org.netstudio.engine.encoding;

/**
 * One class and its probability, as returned by {@link ClassEncoder#topK}.
 *
 * @param label the class label
 * @param index the class index
 * @param probability the net's probability (or score) for it
 */
public record ClassProbability(String label, int index, float probability) {}
