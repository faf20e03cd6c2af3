/**
 * The window's work off the FX thread: {@link org.netstudio.app.window.background.BackgroundJobs}, one
 * background thread per view (Try It, the canvas previews) whose results come back on the FX thread.
 */
package org.netstudio.app.window.background;
