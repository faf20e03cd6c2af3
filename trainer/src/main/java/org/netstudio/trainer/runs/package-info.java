/**
 * The Runs view: recorded training runs (see {@code org.netstudio.engine.runs}) in a sortable
 * table, the curves of the selected ones overlaid, and what differs between them. No application
 * types: the window supplies the store and what opening a net or using weights means.
 */
package org.netstudio.trainer.runs;
