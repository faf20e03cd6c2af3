package org.netstudio.canvas.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.edit.ChainToGraph;
import org.netstudio.netgraph.edit.Command;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.CompoundCommand;
import org.netstudio.netgraph.edit.SetPortDecl;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * The {@link NetEditor} over netgraph's {@link CommandStack}: each {@link CanvasEdit} becomes one
 * {@link Command} (a {@link CompoundCommand} when a gesture needs several), so every gesture is one
 * undo entry on the application's stack. A level that is still a Chain is converted with
 * {@link ChainToGraph} inside the same entry before the net is changed.
 */
public final class CommandStackEditor implements NetEditor {

    private final CommandStack stack;

    public CommandStackEditor(CommandStack stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    /** An editor over a new stack for {@code doc}. */
    public static CommandStackEditor of(NetDocument doc) {
        return new CommandStackEditor(new CommandStack(doc));
    }

    public CommandStack stack() {
        return stack;
    }

    @Override
    public NetDocument document() {
        return stack.document();
    }

    @Override
    public void execute(CanvasEdit edit) {
        stack.execute(command(document(), edit));
    }

    @Override
    public NetDocument preview(CanvasEdit edit) {
        return command(document(), edit).apply(document());
    }

    @Override
    public boolean canUndo() {
        return stack.canUndo();
    }

    @Override
    public boolean canRedo() {
        return stack.canRedo();
    }

    @Override
    public void undo() {
        stack.undo();
    }

    @Override
    public void redo() {
        stack.redo();
    }

    @Override
    public void addListener(Runnable listener) {
        stack.addListener(new Adapter(listener));
    }

    @Override
    public void removeListener(Runnable listener) {
        stack.removeListener(new Adapter(listener));
    }

    /** Equal for equal runnables, so that removing works. */
    private record Adapter(Runnable listener) implements CommandStack.Listener {
        @Override
        public void stackChanged(CommandStack s) {
            listener.run();
        }
    }

    /** The command doing {@code edit} to {@code doc}. */
    public static Command command(NetDocument doc, CanvasEdit edit) {
        if (edit instanceof CanvasEdit.MoveNodes m) {
            return new org.netstudio.netgraph.edit.SetLayout(m.positions(), m.label());
        }
        if (edit instanceof CanvasEdit.SetLayout s) {
            return new org.netstudio.netgraph.edit.SetLayout(s.positions(), s.label());
        }
        List<Command> steps = new ArrayList<>();
        NetDocument d = doc;
        if (GraphEdits.nodeAt(doc.net(), edit.graph()) instanceof Chain) {
            Command c = new ChainToGraph(edit.graph());
            steps.add(c);
            d = c.apply(d);
        }
        if (edit instanceof CanvasEdit.Compound compound) {
            for (CanvasEdit e : compound.edits()) {
                Command c = command(d, e);
                steps.add(c);
                d = c.apply(d);
            }
        } else {
            steps.addAll(commandsOnGraph(d, edit));
        }
        return steps.size() == 1 ? steps.get(0) : new CompoundCommand(edit.label(), steps);
    }

    private static List<Command> commandsOnGraph(NetDocument doc, CanvasEdit edit) {
        NodePath at = edit.graph();
        if (edit instanceof CanvasEdit.AddNode a) {
            return List.of(new org.netstudio.netgraph.edit.AddNode(at, a.name(), a.node(), a.position()));
        }
        if (edit instanceof CanvasEdit.RemoveNodes r) {
            return List.of(new org.netstudio.netgraph.edit.RemoveNodes(at,
                    r.names().stream().filter(n -> !Layouts.isPortId(n)).sorted().toList()));
        }
        if (edit instanceof CanvasEdit.Connect c) {
            List<Command> out = new ArrayList<>();
            NetNode level = GraphEdits.nodeAt(doc.net(), at);
            if (level instanceof Graph g) {
                for (Edge old : g.edgesInto(c.edge().to())) {
                    out.add(new org.netstudio.netgraph.edit.Disconnect(at, old));
                }
            }
            out.add(new org.netstudio.netgraph.edit.Connect(at, c.edge()));
            return out;
        }
        if (edit instanceof CanvasEdit.Disconnect c) {
            return List.of(new org.netstudio.netgraph.edit.Disconnect(at, c.edge()));
        }
        if (edit instanceof CanvasEdit.InsertOnEdge i) {
            return List.of(new org.netstudio.netgraph.edit.InsertOnEdge(at, i.edge(), i.name(), i.node(), i.position()));
        }
        if (edit instanceof CanvasEdit.Group g) {
            return List.of(new org.netstudio.netgraph.edit.Group(at, g.names().stream()
                    .filter(n -> !Layouts.isPortId(n)).toList(), g.groupName()));
        }
        if (edit instanceof CanvasEdit.Ungroup u) {
            return List.of(new org.netstudio.netgraph.edit.Ungroup(at, u.name()));
        }
        if (edit instanceof CanvasEdit.Paste p) {
            List<Command> out = new ArrayList<>();
            p.fragment().nodes().forEach((name, node) ->
                    out.add(new org.netstudio.netgraph.edit.AddNode(at, name, node, p.positions().get(name))));
            for (Edge e : p.fragment().edges()) {
                out.add(new org.netstudio.netgraph.edit.Connect(at, new Edge(
                        PortRef.of(e.from().node(), e.from().port()), PortRef.of(e.to().node(), e.to().port()))));
            }
            return List.of(new CompoundCommand(p.label(), out));
        }
        if (edit instanceof CanvasEdit.SetParameter s) {
            return List.of(new org.netstudio.netgraph.edit.SetParameter(at.child(s.node()), s.param(), s.value()));
        }
        if (edit instanceof CanvasEdit.DeclarePort d) {
            Graph g = GraphEdits.graphAt(doc.net(), at);
            boolean exists = (d.input() ? g.inputs() : g.outputs()).containsKey(d.port());
            return List.of(exists ? new SetPortDecl(at, d.port(), d.input(), d.decl())
                    : new org.netstudio.netgraph.edit.AddPort(at, d.port(), d.input(), d.decl(), null));
        }
        throw new IllegalArgumentException("This edit is not supported: " + edit.label() + ".");
    }
}
