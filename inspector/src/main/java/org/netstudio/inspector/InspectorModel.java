package org.netstudio.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.HashMap;
import java.util.function.BiFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.netstudio.inspector.arrays.ArrayRow;
import org.netstudio.inspector.arrays.ArrayStatistics;
import org.netstudio.inspector.edit.EditRunner;
import org.netstudio.inspector.header.HeaderModel;
import org.netstudio.inspector.params.ParameterSheetModel;
import org.netstudio.inspector.ports.DiagnosticRow;
import org.netstudio.inspector.ports.PortDeclEditor;
import org.netstudio.inspector.ports.PortRow;
import org.netstudio.inspector.ports.SelectedPort;
import org.netstudio.inspector.summary.Summaries;
import org.netstudio.inspector.summary.SummaryRow;
import org.netstudio.inspector.summary.SummaryTotals;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.PortSpec;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.edit.RenameNode;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.summary.ParameterCount;
import org.netstudio.netgraph.summary.SummaryTable;

/**
 * The inspector's view-model. Fed with the document, its inference result, the selected node
 * paths, the {@link CommandStack} edits go to and, optionally, trained {@link Weights}; from these
 * it derives everything the {@link InspectorPanel} shows, as properties and lists that views bind
 * to. Edits are commands on the stack: the stack's change comes back as a new document, which is
 * inferred again, and every view refreshes from that (one-way data flow).
 *
 * <ul>
 * <li>With a stack set, {@link #documentProperty()} follows the stack's document (unless bound).</li>
 * <li>Whenever the document changes, {@link #inferenceProperty()} is set to its inference (unless
 * bound, e.g. to the canvas model's result, so that one inference serves both views).</li>
 * <li>Selected paths that name no node are ignored; none left means the whole net.</li>
 * </ul>
 *
 * <p>No scene-graph types: testable without a Stage. Use it on the JavaFX application thread (or
 * one test thread).
 */
public final class InspectorModel {

    /**
     * What the inspector's sections list, read-only; views bind to these.
     *
     * @param ports        the ports of the selected layer or container (the net's own when nothing is selected)
     * @param diagnostics  the problems of the selected node (everything inside it, for a container; all, for the net)
     * @param arrays       the selected layer's learnable and state arrays
     * @param summaryRows  the layers of the net, of the selected container, or the selected layers
     * @param declarations editors of the declared inputs and outputs of the net or of the selected container
     */
    public record Lists(ObservableList<PortRow> ports, ObservableList<DiagnosticRow> diagnostics,
                       ObservableList<ArrayRow> arrays, ObservableList<SummaryRow> summaryRows,
                       ObservableList<PortDeclEditor> declarations) {

        /** The totals under the summary rows. */
        public SummaryTotals summaryTotals() {
            return Summaries.totals(summaryRows);
        }
    }

    private final ObjectProperty<CommandStack> commandStack = new SimpleObjectProperty<>(this, "commandStack");
    private final ObjectProperty<NetDocument> document = new SimpleObjectProperty<>(this, "document");
    private final ObjectProperty<InferenceResult> inference = new SimpleObjectProperty<>(this, "inference");
    private final ObservableList<NodePath> selectedPaths = FXCollections.observableArrayList();
    private final ObjectProperty<Weights> weights = new SimpleObjectProperty<>(this, "weights");
    private final StringProperty netName = new SimpleStringProperty(this, "netName", "");
    private final ObjectProperty<SelectedPort> selectedPort = new SimpleObjectProperty<>(this, "selectedPort");

