package org.netstudio.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.netstudio.canvas.layout.AutoLayout;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.canvas.level.HitTest;
import org.netstudio.canvas.level.Layouts;
import org.netstudio.canvas.level.LevelBuilder;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeMark;
import org.netstudio.canvas.level.NodeGeometry;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.NodeNames;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.palette.NodeFactory;
import org.netstudio.canvas.selection.NodeClipboard;
import org.netstudio.canvas.wiring.WireCheck;
import org.netstudio.netgraph.catalog.PortRequirement.Compatibility;
import org.netstudio.netgraph.catalog.PortRequirement.Mismatch;
import org.netstudio.netgraph.edit.AddNode;
import org.netstudio.netgraph.edit.AddPort;
import org.netstudio.netgraph.edit.ChainToGraph;
import org.netstudio.netgraph.edit.Command;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.CompoundCommand;
import org.netstudio.netgraph.edit.Connect;
import org.netstudio.netgraph.edit.Disconnect;
import org.netstudio.netgraph.edit.Group;
import org.netstudio.netgraph.edit.InputKind;
import org.netstudio.netgraph.edit.InsertOnEdge;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.edit.RemoveNodes;
import org.netstudio.netgraph.edit.SetLayout;
import org.netstudio.netgraph.edit.SetMultiplier;
import org.netstudio.netgraph.edit.SetPortDecl;
import org.netstudio.netgraph.edit.Ungroup;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * The canvas view-model: the document (on a netgraph {@link CommandStack}), its inference result,
 * the graph level being shown ({@link #currentPathProperty()}), the selection (node ids of that
 * level) and the {@link LevelView} the views render. Every gesture builds netgraph edit commands and
 * executes them on the stack as one command, so each gesture is one undo entry. Data flows one way:
 * gesture → command → new document → inference → new level → views. No scene-graph types here;
 * used on the FX thread.
 */
public final class CanvasModel {

    /**
     * Whether the command stack has an edit to undo and one to redo, as the Undo and Redo actions
     * need to know.
     */
    public record UndoState(boolean canUndo, boolean canRedo) {
    }

    private final CommandStack stack;
    private final LayoutRunner layoutRunner;
    private final ReadOnlyObjectWrapper<NetDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyObjectWrapper<InferenceResult> inference = new ReadOnlyObjectWrapper<>(this, "inference");
    private final ObjectProperty<NodePath> currentPath = new SimpleObjectProperty<>(this, "currentPath", NodePath.ROOT);
    private final ReadOnlyObjectWrapper<LevelView> level = new ReadOnlyObjectWrapper<>(this, "level", LevelView.EMPTY);
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObjectProperty<WireItem> selectedWire = new SimpleObjectProperty<>(this, "selectedWire");
    private final ReadOnlyObjectWrapper<CanvasMessage> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyBooleanWrapper layoutPending = new ReadOnlyBooleanWrapper(this, "layoutPending");
    private final ReadOnlyObjectWrapper<UndoState> undoState =
            new ReadOnlyObjectWrapper<>(this, "undoState", new UndoState(false, false));
    private final ReadOnlyObjectWrapper<NodeMark> mark = new ReadOnlyObjectWrapper<>(this, "mark");
    private final ReadOnlyObjectWrapper<CanvasMessage> revealRequest = new ReadOnlyObjectWrapper<>(this, "revealRequest");
    /** Positions auto-layout found for nodes the document does not place, per level. */
    private final Map<NodePath, Map<String, Layout.Position>> autoPositions = new HashMap<>();
    private final Set<NodePath> layoutRequested = new HashSet<>();
    private final javafx.beans.property.ReadOnlyIntegerWrapper generation =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "generation");
    private long messageSerial;
    private int pasteCount;

    /** A model over a new command stack for {@code doc}, laying out in the background. */
    public CanvasModel(NetDocument doc) {
        this(new CommandStack(doc), LayoutRunner.background());
    }

    /**
     * A model editing through the application's command stack (shared with the inspector, the
     * menus' Undo/Redo and the saved mark), laying out in the background.
     */
    public CanvasModel(CommandStack stack) {
        this(stack, LayoutRunner.background());
    }

    public CanvasModel(CommandStack stack, LayoutRunner layoutRunner) {
        this.stack = stack;
        this.layoutRunner = layoutRunner;
        stack.addListener(s -> documentChanged());
        selection.addListener((javafx.collections.SetChangeListener<String>) c -> {
            if (!selection.isEmpty()) {
                selectedWire.set(null);
            }
        });
        currentPath.addListener((o, a, b) -> {
            selection.clear();
            selectedWire.set(null);
            rebuild();
        });
        // Nodes widen to make room for their pictures while previews are shown.
        previews.addListener((o, a, b) -> {
            if (a.isEmpty() != b.isEmpty()) {
                rebuild();
            }
        });
        documentChanged();
    }

    // ---- properties ------------------------------------------------------------------------

    /** The stack every edit of this canvas goes to. */
    public CommandStack stack() {
        return stack;
    }

    public ReadOnlyObjectProperty<NetDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InferenceResult> inferenceProperty() {
        return inference.getReadOnlyProperty();
    }

    private final ObjectProperty<org.netstudio.canvas.preview.Previews> previews =
            new SimpleObjectProperty<>(this, "previews", org.netstudio.canvas.preview.Previews.NONE);

    /**
     * What flows through the net for the previewed example, drawn on each node;
     * {@link org.netstudio.canvas.preview.Previews#NONE} when previews are off. Set by whoever
     * runs the net (the window); the canvas only draws it.
     */
    public ObjectProperty<org.netstudio.canvas.preview.Previews> previewsProperty() {
        return previews;
    }

    /** The graph level shown: the root net, or a container inside it ("block2"). */
    public ObjectProperty<NodePath> currentPathProperty() {
        return currentPath;
    }

    public NodePath getCurrentPath() {
        return currentPath.get();
    }

    public void setCurrentPath(NodePath path) {
        currentPath.set(path);
    }

    public ReadOnlyObjectProperty<LevelView> levelProperty() {
        return level.getReadOnlyProperty();
    }

    public LevelView getLevel() {
        return level.get();
    }

    /** Ids of the selected nodes of the current level. */
    public ObservableSet<String> getSelection() {
        return selection;
    }

    /** The selected wire (clicked), or null; Delete removes it. Cleared when nodes get selected. */
    public ObjectProperty<WireItem> selectedWireProperty() {
        return selectedWire;
    }

    /** The latest transient message (a refused wire and why). */
    public ReadOnlyObjectProperty<CanvasMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while an auto-layout runs for the current level. */
    public ReadOnlyBooleanProperty layoutPendingProperty() {
        return layoutPending.getReadOnlyProperty();
    }

    /** Whether the stack can undo and redo now. */
    public ReadOnlyObjectProperty<UndoState> undoStateProperty() {
        return undoState.getReadOnlyProperty();
    }

    /** The latest request to bring a node into view; its text is the node id at the current level. */
    public ReadOnlyObjectProperty<CanvasMessage> revealRequestProperty() {
        return revealRequest.getReadOnlyProperty();
    }

    /**
     * Shows the level holding {@code node}, selects it and asks the views to bring it into view
     * (clicking a problem). A path naming a level itself reveals nothing but the level.
     */
    public void reveal(NodePath node, String port) {
        NetNode n = nodeAt(document.get(), node);
        NodePath levelPath;
        String id;
        if (node.isRoot() || (isContainer(n) && port != null && isOwnPort(n, port))) {
            levelPath = node;
            id = port == null ? null : Layouts.portId(port);
        } else {
            levelPath = node.parent();
            id = node.leaf();
        }
        if (!levelPath.isRoot() && !isContainer(nodeAt(document.get(), levelPath))) {
            return;
        }
        currentPath.set(levelPath);
        if (id != null && getLevel().node(id) != null) {
            selection.clear();
            selection.add(id);
            revealRequest.set(new CanvasMessage(id, ++messageSerial));
        }
    }

    private static boolean isOwnPort(NetNode container, String port) {
        return container.inputNames().contains(port) || container.outputNames().contains(port);
    }

    private static NetNode nodeAt(NetDocument doc, NodePath path) {
        return NetPaths.find(doc.net(), path).orElse(null);
    }

    /** Whether the canvas opens the node as a level of its own: a chain, a graph, a sequence operator. */
    private static boolean isContainer(NetNode node) {
        return isGroup(node) || node instanceof SequenceOperator;
    }

    /** Whether the node is a group whose nodes can be spliced into its level: a chain or a graph. */
    private static boolean isGroup(NetNode node) {
        return node instanceof Graph || node instanceof Chain;
    }

    public void showMessage(String text) {
        message.set(new CanvasMessage(text, ++messageSerial));
    }

    private final ObjectProperty<Map<NodePath, String>> health = new SimpleObjectProperty<>(this, "health", Map.of());

    /**
     * How the layers did at the last measurement of a training, by node path: "" when well, else
     * what is wrong ("gradient vanishes"); each node measured shows it as a strip on its lower edge.
     * Empty when nothing was measured.
     */
    public ObjectProperty<Map<NodePath, String>> healthProperty() {
        return health;
    }

    /** The message pinned to a node (e.g. where a training's NaN came from), or null. */
    public ReadOnlyObjectProperty<NodeMark> markProperty() {
        return mark.getReadOnlyProperty();
    }

    /**
     * Pins a message to a node until the next edit of the net, or until {@link #clearMark()}: the
     * node, and the container holding it on the levels above, show it as a problem.
     */
    public void mark(NodeMark next) {
        mark.set(next);
        rebuild();
    }

    /** Removes the pinned message, if any. */
    public void clearMark() {
        if (mark.get() != null) {
            mark.set(null);
            rebuild();
        }
    }

    // ---- rebuilding ------------------------------------------------------------------------

    /**
     * Counts documents opened into the editor (a reset of its history to another document): views
     * start over at their home position when it changes.
     */
    public javafx.beans.property.ReadOnlyIntegerProperty generationProperty() {
        return generation.getReadOnlyProperty();
    }

    private void documentChanged() {
        NetDocument before = document.get();
        NetDocument now = stack.document();
        boolean reset = before != null && !before.equals(now) && !stack.canUndo() && !stack.canRedo();
        if (reset) {
            autoPositions.clear();
            layoutRequested.clear();
            selection.clear();
            generation.set(generation.get() + 1);
        }
        if (before == null || before.net() != now.net()) {
            inference.set(ShapeInference.infer(now.net()));
        }
        if (before != null && !before.equals(now)) {
            // What a mark says was about the net before this edit.
            mark.set(null);
        }
        document.set(now);
        undoState.set(new UndoState(stack.canUndo(), stack.canRedo()));
        NodePath p = currentPath.get();
        while (!p.isRoot() && !isContainer(nodeAt(now, p))) {
            p = p.parent();
        }
        if (!p.equals(currentPath.get())) {
            currentPath.set(p);
        } else {
            rebuild();
        }
    }

    private void rebuild() {
        NodePath p = currentPath.get();
        LevelView v = LevelBuilder.build(document.get(), inference.get(), p, autoPositions.getOrDefault(p, Map.of()),
                !previews.get().isEmpty());
        if (mark.get() != null) {
            v = mark.get().applyTo(v);
        }
        selection.retainAll(v.byId().keySet());
        WireItem w = selectedWire.get();
        if (w != null) {
            selectedWire.set(v.wires().stream().filter(x -> x.edge().equals(w.edge())).findFirst().orElse(null));
        }
        level.set(v);
        if (!v.allPlaced() && layoutRequested.add(p)) {
            layoutLevel(v, false);
        }
    }

    private void layoutLevel(LevelView v, boolean commit) {
        List<AutoLayout.Box> boxes = new ArrayList<>();
        for (NodeItem n : v.nodes()) {
            boxes.add(new AutoLayout.Box(n.id(), n.width(), n.height()));
        }
        List<AutoLayout.Link> links = v.wires().stream().map(w -> new AutoLayout.Link(w.fromId(), w.toId())).toList();
        NodePath p = v.path();
        layoutPending.set(true);
        layoutRunner.run(boxes, links, positions -> {
            layoutPending.set(false);
            if (commit) {
                Map<String, Layout.Position> byKey = new LinkedHashMap<>();
                positions.forEach((id, pos) -> byKey.put(Layouts.key(p, id), pos));
                execute(new SetLayout(byKey, "Auto-layout"));
            } else {
                autoPositions.put(p, positions);
                layoutRequested.remove(p);
                if (p.equals(currentPath.get())) {
                    rebuild();
                }
            }
        }, failure -> {
            layoutPending.set(false);
            showMessage(failure);
        });
    }

    // ---- creating and wiring ---------------------------------------------------------------

    /**
     * Adds a node of a palette type (catalog name or alias, "Chain", "Graph") centred at canvas
     * point (x, y), named uniquely ("conv1"); one undo entry. Returns its name.
     */
    public String addNode(String type, double x, double y) {
        Optional<InputKind> input = InputKind.ofId(type);
        if (input.isPresent()) {
            return addInput(input.get(), x, y);
        }
        NetNode node = NodeFactory.create(type);
        String name = NodeNames.uniqueName(getLevel().graph().nodes().keySet(), NodeNames.baseName(node.typeName()));
        editLevel("Add " + name, new AddNode(getCurrentPath(), name, node, centred(node, x, y)));
        selection.clear();
        selection.add(name);
        return name;
    }

    /**
     * A typed input from the palette dropped at canvas point (x, y): it declares the input dropped
     * on, or a new net's one input while that is undeclared and unwired; else it adds a new input
     * ("Image", "Image2") there. One undo entry; the input is selected, so that the inspector shows
     * its declaration to adjust. Returns the input's canvas id ("$Image").
     */
    public String addInput(InputKind kind, double x, double y) {
        NodePath at = getCurrentPath();
        String port = inputToDeclare(x, y);
        if (port != null) {
            execute(new SetPortDecl(at, port, true, kind.decl()));
        } else {
            Graph g = getLevel().graph();
            Set<String> taken = new HashSet<>(g.nodes().keySet());
            taken.addAll(g.inputs().keySet());
            taken.addAll(g.outputs().keySet());
            port = kind.portName();
            for (int k = 2; taken.contains(port); k++) {
                port = kind.portName() + k;   // ports read as words: "Image", "Image2"
            }
            Layout.Position pos = freeSpot(x - NodeGeometry.PORT_NODE_WIDTH / 2, y - NodeGeometry.PORT_NODE_HEIGHT / 2,
                    NodeGeometry.PORT_NODE_WIDTH, NodeGeometry.PORT_NODE_HEIGHT);
            editLevel("Add " + kind.label(), new AddPort(at, port, true, kind.decl(), pos));
        }
        String id = Layouts.portId(port);
        selection.clear();
        if (getLevel().byId().containsKey(id)) {
            selection.add(id);
        }
        return id;
    }

    /** (x, y), or the first place to its right where a w×h box overlaps no node of the level. */
    private Layout.Position freeSpot(double x, double y, double w, double h) {
        double left = x;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (NodeItem n : getLevel().nodes()) {
                if (n.placed() && left < n.x() + n.width() && left + w > n.x() && y < n.y() + n.height() && y + h > n.y()) {
                    left = n.x() + n.width() + NodeGeometry.GRID;
                    moved = true;
                }
            }
        }
        return new Layout.Position(Math.round(left), Math.round(y));
    }

    /** The input port dropped on, else the level's only input when it is undeclared and unwired, else null. */
    private String inputToDeclare(double x, double y) {
        NodeItem hit = HitTest.node(getLevel(), x, y);
        if (hit != null && hit.kind() == NodeItem.Kind.INPUT) {
            return Layouts.portName(hit.id());
        }
        Graph g = getLevel().graph();
        if (g.inputs().size() == 1) {
            Map.Entry<String, PortDecl> only = g.inputs().entrySet().iterator().next();
            boolean wired = g.edges().stream().anyMatch(e -> e.from().isGraphPort() && e.from().port().equals(only.getKey()));
            if (only.getValue().isUnspecified() && !wired) {
                return only.getKey();
            }
        }
        return null;
    }

    /** Adds a node of a palette type onto a wire, routing the wire through it; returns its name. */
    public String insertOnWire(WireItem wire, String type, double x, double y) {
        if (InputKind.ofId(type).isPresent()) {
            return addNode(type, x, y);
        }
        NetNode node = NodeFactory.create(type);
        String name = NodeNames.uniqueName(getLevel().graph().nodes().keySet(), NodeNames.baseName(node.typeName()));
        editLevel("Insert " + name, new InsertOnEdge(getCurrentPath(), wire.edge(), name, node, centred(node, x, y)));
        selection.clear();
        selection.add(name);
        return name;
    }

    private static Layout.Position centred(NetNode node, double x, double y) {
        NodeItem.Kind k = isContainer(node) ? NodeItem.Kind.CONTAINER : NodeItem.Kind.LAYER;
        double w = NodeGeometry.width(k);
        double h = NodeGeometry.height(k, node.inputNames().size());
        return new Layout.Position(Math.round(x - w / 2), Math.round(y - h / 2));
    }

    /** The cheap check while dragging a wire: Compatible, or Mismatch with a full sentence. */
    public Compatibility checkWire(String fromId, String fromPort, String toId, String toPort) {
        return WireCheck.check(getLevel(), fromId, fromPort, toId, toPort);
    }

    /**
     * Wires an output to an input after the full check (whole-net inference on the would-be net);
     * one undo entry. When refused, nothing changes, the reason is shown as a message and returned.
     */
    public Optional<String> connect(String fromId, String fromPort, String toId, String toPort) {
        return connect(fromId, fromPort, toId, toPort, null);
    }

    /**
     * As {@link #connect(String, String, String, String)}, moving the wire {@code replacing} (an
     * input's wire dragged to another input) in the same undo entry.
     */
    public Optional<String> connect(String fromId, String fromPort, String toId, String toPort, WireItem replacing) {
        Compatibility c = checkWire(fromId, fromPort, toId, toPort);
        if (c instanceof Mismatch m) {
            showMessage(m.reason());
            return Optional.of(m.reason());
        }
        NodePath at = getCurrentPath();
        Edge edge = new Edge(ref(fromId, fromPort), ref(toId, toPort));
        // A wire already arriving at the input is replaced, in the same undo entry.
        List<Command> steps = new ArrayList<>();
        if (replacing != null) {
            steps.add(new Disconnect(at, replacing.edge()));
        }
        for (Edge old : getLevel().graph().edgesInto(edge.to())) {
            if (replacing == null || !old.equals(replacing.edge())) {
                steps.add(new Disconnect(at, old));
            }
        }
        Connect connect = new Connect(at, edge);
        steps.add(connect);
        Command gesture = onLevel(replacing != null ? "Move wire" : connect.description(), steps);
        NetDocument trial;
        try {
            trial = gesture.apply(document.get());
        } catch (IllegalArgumentException e) {
            showMessage(sentence(e.getMessage()));
            return Optional.of(sentence(e.getMessage()));
        }
        NodePath target = Layouts.isPortId(toId) ? at : at.child(toId);
        Set<String> before = new HashSet<>();
        inference.get().diagnostics().forEach(d -> before.add(d.message()));
        for (Diagnostic d : ShapeInference.infer(trial.net()).diagnostics()) {
            if (d.kind() == Diagnostic.Kind.TYPE_MISMATCH && d.node().equals(target) && toPort.equals(d.port())
                    && !before.contains(d.message())) {
                showMessage(d.message());
                return Optional.of(d.message());
            }
        }
        execute(gesture);
        return Optional.empty();
    }

    private static PortRef ref(String id, String port) {
        return Layouts.isPortId(id) ? PortRef.graphPort(Layouts.portName(id)) : PortRef.of(id, port);
    }

    public void disconnect(WireItem wire) {
        editLevel(new Disconnect(getCurrentPath(), wire.edge()));
    }

    /**
     * Executes {@code command} on the stack as one undo entry; a refusal becomes a message instead
     * of an exception. Returns whether it was done.
     */
    public boolean execute(Command command) {
        try {
            stack.execute(command);
            return true;
        } catch (IllegalArgumentException e) {
            showMessage(sentence(e.getMessage()));
            return false;
        }
    }

    /** Executes one command on the level shown as one gesture (see {@link #onLevel}). */
    private boolean editLevel(Command command) {
        return editLevel(command.description(), command);
    }

    /** As {@link #editLevel(Command)}, the undo entry described by {@code description} ("Add conv1"). */
    private boolean editLevel(String description, Command command) {
        return execute(onLevel(description, List.of(command)));
    }

    /**
     * The command doing {@code steps} (edits of the graph at the level shown) as one undo entry
     * described by {@code description}. Two things happen first, in the same entry: a level that
     * is still a Chain becomes the Graph the canvas shows ({@link ChainToGraph}), and positions
     * auto-layout found for the level are kept in the document, so that what the edit moves or
     * adds lands among nodes that stay put.
     */
    private Command onLevel(String description, List<Command> steps) {
        NodePath at = getCurrentPath();
        List<Command> all = new ArrayList<>();
        Map<String, Layout.Position> keep = autoPositionsNotInTheDocument();
        if (!keep.isEmpty()) {
            all.add(new SetLayout(keep, description));
        }
        if (nodeAt(document.get(), at) instanceof Chain) {
            all.add(new ChainToGraph(at));
        }
        all.addAll(steps);
        return all.size() == 1 && all.get(0).description().equals(description) ? all.get(0)
                : new CompoundCommand(description, all);
    }

    private Map<String, Layout.Position> autoPositionsNotInTheDocument() {
        Map<String, Layout.Position> auto = autoPositions.getOrDefault(getCurrentPath(), Map.of());
        Map<String, Layout.Position> keep = new LinkedHashMap<>();
        for (NodeItem n : getLevel().nodes()) {
            String key = Layouts.key(getCurrentPath(), n.id());
            if (n.placed() && !document.get().layout().positions().containsKey(key) && auto.containsKey(n.id())) {
                keep.put(key, new Layout.Position(n.x(), n.y()));
            }
        }
        return keep;
    }

    private static String sentence(String s) {
        if (s == null || s.isBlank()) {
            return "That cannot be done here.";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    // ---- moving ----------------------------------------------------------------------------

    /** Moves nodes to new top-left positions by id; one undo entry. */
    public void moveNodes(Map<String, Layout.Position> byId) {
        if (byId.isEmpty()) {
            return;
        }
        Map<String, Layout.Position> byKey = new LinkedHashMap<>();
        byId.forEach((id, p) -> byKey.put(Layouts.key(getCurrentPath(), id), p));
        execute(new SetLayout(byKey, byId.size() == 1 ? "Move" : "Move " + byId.size() + " nodes"));
    }

    /** Moves the selection by (dx, dy) canvas units (arrow keys); one undo entry. */
    public void nudgeSelection(double dx, double dy) {
        Map<String, Layout.Position> m = new LinkedHashMap<>();
        for (String id : selection) {
            NodeItem n = getLevel().node(id);
            if (n != null && n.placed()) {
                m.put(id, new Layout.Position(n.x() + dx, n.y() + dy));
            }
        }
        moveNodes(m);
    }

    /** Lays out the current level in the background, then applies it as one undo entry. */
    public void autoLayout() {
        layoutLevel(getLevel(), true);
    }

    // ---- selection, clipboard, containers --------------------------------------------------

    public void selectAll() {
        selection.addAll(getLevel().byId().keySet());
    }

    public void select(String id, boolean toggle) {
        if (!toggle) {
            selection.clear();
            selection.add(id);
        } else if (!selection.remove(id)) {
            selection.add(id);
        }
    }

    /** Deletes the selected layers and containers (graph ports stay), or the selected wire; one undo entry. */
    public void deleteSelection() {
        Set<String> names = layerIds(selection);
        WireItem wire = selectedWire.get();
        if (names.isEmpty() && wire != null) {
            selectedWire.set(null);
            disconnect(wire);
        } else if (!names.isEmpty()) {
            editLevel(new RemoveNodes(getCurrentPath(), names.stream().sorted().toList()));
        }
    }

    private Set<String> layerIds(Set<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (!Layouts.isPortId(id) && getLevel().graph().nodes().containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    public boolean hasSelection() {
        return !layerIds(selection).isEmpty();
    }

    public void copy() {
        Set<String> names = layerIds(selection);
        if (names.isEmpty()) {
            return;
        }
        NodeClipboard.shared().put(fragment(names));
        pasteCount = 0;
    }

    public void cut() {
        copy();
        deleteSelection();
    }

    /** Pastes the clipboard, offset from where it was copied, with unique names; one undo entry. */
    public void paste() {
        NodeClipboard.Fragment f = NodeClipboard.shared().get();
        if (f != null) {
            pasteCount++;
            pasteFragment(f, 32.0 * pasteCount);
        }
    }

    /** Copies and pastes the selection in one step, leaving the clipboard alone. */
    public void duplicate() {
        Set<String> names = layerIds(selection);
        if (!names.isEmpty()) {
            pasteFragment(fragment(names), 32);
        }
    }

    private NodeClipboard.Fragment fragment(Set<String> names) {
        Graph g = getLevel().graph();
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        Map<String, Layout.Position> pos = new LinkedHashMap<>();
        for (String n : names) {
            nodes.put(n, g.nodes().get(n));
            NodeItem item = getLevel().node(n);
            if (item != null && item.placed()) {
                pos.put(n, new Layout.Position(item.x(), item.y()));
            }
        }
        List<Edge> edges = g.edges().stream()
                .filter(e -> names.contains(e.from().node()) && names.contains(e.to().node())).toList();
        return new NodeClipboard.Fragment(new Graph(Map.of(), nodes, edges, Map.of()), pos);
    }

    private void pasteFragment(NodeClipboard.Fragment f, double offset) {
        Set<String> taken = new HashSet<>(getLevel().graph().nodes().keySet());
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String n : f.graph().nodes().keySet()) {
            String nn = taken.contains(n) ? NodeNames.uniqueName(taken, n) : n;
            taken.add(nn);
            renamed.put(n, nn);
        }
        NodePath at = getCurrentPath();
        List<Command> steps = new ArrayList<>();
        f.graph().nodes().forEach((n, node) -> {
            Layout.Position p = f.positions().get(n);
            steps.add(new AddNode(at, renamed.get(n), node,
                    p == null ? null : new Layout.Position(p.x() + offset, p.y() + offset)));
        });
        for (Edge e : f.graph().edges()) {
            steps.add(new Connect(at, new Edge(PortRef.of(renamed.get(e.from().node()), e.from().port()),
                    PortRef.of(renamed.get(e.to().node()), e.to().port()))));
        }
        if (execute(onLevel("Paste " + renamed.size() + " nodes", steps))) {
            selection.clear();
            selection.addAll(renamed.values());
        }
    }

    /** Freezes the selected nodes (learning-rate multiplier 0, kept in the net file); one undo entry. */
    public void freezeSelection() {
        List<NodePath> paths = selectedPaths();
        if (!paths.isEmpty()) {
            execute(SetMultiplier.freeze(paths));
        }
    }

    /** Unfreezes the selected nodes (they learn at the full rate again); one undo entry. */
    public void unfreezeSelection() {
        List<NodePath> paths = selectedPaths();
        if (!paths.isEmpty()) {
            execute(SetMultiplier.unfreeze(paths));
        }
    }

    /** Sets the learning-rate multiplier of the selected nodes (1 removes their own entries); one undo entry. */
    public void setSelectionMultiplier(double factor) {
        List<NodePath> paths = selectedPaths();
        if (paths.isEmpty()) {
            return;
        }
        String what = paths.size() == 1 ? paths.get(0).toString() : paths.size() + " nodes";
        try {
            execute(new SetMultiplier(paths, factor == 1 ? java.util.OptionalDouble.empty()
                    : java.util.OptionalDouble.of(factor), "Set the learning-rate multiplier of " + what));
        } catch (IllegalArgumentException e) {
            showMessage(sentence(e.getMessage()));
        }
    }

    /** The learning-rate multiplier of the first selected node (1 with none selected). */
    public double selectionMultiplier() {
        List<NodePath> paths = selectedPaths();
        return paths.isEmpty() ? 1 : document.get().multipliers().factorOf(paths.get(0));
    }

    /** Whether every selected node is frozen (and one is selected). */
    public boolean selectionFrozen() {
        List<NodePath> paths = selectedPaths();
        return !paths.isEmpty() && paths.stream().allMatch(document.get().multipliers()::frozen);
    }

    private List<NodePath> selectedPaths() {
        return layerIds(selection).stream().sorted().map(getCurrentPath()::child).toList();
    }

    /** Moves the selected layers into a new sub-graph ("group1"); one undo entry. */
    public Optional<String> groupSelection() {
        Set<String> names = layerIds(selection);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String name = NodeNames.uniqueName(getLevel().graph().nodes().keySet(), "group");
        if (editLevel(new Group(getCurrentPath(), List.copyOf(names), name))) {
            selection.clear();
            selection.add(name);
            return Optional.of(name);
        }
        return Optional.empty();
    }

    /** Splices the selected containers back into this level; one undo entry. */
    public void ungroupSelection() {
        List<Command> ungroups = new ArrayList<>();
        for (String id : layerIds(selection)) {
            if (isGroup(getLevel().graph().nodes().get(id))) {
                ungroups.add(new Ungroup(getCurrentPath(), id));
            }
        }
        if (ungroups.isEmpty()) {
            return;
        }
        Set<String> before = new HashSet<>(getLevel().byId().keySet());
        String description = ungroups.size() == 1 ? ungroups.get(0).description() : "Ungroup";
        if (execute(onLevel(description, ungroups))) {
            selection.clear();
            getLevel().byId().keySet().stream().filter(id -> !before.contains(id)).forEach(selection::add);
        }
    }

    /** Opens a container node: the canvas then shows its inside. Returns whether it opened. */
    public boolean open(String id) {
        NetNode n = getLevel().graph().nodes().get(id);
        if (!isContainer(n)) {
            return false;
        }
        currentPath.set(getCurrentPath().child(id));
        return true;
    }

    /** Goes back to the enclosing level. */
    public void up() {
        if (!getCurrentPath().isRoot()) {
            currentPath.set(getCurrentPath().parent());
        }
    }

    public void undo() {
        stack.undo();
    }

    public void redo() {
        stack.redo();
    }
}
