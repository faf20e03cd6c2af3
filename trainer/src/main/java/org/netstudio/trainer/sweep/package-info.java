/**
 * The sweep view of the trainer panel: what to vary (a name, its values and scale, as the command
 * line's {@code --vary} takes them), the budget, start and stop, a live table of trials with the best
 * marked, a scatter plot of a varied value against the validation result, and "Use best". Free of
 * app types: the panel hands it a {@link org.netstudio.trainer.sweep.SweepSource}.
 */
package org.netstudio.trainer.sweep;
