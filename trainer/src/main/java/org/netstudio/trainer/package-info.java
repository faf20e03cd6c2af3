/**
 * The trainer panel: choose data and options, train a net on a background thread through the
 * engine bridge, watch loss and accuracy live, and inspect the result. {@link
 * org.netstudio.trainer.TrainerPanelModel} is the view-model (no scene-graph types), {@link
 * org.netstudio.trainer.TrainerPanel} the control that binds to it.
 */
package org.netstudio.trainer;
