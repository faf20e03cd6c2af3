/**
 * Training in the background: the session around the engine's training, and the inbox through
 * which background work reaches the UI once per frame.
 */
package org.netstudio.trainer.run;
