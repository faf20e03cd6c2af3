/**
 * Running a net on what a person gives it, for the window's Try It panel and the command line: which
 * kind of input a net takes ({@link org.netstudio.app.run.TryableInput}), the image encoder its
 * input declares ({@link org.netstudio.app.run.ImageInputs}), an image through a classifier to its
 * most probable classes ({@link org.netstudio.app.run.ImageClassifier}) and sentences through a
 * BERT-style encoder to embeddings and their similarities ({@link org.netstudio.app.run.SentenceEmbedder}).
 * No JavaFX; nothing prints.
 */
package org.netstudio.app.run;
