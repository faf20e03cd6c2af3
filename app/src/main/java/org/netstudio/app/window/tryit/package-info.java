/**
 * The Try It window: the net in front run on the user's own input with the weights its tab holds —
 * an image through a classifier to its most probable classes, sentences through a sentence encoder
 * to a similarity matrix — off the UI thread, following the tab in front. The run logic lives in
 * {@link org.netstudio.app.run}; this package is its JavaFX face.
 */
package org.netstudio.app.window.tryit;
