/**
 * The trainer panel: choose data and options, train a net on a background thread through the
 * engine bridge, watch loss and accuracy live, and inspect the result. {@link
 * org.netstudio.trainer.TrainerPanelModel} is the view-model (no scene-graph types), {@link
 * org.netstudio.trainer.TrainerPanel} the control that binds to it, with the panes that read the
 * view-model ({@code DataPane}, {@code MappingPane}, {@code StartFromPane}, {@code ResultsPane}):
 * the sub-packages hold what the panes show and never see the view-model, so no package cycle.
 */
package org.netstudio.trainer;
