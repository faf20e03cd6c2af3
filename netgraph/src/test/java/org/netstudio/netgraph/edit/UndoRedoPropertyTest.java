package org.netstudio.netgraph.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.io.RandomNets;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * Any sequence of commands — valid or refused — followed by undoing everything gives back the
 * original document, and redoing everything gives the final one. Every document along the way can
 * be saved.
 */
class UndoRedoPropertyTest {

    private static final NodePath ROOT = NodePath.ROOT;

    @Provide
    Arbitrary<List<Integer>> actions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void undoingEverythingRestoresTheOriginalAndRedoingRestoresTheEnd(@ForAll long seed,
                                                                       @ForAll("actions") List<Integer> actions) {
        NetDocument original = RandomNets.graphDocument(seed);
        CommandStack stack = new CommandStack(original);
        int recorded = 0;
        for (int a : actions) {
            Command c = command(stack.document(), a);
            try {
                if (stack.execute(c)) {
                    recorded++;
                }
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank().endsWith(".");
            }
            NetFileWriter.toJson(stack.document());
        }
        NetDocument end = stack.document();

        int undone = 0;
        while (stack.undo()) {
            undone++;
        }
        assertThat(stack.document()).isEqualTo(original);
        assertThat(stack.isDirty()).isFalse();
        assertThat(undone).isLessThanOrEqualTo(recorded);
        while (stack.redo()) {
            undone--;
        }
        assertThat(undone).isZero();
        assertThat(stack.document()).isEqualTo(end);
    }

    /** A command chosen by {@code a} from what the document holds; it may well not fit. */
    static Command command(NetDocument doc, int a) {
        Graph g = (Graph) doc.net();
        List<String> nodes = new ArrayList<>(g.nodes().keySet());
        String some = nodes.isEmpty() ? "ghost" : nodes.get((a >>> 4) % nodes.size());
        String other = nodes.isEmpty() ? "ghost" : nodes.get((a >>> 9) % nodes.size());
        List<PortRef> sources = new ArrayList<>();
        List<PortRef> targets = new ArrayList<>();
        g.inputs().keySet().forEach(p -> sources.add(PortRef.graphPort(p)));
        g.outputs().keySet().forEach(p -> targets.add(PortRef.graphPort(p)));
        g.nodes().forEach((n, node) -> {
            node.outputNames().forEach(p -> sources.add(PortRef.of(n, p)));
            node.inputNames().forEach(p -> targets.add(PortRef.of(n, p)));
        });
        Edge anEdge = g.edges().isEmpty() ? new Edge(PortRef.graphPort("x"), PortRef.graphPort("y"))
                : g.edges().get((a >>> 5) % g.edges().size());
        String fresh = "n" + (a % 7);
        switch (a % 16) {
            case 0:
                return new AddNode(ROOT, fresh, Layer.of("Linear", "units", 1 + a % 9), new Layout.Position(a % 300, 20));
            case 1:
                return new RemoveNodes(ROOT, List.of(some));
            case 2:
                return new Connect(ROOT, new Edge(sources.get((a >>> 6) % sources.size()),
                        targets.isEmpty() ? PortRef.graphPort("none") : targets.get((a >>> 11) % targets.size())));
            case 3:
                return new Disconnect(ROOT, anEdge);
            case 4:
                return new SetParameter(ROOT.child(some), "units", (a >>> 3) % 5 - 1);
            case 5:
                return new RenameNode(ROOT, some, a % 3 == 0 ? other : fresh);
            case 6:
                return new MoveNodes(ROOT, List.of(some, other), a % 50 - 25, a % 30);
            case 7:
                return new SetLayout(Map.of(some, new Layout.Position(a % 1000, a % 77)), "Auto-layout");
            case 8:
                return new InsertOnEdge(ROOT, anEdge, fresh, Layer.of("Dropout"), null);
            case 9:
                return new Group(ROOT, List.of(some, other), "group" + (a % 3));
            case 10:
                return new Ungroup(ROOT, some);
            case 11:
                PortDecl decl = a % 2 == 0 ? PortDecls.shape("n", 1 + a % 5) : PortDecls.indices(1 + a % 50, "n");
                return new SetPortDecl(ROOT, g.inputNames().isEmpty() ? "Input" : g.inputNames().get(0), true, decl);
            case 12: {
                NetNode n = g.nodes().get(some);
                return n instanceof Chain ? new ChainToGraph(ROOT.child(some)) : new GraphToChain(ROOT.child(some));
            }
            case 13:
                return CompoundCommand.of("Paste", new AddNode(ROOT, fresh, Layer.of("Tanh"), null),
                        new Connect(ROOT, new Edge(sources.get(0), PortRef.of(fresh, "Input"))));
            case 14:
                return new SetParameter(ROOT.child(some), "rate", (a % 10) / 10.0);
            default:
                return new ReplaceNet(RandomNets.graphDocument(a).net(), a % 2 == 0 ? null : Layout.EMPTY, "Import");
        }
    }
}