    private final ReadOnlyObjectWrapper<InspectorMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", InspectorMode.EMPTY);
    private final EditRunner edits = new EditRunner(commandStack::get);
    private final HeaderModel header = new HeaderModel();
    private final ParameterSheetModel parameters = new ParameterSheetModel(edits);
    private final ObservableList<PortRow> ports = FXCollections.observableArrayList();
    private final ObservableList<DiagnosticRow> diagnostics = FXCollections.observableArrayList();
    private final ObservableList<ArrayRow> arrays = FXCollections.observableArrayList();
    private final ObservableList<SummaryRow> summaryRows = FXCollections.observableArrayList();
    private final ObservableList<PortDeclEditor> declarations = FXCollections.observableArrayList();
    private final Lists lists = new Lists(FXCollections.unmodifiableObservableList(ports),
            FXCollections.unmodifiableObservableList(diagnostics), FXCollections.unmodifiableObservableList(arrays),
            FXCollections.unmodifiableObservableList(summaryRows), FXCollections.unmodifiableObservableList(declarations));
    private final Map<String, PortDeclEditor> declarationEditors = new LinkedHashMap<>();
    /** Statistics by array key, computed once per {@link Weights} value (weights are immutable). */
    private final Map<String, ArrayStatistics> statistics = new HashMap<>();
    private Weights statisticsOf;

    private final CommandStack.Listener stackListener = this::stackChanged;
    private boolean inferring;
    private boolean refreshing;
    private boolean refreshAgain;

