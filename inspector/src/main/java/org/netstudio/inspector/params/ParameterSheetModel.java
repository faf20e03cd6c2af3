package org.netstudio.inspector.params;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.netstudio.inspector.edit.EditRunner;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.edit.SetParameter;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * The parameter sheet of the selected layers (or of a sequence operator, whose options, such as a
 * Bidirectional's merge, read as its parameters). One layer: all its parameters. Several: the
 * parameters they share — all of them when the layers are of one type, else those with the same
 * name and kind in every type ("units" of a Linear and an LSTM); a value they disagree on shows
 * as "—", and an edit sets it on all of them as one undo entry.
 *
 * <p>The fields stay the same objects while the same layers of the same types are shown, so an
 * editor keeps its focus and caret while the document changes under it.
 */
public final class ParameterSheetModel {

    /** A selected layer, or sequence operator, and where it is. */
    public record Target(NodePath path, NetNode node) {
        public Target {
            Objects.requireNonNull(path, "path");
            if (!(node instanceof Layer) && !(node instanceof SequenceOperator)) {
                throw new IllegalArgumentException("a parameter sheet shows layers and sequence operators, not "
                        + (node == null ? "nothing" : "a " + node.typeName()));
            }
        }

        /** The layer, or null for an operator. */
        public Layer layer() {
            return node instanceof Layer l ? l : null;
        }

        String type() {
            return node.typeName();
        }

        List<ParamSpec> specs() {
            return node instanceof Layer l ? l.layerType().params() : ((SequenceOperator) node).options();
        }

        ParamSpec spec(String name) {
            return specs().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        }

        /** The value, its default filled in. */
        Object value(String name) {
            return node instanceof Layer l ? l.params().get(name) : ((SequenceOperator) node).option(name);
        }

        /** Whether the value was set rather than left at its default. */
        boolean isSet(String name) {
            return node instanceof Layer l ? l.values().containsKey(name)
                    : !Objects.equals(value(name), spec(name).defaultValue());
        }
    }

    private final EditRunner edits;
    private final ObservableList<ParameterField> fields = FXCollections.observableArrayList();
    private final ObservableList<ParameterField> readOnlyFields = FXCollections.unmodifiableObservableList(fields);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private List<Target> targets = List.of();
    private List<Object> signature = List.of();

    public ParameterSheetModel(EditRunner edits) {
        this.edits = Objects.requireNonNull(edits, "edits");
    }

    /** The rows, in the catalog's order. */
    public ObservableList<ParameterField> getFields() {
        return readOnlyFields;
    }

    /** The field of this parameter, if shown. */
    public Optional<ParameterField> field(String name) {
        return fields.stream().filter(f -> f.spec().name().equals(name)).findFirst();
    }

    /** What to say when there are no rows ("Ramp has no parameters."), else "". */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public String getNote() {
        return note.get();
    }

    /** Shows these layers (none: an empty sheet); {@code containers} counts selected containers. */
    public void show(List<Target> layers, int containers) {
        targets = List.copyOf(layers);
        List<ParamSpec> shared = containers > 0 ? List.of() : sharedParams(targets);
        if (imported(targets)) {
            // The serialised ONNX node is for ONNX Runtime, not for reading.
            shared = shared.stream().filter(p -> !p.name().equals("node")).toList();
        }
        List<Object> sig = new ArrayList<>();
        for (Target t : targets) {
            sig.add(t.path());
            sig.add(t.type());
        }
        sig.add(containers);
        if (!sig.equals(signature)) {
            signature = sig;
            List<ParameterField> made = new ArrayList<>();
            // A field edits the layers it was made for, even if it commits after the selection moved on
            // (leaving a field commits it, and the field may lose focus because another layer was selected).
            List<Target> own = targets;
            for (ParamSpec spec : shared) {
                made.add(new ParameterField(spec, (raw, merge) -> apply(own, spec.name(), raw, merge)));
            }
            fields.setAll(made);
        }
        for (ParameterField f : fields) {
            showValues(f);
        }
        note.set(noteFor(shared, containers));
    }

    private String noteFor(List<ParamSpec> shared, int containers) {
        if (imported(targets)) {
            return "Imported from ONNX as it was and computed as ONNX defines it. Its parameters cannot be edited.";
        }
        if (!shared.isEmpty()) {
            return "";
        }
        if (containers > 0) {
            return targets.isEmpty() && containers == 1 ? "" : "Containers have no parameters of their own.";
        }
        if (targets.size() == 1) {
            return targets.get(0).type() + " has no parameters.";
        }
        return targets.isEmpty() ? "" : "The selected layers share no parameters.";
    }

    private void showValues(ParameterField f) {
        Set<Object> values = new LinkedHashSet<>();
        boolean allDefault = true;
        for (Target t : targets) {
            Object v = t.value(f.spec().name());
            values.add(v == null ? Absent.VALUE : v);
            ParamSpec spec = t.spec(f.spec().name());
            allDefault &= !t.isSet(f.spec().name()) || Objects.equals(v, spec.defaultValue());
        }
        boolean isMixed = values.size() > 1;
        Object common = isMixed || values.isEmpty() || values.contains(Absent.VALUE) ? null : values.iterator().next();
        f.show(common, isMixed, !isMixed && allDefault, edits.canEdit() && !imported(targets));
    }

    /**
     * Whether any of the layers is an opaque ONNX operator: kept as imported, so that ONNX Runtime
     * runs exactly what the model said; an edited attribute or declared type would silently
     * disagree with the serialised node.
     */
    private static boolean imported(List<Target> layers) {
        return layers.stream().anyMatch(t -> t.type().equals(ONNX_OPERATOR));
    }

    private static final String ONNX_OPERATOR = "OnnxOperator";

    /** Marks "no value" in a set, where null cannot go. */
    private enum Absent { VALUE }

    /** Checks {@code raw} against every target's spec, then executes one edit for all of them. */
    private Optional<String> apply(List<Target> layers, String param, Object raw, boolean merge) {
        if (layers.isEmpty()) {
            return Optional.of("Nothing is selected.");
        }
        List<SetParameter> commands = new ArrayList<>();
        for (Target t : layers) {
            ParamSpec spec = t.spec(param);
            ParamSpec.Check c = spec.check(raw);
            if (c instanceof ParamSpec.Invalid inv) {
                return Optional.of(inv.message());
            }
            Object value = raw == null ? null : ((ParamSpec.Valid) c).value();
            commands.add(new SetParameter(t.path(), param, value));
        }
        if (commands.size() == 1) {
            return merge ? edits.executeMerging(commands.get(0)) : edits.execute(commands.get(0));
        }
        return edits.executeAll("Set " + param + " of " + layers.size() + " layers", commands);
    }

    /** The parameters every target has, in the first target's order. */
    static List<ParamSpec> sharedParams(List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        List<ParamSpec> out = new ArrayList<>();
        for (ParamSpec p : targets.get(0).specs()) {
            boolean everywhere = true;
            for (Target t : targets) {
                ParamSpec q = t.spec(p.name());
                everywhere &= q != null && q.kind() == p.kind() && q.choices().equals(p.choices());
            }
            if (everywhere) {
                out.add(p);
            }
        }
        return out;
    }
}
