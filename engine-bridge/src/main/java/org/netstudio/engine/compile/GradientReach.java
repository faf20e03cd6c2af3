package org.netstudio.engine.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.net.NodePath;

/**
 * Which trainable arrays of a net training can change: those from which the gradient of the loss
 * (computed from the net's outputs, or by its own loss layers) flows back. An imported {@code OnnxOperator} passes no
 * gradient (it runs as ONNX defines it, outside autograd), so an array whose every path to the
 * outputs goes through one never learns: a fine-tuned MobileNet whose {@code Clip} nodes are
 * opaque changes only its head. Training should say so before it starts, and refuse a run in which
 * nothing can learn.
 *
 * <p>Computed from the net's structure alone (no native memory, no weights): a walk back from the
 * output wires over the flattened layers, stopping at opaque operators. Immutable.
 */
public final class GradientReach {

    private static final int NAMED = 6;

    private final List<String> learning;
    private final List<String> frozen;
    private final List<String> partial;
    private final List<String> walls;

    private GradientReach(List<String> learning, List<String> frozen, List<String> partial, List<String> walls) {
        this.learning = List.copyOf(learning);
        this.frozen = List.copyOf(frozen);
        this.partial = List.copyOf(partial);
        this.walls = List.copyOf(walls);
    }

    /**
     * Analyses a net (compiling it, which allocates nothing native).
     *
     * @param net the net, valid
     * @return which of its trainable arrays the gradient reaches
     * @throws InvalidNetException when the net is not valid
     */
    public static GradientReach of(org.netstudio.netgraph.net.NetNode net) {
        return of(NetCompiler.compile(net));
    }

    /**
     * Analyses a compiled net.
     *
     * @param net the net as compiled (for training with a fused Softmax, either form gives the same)
     * @return which of its trainable arrays the gradient reaches
     */
    public static GradientReach of(CompiledNet net) {
        Objects.requireNonNull(net, "net");
        NetPlan plan = NetPlan.of(net.inference());
        Set<Integer> reached = new HashSet<>();
        for (int w : plan.outputs()) {
            reached.add(w);
        }
        for (NetPlan.Step s : plan.steps()) {
            // A net may hold its own loss layers: training sums them, so each is where a gradient starts.
            if (s.layer() != null && s.layer().layerType().category() == Category.LOSS) {
                for (int w : s.out()) {
                    reached.add(w);
                }
            }
        }
        Set<NodePath> learns = new HashSet<>();
        // Wires from which some path to where a gradient starts crosses a wall: what lies behind them learns
        // from the other paths only, so its gradient is not the whole one.
        Set<Integer> cut = new HashSet<>();
        Set<NodePath> cutOff = new HashSet<>();
        Set<String> walls = new LinkedHashSet<>();
        // Steps are in evaluation order: walking them backwards visits every reader before its producer.
        List<NetPlan.Step> steps = plan.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            NetPlan.Step s = steps.get(i);
            boolean gradientArrives = false;
            for (int w : s.out()) {
                gradientArrives |= reached.contains(w);
            }
            if (!gradientArrives) {
                continue;
            }
            if (s.type().equals("OnnxOperator")) {
                walls.add(describeOperator(s));
                for (int w : s.in()) {
                    cut.add(w);
                }
                continue;
            }
            learns.add(s.path());
            boolean behindAWall = false;
            for (int w : s.out()) {
                behindAWall |= cut.contains(w);
            }
            if (behindAWall) {
                cutOff.add(s.path());
                for (int w : s.in()) {
                    cut.add(w);
                }
            }
            for (int w : s.in()) {
                reached.add(w);
            }
        }
        List<String> learning = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        for (NetArray a : net.arrays()) {
            if (a.trainable()) {
                boolean learnsHere = learnsAt(learns, a.node());
                (learnsHere ? learning : frozen).add(a.key());
                if (learnsHere && learnsAt(cutOff, a.node())) {
                    partial.add(a.key());
                }
            }
        }
        // Walls met last in the walk lie nearest the inputs; list them from the inputs onwards.
        List<String> ordered = new ArrayList<>(walls);
        Collections.reverse(ordered);
        return new GradientReach(learning, frozen, partial, ordered);
    }

    /** Whether a layer at this path, or a layer holding it (a Map's inner net), gets a gradient. */
    private static boolean learnsAt(Set<NodePath> learns, NodePath node) {
        for (NodePath p = node; ; p = p.parent()) {
            if (learns.contains(p)) {
                return true;
            }
            if (p.isRoot()) {
                return false;
            }
        }
    }

    private static String describeOperator(NetPlan.Step s) {
        String op = s.info().params().getString("op");
        return (op == null ? "OnnxOperator" : op) + " '" + s.path() + "'";
    }

    /** The trainable arrays training changes, in the net's order. */
    public List<String> learning() {
        return learning;
    }

    /** The trainable arrays no gradient reaches, in the net's order: training leaves them as they are. */
    public List<String> frozen() {
        return frozen;
    }

    /**
     * The trainable arrays that learn, but from part of their gradient only: some path from them to the
     * output goes through an imported ONNX operator (e.g. the mean of a LayerNorm written out in operators),
     * so training moves them in a direction that is not the loss's steepest descent. In the net's order.
     */
    public List<String> partial() {
        return partial;
    }

    /**
     * The imported operators where the gradient stops, as {@code "Clip 'features/1/clip'"}, from
     * the inputs' side onwards.
     */
    public List<String> walls() {
        return walls;
    }

    /** Whether the net has trainable arrays and training could change none of them. */
    public boolean nothingLearns() {
        return learning.isEmpty() && !frozen.isEmpty();
    }

    /**
     * For people, when some trainable arrays cannot learn or learn from part of their gradient only, e.g.
     * "12 of 14 trainable arrays cannot learn: every path from them to the output goes through an imported
     * ONNX operator, which passes no gradient (Clip 'clip1', Clip 'clip2'): conv1/weights, conv1/biases, … and
     * 6 more"; empty when every trainable array gets its whole gradient.
     */
    public Optional<String> describe() {
        int total = learning.size() + frozen.size();
        List<String> sentences = new ArrayList<>();
        if (!frozen.isEmpty()) {
            String why = walls.isEmpty() ? "no path leads from them to the output"
                    : "every path from them to the output goes through an imported ONNX operator, which passes no "
                            + "gradient (" + names(walls, 3) + ")";
            sentences.add(String.format(Locale.ROOT, "%d of %d trainable arrays cannot learn: %s: %s",
                    frozen.size(), total, why, names(frozen, NAMED)));
        }
        if (!partial.isEmpty()) {
            sentences.add(String.format(Locale.ROOT, "%d of %d trainable arrays learn from part of their gradient"
                    + " only: some paths from them to the output go through an imported ONNX operator, which passes"
                    + " no gradient (%s): %s", partial.size(), total, names(walls, 3), names(partial, NAMED)));
        }
        return sentences.isEmpty() ? Optional.empty() : Optional.of(String.join(". ", sentences));
    }

    private static String names(List<String> all, int shown) {
        List<String> named = all.stream().limit(shown).toList();
        return String.join(", ", named) + (all.size() > named.size() ? " and " + (all.size() - named.size())
                + " more" : "");
    }
}