    /** A model with nothing to show yet; set a stack or a document. */
    public InspectorModel() {
        commandStack.addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(stackListener);
            }
            if (now != null) {
                now.addListener(stackListener);
                if (!document.isBound()) {
                    document.set(now.document());
                }
            }
            refresh();
        });
        document.addListener((o, was, now) -> {
            if (!inference.isBound()) {
                inferring = true;
                try {
                    inference.set(now == null ? null : ShapeInference.infer(now.net()));
                } finally {
                    inferring = false;
                }
            }
            refresh();
        });
        inference.addListener(o -> {
            if (!inferring) {
                refresh();
            }
        });
        selectedPaths.addListener((ListChangeListener<NodePath>) c -> refresh());
        weights.addListener(o -> refresh());
        netName.addListener(o -> refresh());
        selectedPort.addListener(o -> refresh());
    }

    /** A model editing the stack's document. */
    public InspectorModel(CommandStack stack) {
        this();
        commandStack.set(Objects.requireNonNull(stack, "stack"));
    }

    // ---- inputs ------------------------------------------------------------------------------

    /** Where edits go; null makes the inspector read-only. */
    public void setCommandStack(CommandStack s) {
        commandStack.set(s);
    }

    /** The document shown. */
    public ObjectProperty<NetDocument> documentProperty() {
        return document;
    }

    /** The inference result of the document. */
    public ObjectProperty<InferenceResult> inferenceProperty() {
        return inference;
    }

    /** The selected nodes, by path from the top-level net; empty for the whole net. */
    public ObservableList<NodePath> getSelectedPaths() {
        return selectedPaths;
    }

    /** Selects these nodes (none: the whole net). */
    public void select(NodePath... paths) {
        selectedPaths.setAll(paths);
    }

    /**
     * A port of the net or of a container, picked on the canvas (its input or output node): with no
     * node selected, the inspector shows that port's declaration to set. Null for none.
     */
    public ObjectProperty<SelectedPort> selectedPortProperty() {
        return selectedPort;
    }

    /** Trained arrays to show statistics of, keyed as {@link Weights#key}; null for none. */
    public ObjectProperty<Weights> weightsProperty() {
        return weights;
    }

    /**
     * What the window calls the net (its file's name once saved, else its untitled name), shown as
     * the net's name; empty shows the document's own name.
     */
    public StringProperty netNameProperty() {
        return netName;
    }

    // ---- what the views show -----------------------------------------------------------------

    public ReadOnlyObjectProperty<InspectorMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public HeaderModel header() {
        return header;
    }

    public ParameterSheetModel parameters() {
        return parameters;
    }

    /** The lists the sections show. */
    public Lists lists() {
        return lists;
    }

    /** The editor of one declared port, if shown. */
    public Optional<PortDeclEditor> declaration(String port, boolean input) {
        return declarations.stream().filter(d -> d.getPort().equals(port) && d.isInput() == input).findFirst();
    }

    // ---- refresh -------------------------------------------------------------------------------

    private void stackChanged(CommandStack stack) {
        if (!document.isBound()) {
            document.set(stack.document());
        }
    }

    /**
     * Derives everything shown. A refresh can cause another (a field that loses focus because its
     * row is replaced commits, and the edit changes the document): that one runs after this one
     * ends, so that what is shown is always derived from the latest document.
     */
    private void refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        try {
            do {
                refreshAgain = false;
                derive();
            } while (refreshAgain);
        } finally {
            refreshing = false;
        }
    }

    private void derive() {
        NetDocument doc = document.get();
        InferenceResult result = inference.get();
        if (doc == null) {
            mode.set(InspectorMode.EMPTY);
            header.show("", "", null, "", "", null);
            parameters.show(List.of(), 0);
            setIfChanged(ports, List.of());
            setIfChanged(diagnostics, List.of());
            setIfChanged(arrays, List.of());
            setIfChanged(summaryRows, List.of());
            showDeclarations(null, null, null, null);
            return;
        }
        if (result == null) {
            result = ShapeInference.infer(doc.net());
        }
        Map<NodePath, NetNode> selected = new LinkedHashMap<>();
        for (NodePath p : selectedPaths) {
            if (!p.isRoot()) {
                NetPaths.find(doc.net(), p).ifPresent(n -> selected.put(p, n));
            }
        }
        Optional<NetNode> portOwner = selectedPort.get() == null ? Optional.empty()
                : NetPaths.find(doc.net(), selectedPort.get().container());
        if (selected.isEmpty() && portOwner.isPresent() && hasPort(portOwner.get(), selectedPort.get())) {
            showPort(result, selectedPort.get(), portOwner.get());
        } else if (selected.isEmpty()) {
            showNet(doc, result);
        } else if (selected.size() == 1) {
            Map.Entry<NodePath, NetNode> only = selected.entrySet().iterator().next();
            if (only.getValue() instanceof Layer layer) {
                showLayer(doc, result, only.getKey(), layer);
            } else {
                showContainer(doc, result, only.getKey(), only.getValue());
            }
        } else {
            showSeveral(result, selected);
        }
    }

    private void showNet(NetDocument doc, InferenceResult result) {
        mode.set(InspectorMode.NET);
        NetNode net = doc.net();
        List<SummaryRow> rows = Summaries.within(result, NodePath.ROOT);
        SummaryTotals totals = Summaries.totals(rows);
        String status = result.valid() ? "valid" : problems(result.diagnostics().size());
        String name = netName.get() == null || netName.get().isBlank() ? doc.name() : netName.get();
        header.show(name.isEmpty() ? "Untitled net" : name, net.typeName(), Category.CONTAINER,
                "The whole net: " + layers(rows.size()) + ", " + status + ". Select a layer to edit it.",
                figures(totals.parameters(), totals.multiplyAdds()), null);
        parameters.show(List.of(), 0);
        setIfChanged(ports, containerPorts(result, NodePath.ROOT, net));
        setIfChanged(diagnostics, result.diagnostics().stream().map(DiagnosticRow::of).toList());
        setIfChanged(arrays, List.of());
        setIfChanged(summaryRows, rows);
        showDeclarations(result, NodePath.ROOT, net, null);
    }

    /** One declared port: what it is, its problems and its declaration, ready to be set. */
    private void showPort(InferenceResult result, SelectedPort p, NetNode owner) {
        mode.set(InspectorMode.PORT);
        String of = p.container().isRoot() ? "the net" : "'" + p.container() + "'";
        String what = p.input()
                ? "What " + of + " reads. Type its shape (real numbers: 1×28×28, or n×20 for a sequence of varying"
                        + " length n) or choose an encoder (Image, Class, Characters, Boolean); inference fills in"
                        + " what it can from the layers it feeds."
                : "What " + of + " gives out; its shape comes from the layer wired into it. Choose a decoder"
                        + " (Class, Characters, Boolean) to read it as labels.";
        header.show(p.port(), p.input() ? "Input" : "Output", null, what, "", null);
        parameters.show(List.of(), 0);
        setIfChanged(ports, List.of(PortRow.of(p.input(), p.port(), result.type(p.container(), p.port(), p.input()), "")));
        setIfChanged(diagnostics, result.diagnostics().stream()
                .filter(d -> d.node().equals(p.container()) && p.port().equals(d.port()))
                .map(DiagnosticRow::of).toList());
        setIfChanged(arrays, List.of());
        setIfChanged(summaryRows, List.of());
        showDeclarations(result, p.container(), owner, p);
    }

    private static boolean hasPort(NetNode owner, SelectedPort p) {
        return (owner instanceof Chain || owner instanceof Graph)
                && (p.input() ? owner.inputNames() : owner.outputNames()).contains(p.port());
    }

    private void showContainer(NetDocument doc, InferenceResult result, NodePath path, NetNode container) {
        mode.set(InspectorMode.CONTAINER);
        List<SummaryRow> rows = Summaries.within(result, path);
        SummaryTotals totals = Summaries.totals(rows);
        header.show(path.leaf(), container.typeName(), Category.CONTAINER, what(container) + ": " + layers(rows.size())
                + " inside.", figures(totals.parameters(), totals.multiplyAdds()) + multiplier(doc, path), renamer(path));
        if (container instanceof SequenceOperator op && !op.options().isEmpty()) {
            parameters.show(List.of(new ParameterSheetModel.Target(path, op)), 0);
        } else {
            parameters.show(List.of(), 1);
        }
        setIfChanged(ports, containerPorts(result, path, container));
        setIfChanged(diagnostics, result.diagnosticsWithin(path).stream().map(DiagnosticRow::of).toList());
        setIfChanged(arrays, List.of());
        setIfChanged(summaryRows, rows);
        // An operator's ports take what its inner nets take; they declare nothing of their own.
        showDeclarations(result, path, container instanceof SequenceOperator ? null : container, null);
    }

    /** What a container does, in a phrase. */
    private static String what(NetNode container) {
        if (container instanceof MapOperator) {
            return "Its net applied to every element of the sequence, with the same weights";
        }
        if (container instanceof FoldOperator) {
            return "Its net carries a state through the sequence, from zeros, one element at a time";
        }
        if (container instanceof BidirectionalOperator bi) {
            return "A forward net reads the sequence and a backward net reads it reversed; their outputs are "
                    + (bi.merge().equals(BidirectionalOperator.TOTAL) ? "added" : "catenated");
        }
        return container instanceof Chain ? "A chain of layers, each feeding the next" : "A graph of layers joined by wires";
    }

    private void showLayer(NetDocument doc, InferenceResult result, NodePath path, Layer layer) {
        mode.set(InspectorMode.LAYER);
        LayerType type = layer.layerType();
        LayerInfo info = result.layer(path);
        // An imported opaque node reads as its ONNX operator ("Reshape · ONNX"), as on the canvas.
        String typeName = type.name().equals("OnnxOperator") ? layer.params().getString("op") + " · ONNX" : type.name();
        header.show(path.leaf(), typeName, type.category(), type.doc(),
                (info == null ? "" : figures(ParameterCount.of(info.parameterCount(), info.trainableCount()),
                        info.multiplyAdds())) + multiplier(doc, path), renamer(path));
        parameters.show(List.of(new ParameterSheetModel.Target(path, layer)), 0);
        List<PortRow> rows = new ArrayList<>();
        for (String in : layer.inputNames()) {
            PortSpec spec = type.inputSpec(in);
            rows.add(PortRow.of(true, in, result.inputType(path, in), spec == null ? "" : spec.requirement().description()));
        }
        for (String out : layer.outputNames()) {
            rows.add(PortRow.of(false, out, result.outputType(path, out), ""));
        }
        setIfChanged(ports, rows);
        setIfChanged(diagnostics, result.diagnosticsOf(path).stream().map(DiagnosticRow::of).toList());
        setIfChanged(arrays, info == null ? List.of() : arrayRows(path, info.arrays()));
        setIfChanged(summaryRows, List.of());
        showDeclarations(null, null, null, null);
    }

    private void showSeveral(InferenceResult result, Map<NodePath, NetNode> selected) {
        mode.set(InspectorMode.SEVERAL);
        List<ParameterSheetModel.Target> layers = new ArrayList<>();
        int containers = 0;
        List<String> types = new ArrayList<>();
        for (Map.Entry<NodePath, NetNode> e : selected.entrySet()) {
            if (e.getValue() instanceof Layer l) {
                layers.add(new ParameterSheetModel.Target(e.getKey(), l));
            } else {
                containers++;
            }
            types.add(e.getValue().typeName());
        }
        List<String> distinct = types.stream().distinct().toList();
        Category category = distinct.size() == 1 && !layers.isEmpty()
                ? layers.get(0).layer().layerType().category() : null;
        List<SummaryRow> rows = Summaries.of(result, selected.keySet());
        SummaryTotals totals = Summaries.totals(rows);
        String typeText = distinct.size() == 1 ? distinct.get(0) + " ×" + selected.size() : typeCounts(types);
        header.show(selected.size() + " nodes selected", typeText, category,
                "Editing a parameter sets it on every selected layer, as one undo step.",
                figures(totals.parameters(), totals.multiplyAdds()), null);
        parameters.show(layers, containers);
        setIfChanged(ports, List.of());
        List<DiagnosticRow> problems = new ArrayList<>();
        for (NodePath p : selected.keySet()) {
            result.diagnosticsWithin(p).forEach(d -> problems.add(DiagnosticRow.of(d)));
        }
        setIfChanged(diagnostics, problems);
        setIfChanged(arrays, List.of());
        setIfChanged(summaryRows, rows);
        showDeclarations(null, null, null, null);
    }

    /** How the header renames the node; null where it cannot: the whole net, or a read-only inspector (no stack). */
    private BiFunction<String, String, Optional<String>> renamer(NodePath path) {
        if (path.isRoot() || commandStack.get() == null) {
            return null;
        }
        return (from, to) -> {
            Optional<String> refused = edits.execute(new RenameNode(path.parent(), from, to));
            if (refused.isEmpty()) {
                NodePath renamed = path.parent().child(to);
                List<NodePath> moved = selectedPaths.stream().map(p -> p.startsWith(path) ? rebase(p, path, renamed) : p).toList();
                selectedPaths.setAll(moved);
            }
            return refused;
        };
    }

    private static NodePath rebase(NodePath p, NodePath from, NodePath to) {
        List<String> names = new ArrayList<>(to.names());
        names.addAll(p.names().subList(from.depth(), p.depth()));
        return new NodePath(names);
    }

    private static List<PortRow> containerPorts(InferenceResult result, NodePath path, NetNode node) {
        List<PortRow> rows = new ArrayList<>();
        node.inputNames().forEach(n -> rows.add(PortRow.of(true, n, result.inputType(path, n), "")));
        node.outputNames().forEach(n -> rows.add(PortRow.of(false, n, result.outputType(path, n), "")));
        return rows;
    }

    /** Editors of the container's declared ports; {@code only} keeps one of them. */
    private void showDeclarations(InferenceResult result, NodePath path, NetNode container, SelectedPort only) {
        if (container == null) {
            declarationEditors.clear();
            setIfChanged(declarations, List.of());
            return;
        }
        Map<String, PortDeclEditor> keep = new LinkedHashMap<>();
        List<PortDeclEditor> shown = new ArrayList<>();
        for (boolean input : new boolean[] {true, false}) {
            for (String port : input ? container.inputNames() : container.outputNames()) {
                if (only != null && (only.input() != input || !only.port().equals(port))) {
                    continue;
                }
                String key = path + "\u0000" + input + "\u0000" + port;
                PortDeclEditor e = declarationEditors.get(key);
                if (e == null) {
                    e = new PortDeclEditor(path, port, input, edits);
                }
                e.show(declared(container, port, input), result.type(path, port, input), edits.canEdit());
                keep.put(key, e);
                shown.add(e);
            }
        }
        declarationEditors.clear();
        declarationEditors.putAll(keep);
        setIfChanged(declarations, shown);
    }

    private static PortDecl declared(NetNode container, String port, boolean input) {
        if (container instanceof Chain c) {
            return input ? c.input() : c.output();
        }
        if (container instanceof Graph g) {
            PortDecl d = (input ? g.inputs() : g.outputs()).get(port);
            return d == null ? PortDecl.UNSPECIFIED : d;
        }
        return PortDecl.UNSPECIFIED;
    }

    private List<ArrayRow> arrayRows(NodePath path, List<ArraySpec> specs) {
        Weights w = weights.get();
        List<ArrayRow> rows = new ArrayList<>();
        for (ArraySpec a : specs) {
            ArrayStatistics stats = null;
            String note = "";
            WeightArray values = w == null ? null : w.get(path, a.name()).orElse(null);
            if (values != null) {
                if (statisticsOf != w) {
                    statistics.clear();
                    statisticsOf = w;
                }
                stats = statistics.computeIfAbsent(values.name(), k -> ArrayStatistics.of(values, ArrayStatistics.DEFAULT_BINS));
                String held = shapeText(values.shape());
                if (!held.equals(a.shapeText())) {
                    note = "The weights hold a " + held + " array; the layer needs " + a.shapeText() + ".";
                }
            }
            rows.add(new ArrayRow(a.name(), a.shapeText(), a.size(), a.trainable(), stats, note));
        }
        return rows;
    }

    private static String shapeText(long[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        List<String> parts = new ArrayList<>();
        for (long s : shape) {
            parts.add(Long.toString(s));
        }
        return String.join("×", parts);
    }

    /** "422,026 parameters (421,834 trainable + 192 non-trainable) · 2,293,000 multiply-adds". */
    /** The node's learning-rate multiplier as a sentence ("Frozen: …"), or "" at the full rate. */
    static String multiplier(NetDocument doc, NodePath path) {
        double f = doc.multipliers().factorOf(path);
        if (f == 1) {
            return "";
        }
        String from = doc.multipliers().factors().containsKey(path) ? "" : " (from its container)";
        return f == 0 ? "\nFrozen: training leaves its weights as they are" + from + "."
                : "\nLearning-rate multiplier ×" + f + from + ".";
    }

    private static String figures(ParameterCount params, long macs) {
        String p = params.sentenceStart();
        return !params.known() || macs < 0 ? p : p + " · " + SummaryTable.count(macs) + " multiply-adds";
    }

    private static String layers(int n) {
        return n == 1 ? "1 layer" : n + " layers";
    }

    private static String problems(int n) {
        return n == 1 ? "1 problem" : n + " problems";
    }

    private static String typeCounts(List<String> types) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        types.forEach(t -> counts.merge(t, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((t, n) -> parts.add(n == 1 ? t : t + " ×" + n));
        return String.join(", ", parts);
    }

    /** Replaces the list's content only when it differs, so views keep their scroll and selection. */
    private static <T> void setIfChanged(ObservableList<T> list, List<T> content) {
        if (!list.equals(content)) {
            list.setAll(content);
        }
    }
}
