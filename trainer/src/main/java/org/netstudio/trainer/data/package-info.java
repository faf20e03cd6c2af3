/**
 * Where training data comes from (generated sets, IDX image sets, CSV files, image folders), how
 * it is loaded off the UI thread, split for validation and previewed.
 */
package org.netstudio.trainer.data;
