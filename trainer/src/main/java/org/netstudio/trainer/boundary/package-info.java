/**
 * Decision regions of a 2-D classifier: evaluating the net on a grid through the engine, and the
 * plane view that draws them under the points.
 */
package org.netstudio.trainer.boundary;
