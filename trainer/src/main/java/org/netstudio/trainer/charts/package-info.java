/**
 * The live curves: history of a run, smoothing, min/max downsampling, and the two charts.
 */
package org.netstudio.trainer.charts;
