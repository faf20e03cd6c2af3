/**
 * Run records: every training kept in a folder of its own, readable by people and programs, and
 * listed, compared and deleted later. {@link org.netstudio.engine.runs.RunRecorder} writes a run
 * while it trains (attach it to any {@link org.netstudio.engine.run.PreparedTraining});
 * {@link org.netstudio.engine.runs.RunStore} lists, reads and deletes them. The layout is
 * documented in {@code docs/runs.md}.
 */
package org.netstudio.engine.runs;
