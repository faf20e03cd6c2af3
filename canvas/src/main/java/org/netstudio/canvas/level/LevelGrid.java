package org.netstudio.canvas.level;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The placed nodes and the wires of one {@link LevelView}, bucketed in square cells of the canvas,
 * so that what lies in an area (the part of a 10,000-node level on screen) is found without looking
 * at every node and wire. A wire's area is the box around its curve. Built once per level; use on
 * one thread.
 */
public final class LevelGrid {

    /** Cell size in canvas units: a few nodes across. */
    static final double CELL = 512;
    /** A wire crossing more cells than this is kept aside and looked at by every query. */
    private static final int MAX_CELLS = 64;

    private final List<NodeItem> nodes = new ArrayList<>();
    private final List<WireItem> wires = new ArrayList<>();
    private final List<double[]> wireBoxes = new ArrayList<>();
    private final Map<Long, List<Integer>> nodeCells = new HashMap<>();
    private final Map<Long, List<Integer>> wireCells = new HashMap<>();
    private final List<Integer> longWires = new ArrayList<>();
    private int[] nodeSeen;
    private int[] wireSeen;
    private int query;

    LevelGrid(LevelView level) {
        for (NodeItem n : level.nodes()) {
            if (n.placed()) {
                int i = nodes.size();
                nodes.add(n);
                forCells(n.x(), n.y(), n.x() + n.width(), n.y() + n.height(), k -> nodeCells.computeIfAbsent(k,
                        x -> new ArrayList<>(4)).add(i));
            }
        }
        for (WireItem w : level.wires()) {
            double[] e = HitTest.ends(level.byId(), w);
            if (e == null) {
                continue;
            }
            double[] c = WireGeometry.controls(e[0], e[1], e[2], e[3], w.loop());
            double[] box = {Math.min(e[0], e[2]), Math.min(Math.min(e[1], e[3]), Math.min(c[1], c[3])),
                Math.max(e[0], e[2]), Math.max(Math.max(e[1], e[3]), Math.max(c[1], c[3]))};
            int i = wires.size();
            wires.add(w);
            wireBoxes.add(box);
            if (cellCount(box[0], box[1], box[2], box[3]) > MAX_CELLS) {
                longWires.add(i);
            } else {
                forCells(box[0], box[1], box[2], box[3], k -> wireCells.computeIfAbsent(k, x -> new ArrayList<>(4)).add(i));
            }
        }
        nodeSeen = new int[nodes.size()];
        wireSeen = new int[wires.size()];
    }

    /** The placed nodes overlapping the area {minX, minY, maxX, maxY}. */
    public List<NodeItem> nodesIn(double minX, double minY, double maxX, double maxY) {
        List<NodeItem> out = new ArrayList<>();
        int q = ++query;
        for (List<Integer> cell : cells(nodeCells, minX, minY, maxX, maxY)) {
            for (int i : cell) {
                NodeItem n = nodes.get(i);
                if (nodeSeen[i] != q && n.x() < maxX && n.x() + n.width() > minX && n.y() < maxY && n.y() + n.height() > minY) {
                    nodeSeen[i] = q;
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** The wires whose curve may pass through the area {minX, minY, maxX, maxY}. */
    public List<WireItem> wiresIn(double minX, double minY, double maxX, double maxY) {
        List<WireItem> out = new ArrayList<>();
        int q = ++query;
        List<List<Integer>> cells = new ArrayList<>(cells(wireCells, minX, minY, maxX, maxY));
        cells.add(longWires);
        for (List<Integer> cell : cells) {
            for (int i : cell) {
                double[] b = wireBoxes.get(i);
                if (wireSeen[i] != q && b[0] <= maxX && b[2] >= minX && b[1] <= maxY && b[3] >= minY) {
                    wireSeen[i] = q;
                    out.add(wires.get(i));
                }
            }
        }
        return out;
    }

    private static long cellCount(double minX, double minY, double maxX, double maxY) {
        return (cell(maxX) - cell(minX) + 1) * (cell(maxY) - cell(minY) + 1);
    }

    private static long cell(double v) {
        return (long) Math.floor(v / CELL);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    /** The non-empty cells the area overlaps; an area wider than the level looks only at the cells in use. */
    private static List<List<Integer>> cells(Map<Long, List<Integer>> map, double minX, double minY, double maxX, double maxY) {
        List<List<Integer>> out = new ArrayList<>();
        if (!(maxX >= minX && maxY >= minY)) {
            return out;
        }
        long x0 = cell(minX);
        long x1 = cell(maxX);
        long y0 = cell(minY);
        long y1 = cell(maxY);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > map.size()) {
            map.forEach((k, v) -> {
                long cx = k >> 32;
                long cy = (int) (k & 0xffffffffL);
                if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) {
                    out.add(v);
                }
            });
            return out;
        }
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                List<Integer> v = map.get(key(cx, cy));
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static void forCells(double minX, double minY, double maxX, double maxY, java.util.function.LongConsumer visit) {
        for (long cx = cell(minX); cx <= cell(maxX); cx++) {
            for (long cy = cell(minY); cy <= cell(maxY); cy++) {
                visit.accept(key(cx, cy));
            }
        }
    }
}
