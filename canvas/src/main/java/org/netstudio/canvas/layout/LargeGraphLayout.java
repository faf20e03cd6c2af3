package org.netstudio.canvas.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Layout;

/**
 * A layered layout for levels too large for JGraphX's hierarchical layout (which takes minutes on
 * 10,000 nodes): each node goes one rank below its deepest predecessor (longest path), and within
 * its rank as close as it can to the mean position of its predecessors, packed left to right
 * without overlap. A chain comes out as a straight column and a residual block with its skip wire
 * beside it. Linear in the links plus a sort per rank; pure computation on plain data.
 */
final class LargeGraphLayout {

    private LargeGraphLayout() {
    }

    /** Top-left positions by id, the picture starting at ({@link AutoLayout#MARGIN}, {@link AutoLayout#MARGIN}). */
    static Map<String, Layout.Position> compute(List<AutoLayout.Box> boxes, List<AutoLayout.Link> links) {
        int n = boxes.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(boxes.get(i).id(), i);
        }
        List<List<Integer>> preds = new ArrayList<>(n);
        List<List<Integer>> succs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            preds.add(new ArrayList<>(2));
            succs.add(new ArrayList<>(2));
        }
        int[] waiting = new int[n];
        for (AutoLayout.Link l : links) {
            Integer a = index.get(l.from());
            Integer z = index.get(l.to());
            if (a != null && z != null && !a.equals(z)) {
                preds.get(z).add(a);
                succs.get(a).add(z);
                waiting[z]++;
            }
        }
        int[] rank = ranks(n, succs, waiting);
        int ranks = Arrays.stream(rank).max().orElse(-1) + 1;
        List<List<Integer>> byRank = new ArrayList<>(ranks);
        for (int r = 0; r < ranks; r++) {
            byRank.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byRank.get(rank[i]).add(i);
        }

        double[] centre = new double[n];
        double[] want = new double[n];
        double[] y = new double[ranks];
        double top = 0;
        for (int r = 0; r < ranks; r++) {
            List<Integer> row = byRank.get(r);
            for (int v : row) {
                List<Integer> p = preds.get(v);
                double sum = 0;
                for (int u : p) {
                    sum += centre[u];
                }
                want[v] = p.isEmpty() ? 0 : sum / p.size();
            }
            // stable: nodes that want the same place keep the order of the input
            row.sort(Comparator.comparingDouble(v -> want[v]));
            double right = Double.NEGATIVE_INFINITY;
            double drift = 0;
            double height = 0;
            for (int v : row) {
                AutoLayout.Box b = boxes.get(v);
                double left = Math.max(want[v] - b.width() / 2, right + AutoLayout.NODE_SPACING);
                centre[v] = left + b.width() / 2;
                drift += want[v] - centre[v];
                right = left + b.width();
                height = Math.max(height, b.height());
            }
            // Packing pushes to the right; shift the rank back by the mean push so it stays under its parents.
            double shift = row.isEmpty() ? 0 : drift / row.size();
            for (int v : row) {
                centre[v] += shift;
            }
            y[r] = top;
            top += height + AutoLayout.RANK_SPACING;
        }

        double minX = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, centre[i] - boxes.get(i).width() / 2);
        }
        Map<String, Layout.Position> out = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            AutoLayout.Box b = boxes.get(i);
            out.put(b.id(), new Layout.Position(Math.round(centre[i] - b.width() / 2 - minX + AutoLayout.MARGIN),
                    Math.round(y[rank[i]] + AutoLayout.MARGIN)));
        }
        return out;
    }

    /**
     * Each node's rank: one below its deepest predecessor (Kahn's order). Nodes on a cycle (a net
     * has none, but a level being edited might) go below everything else, in input order.
     */
    private static int[] ranks(int n, List<List<Integer>> succs, int[] waiting) {
        int[] rank = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                queue[tail++] = i;
            }
        }
        int deepest = 0;
        while (head < tail) {
            int v = queue[head++];
            deepest = Math.max(deepest, rank[v]);
            for (int w : succs.get(v)) {
                rank[w] = Math.max(rank[w], rank[v] + 1);
                if (--waiting[w] == 0) {
                    queue[tail++] = w;
                }
            }
        }
        if (tail < n) {
            for (int i = 0; i < n; i++) {
                if (waiting[i] > 0) {
                    rank[i] = ++deepest;
                }
            }
        }
        return rank;
    }
}
