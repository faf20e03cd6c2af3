/**
 * One graph level of a net as the canvas shows it: its nodes, ports and wires with their texts and
 * positions ({@link org.netstudio.canvas.level.LevelView}, built by
 * {@link org.netstudio.canvas.level.LevelBuilder}), their geometry and what lies under a point. Pure
 * values and functions, no scene graph: the views, the wiring checks and the exports all read them.
 */
package org.netstudio.canvas.level;
