/**
 * What a finished run produced: evaluation on the validation data, confusion matrix, misclassified
 * examples, history export, and the confusion matrix's view.
 */
package org.netstudio.trainer.results;
