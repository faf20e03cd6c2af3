package org.netstudio.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.inspector.params.ParameterField;
import org.netstudio.inspector.ports.PortRow;
import org.netstudio.inspector.summary.SummaryRow;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.NetPaths;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.NetSummary;

/** The view-model on its own: no Stage, no toolkit. */
class InspectorModelTest {

    private static final NodePath LINEAR1 = NodePath.of("linear1");
    private static final NodePath LINEAR2 = NodePath.of("linear2");

    // A new LeNet for each test (JUnit makes an instance per test); some tests open another net.
    private CommandStack stack = new CommandStack(TestNets.lenet());
    private InspectorModel model = new InspectorModel(stack);

    private Layer layerAt(NodePath p) {
        NetNode n = NetPaths.find(stack.document().net(), p).orElseThrow();
        return (Layer) n;
    }

    private ParameterField field(String name) {
        return model.parameters().field(name).orElseThrow();
    }

    /** Types each value into the units field of linear1 and commits it. */
    private void commitUnits(String... values) {
        model.select(LINEAR1);
        for (String v : values) {
            field("units").textProperty().set(v);
            field("units").commit();
        }
    }

    /** Types the text into the units field of linear1, sees the commit refused, and says why. */
    private String refusedUnits(String typed) {
        model.select(LINEAR1);
        field("units").textProperty().set(typed);
        assertThat(field("units").commit()).isFalse();
        return field("units").errorProperty().get();
    }

    private PortRow output() {
        return model.lists().ports().stream().filter(p -> !p.input()).findFirst().orElseThrow();
    }

    @Test
    void selectingALayerShowsItsHeaderFieldsPortsAndArrays() {
        model.select(LINEAR1);

        assertThat(model.modeProperty().get()).isEqualTo(InspectorMode.LAYER);
        assertThat(model.header().nameProperty().get()).isEqualTo("linear1");
        assertThat(model.header().aboutProperty().get().typeName()).isEqualTo("Linear");
        assertThat(model.header().aboutProperty().get().category()).isEqualTo(Category.CORE);
        assertThat(model.header().aboutProperty().get().doc()).startsWith("A fully connected layer");
        assertThat(model.header().aboutProperty().get().figures()).isEqualTo("400,500 parameters (400,500 trainable + 0 non-trainable) · 400,000 multiply-adds");
        assertThat(model.header().aboutProperty().get().renameable()).isTrue();

        assertThat(model.parameters().getFields()).extracting(f -> f.spec().name()).containsExactly("units", "bias");
        assertThat(field("units").textProperty().get()).isEqualTo("500");
        assertThat(field("units").stateProperty().get().atDefault()).isFalse();
        assertThat(field("units").getEditorKind()).isEqualTo(ParameterField.EditorKind.TEXT);
        assertThat(field("bias").stateProperty().get().value()).isEqualTo(true);
        assertThat(field("bias").stateProperty().get().atDefault()).isTrue();
        assertThat(field("bias").getEditorKind()).isEqualTo(ParameterField.EditorKind.CHECK);

        assertThat(model.lists().ports()).extracting(PortRow::input, PortRow::name, PortRow::shape, PortRow::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "Input", "800", "Real"),
                        org.assertj.core.groups.Tuple.tuple(false, "Output", "500", "Real"));
        assertThat(model.lists().ports().get(0).accepts()).contains("vector");
        assertThat(model.lists().arrays()).extracting(a -> a.name() + " " + a.shape() + " " + a.size() + " " + a.trainable())
                .containsExactly("weights 500×800 400000 true", "biases 500 500 true");
        assertThat(model.lists().diagnostics()).isEmpty();
    }

    @Test
    void committingAValueExecutesOneSetParameterAndTheNewDocumentIsInferred() {
        model.select(LINEAR1);
        field("units").textProperty().set("128");
        assertThat(stack.canUndo()).as("typing alone applies nothing").isFalse();

        assertThat(field("units").commit()).isTrue();

        assertThat(stack.canUndo()).isTrue();
        assertThat(stack.undoDescription()).contains("Set units of 'linear1'");
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(128);
        assertThat(model.documentProperty().get()).isSameAs(stack.document());
        assertThat(output().shape()).isEqualTo("128");
        assertThat(model.lists().arrays().get(0).shape()).isEqualTo("128×800");
        assertThat(field("units").textProperty().get()).isEqualTo("128");
        assertThat(field("units").errorProperty().get()).isNull();
    }

    @Test
    void anInvalidValueIsNotAppliedAndTheCatalogsSentenceIsShown() {
        assertThat(refusedUnits("-3")).isEqualTo("units must be a positive whole number, but got -3");
        assertThat(stack.canUndo()).isFalse();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(field("units").textProperty().get()).as("the typed text stays to be corrected").isEqualTo("-3");

        field("units").textProperty().set("abc");
        assertThat(field("units").errorProperty().get()).as("re-judged while typing").isEqualTo("units must be a whole number, but got \"abc\"");
        field("units").textProperty().set("64");
        assertThat(field("units").errorProperty().get()).isNull();
        field("units").revert();
        assertThat(field("units").textProperty().get()).isEqualTo("500");
    }

    @Test
    void undoRestoresTheValueAndForgetsTheTypedText() {
        commitUnits("128", "-3");

        stack.undo();

        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(field("units").textProperty().get()).isEqualTo("500");
        assertThat(field("units").errorProperty().get()).isNull();
        assertThat(output().shape()).isEqualTo("500");
        stack.redo();
        assertThat(field("units").textProperty().get()).isEqualTo("128");
    }

    @Test
    void typingSurvivesAChangeOfAnotherParameter() {
        model.select(LINEAR1);
        field("units").textProperty().set("12");
        field("bias").commitValue(false);
        assertThat(field("units").textProperty().get()).isEqualTo("12");
        assertThat(field("bias").stateProperty().get().value()).isEqualTo(false);
        assertThat(field("bias").stateProperty().get().atDefault()).isFalse();
        assertThat(field("bias").stateProperty().get().resettable()).isTrue();
        assertThat(model.lists().arrays()).extracting(a -> a.name()).containsExactly("weights");
    }

    @Test
    void eachCommittedValueIsAnUndoEntryOfItsOwn() {
        commitUnits("128", "256");
        stack.undo();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(128);
        stack.undo();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
    }

    @Test
    void arrowStepsMergeIntoOneUndoEntry() {
        model.select(LINEAR2);
        field("units").step(1);
        field("units").step(1);
        field("units").step(1);
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(13);
        stack.undo();
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(10);
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void intOrListPaddingAndDefaults() {
        model.select(NodePath.of("convolution1"));
        assertThat(model.parameters().getFields()).extracting(f -> f.spec().name())
                .containsExactly("channels", "kernel", "stride", "padding", "dilation", "groups", "bias");
        assertThat(field("stride").stateProperty().get().atDefault()).isTrue();
        assertThat(field("stride").textProperty().get()).isEqualTo("1");

        field("kernel").textProperty().set("3, 5");
        assertThat(field("kernel").commit()).isTrue();
        assertThat(layerAt(NodePath.of("convolution1")).values().get("kernel")).isEqualTo(List.of(3, 5));
        assertThat(field("kernel").textProperty().get()).isEqualTo("3, 5");
        assertThat(output().shape()).isEqualTo("20×26×24");

        field("padding").textProperty().set("same");
        assertThat(field("padding").commit()).isTrue();
        assertThat(output().shape()).isEqualTo("20×28×28");
        assertThat(field("padding").stateProperty().get().atDefault()).isFalse();
        assertThat(field("padding").resetToDefault()).isTrue();
        assertThat(field("padding").stateProperty().get().atDefault()).isTrue();
        assertThat(field("padding").textProperty().get()).isEqualTo("0");

        field("kernel").textProperty().set("3, x");
        assertThat(field("kernel").commit()).isFalse();
        assertThat(field("kernel").errorProperty().get()).isEqualTo("kernel must be a whole number or a list of them, but got \"3, x\"");
    }

    @Test
    void aParameterWithoutAFixedDefaultShowsAuto() {
        model.select(NodePath.of("pooling1"));
        assertThat(field("stride").textProperty().get()).isEmpty();
        assertThat(field("stride").stateProperty().get().prompt()).isEqualTo("auto");
        assertThat(field("stride").stateProperty().get().atDefault()).isTrue();
        assertThat(field("function").getEditorKind()).isEqualTo(ParameterField.EditorKind.CHOICE);
        assertThat(field("function").spec().choices()).containsExactly("max", "mean");
        assertThat(field("function").commitValue("mean")).isTrue();
        assertThat(layerAt(NodePath.of("pooling1")).params().getString("function")).isEqualTo("mean");
    }

    @Test
    void requiredParametersCannotBeBlank() {
        assertThat(refusedUnits("")).isEqualTo("units is required");
    }

    @Test
    void severalLayersShareParametersAndOneEditIsOneUndoEntry() {
        model.select(LINEAR1, LINEAR2);
        assertThat(model.modeProperty().get()).isEqualTo(InspectorMode.SEVERAL);
        assertThat(model.header().aboutProperty().get().typeName()).isEqualTo("Linear ×2");
        assertThat(field("units").stateProperty().get().mixed()).isTrue();
        assertThat(field("units").textProperty().get()).isEmpty();
        assertThat(field("units").stateProperty().get().prompt()).isEqualTo("—");
        assertThat(field("bias").stateProperty().get().mixed()).isFalse();

        field("units").textProperty().set("64");
        assertThat(field("units").commit()).isTrue();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(64);
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(64);
        assertThat(field("units").stateProperty().get().mixed()).isFalse();
        assertThat(stack.undoDescription()).contains("Set units of 2 layers");
        stack.undo();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(10);
        assertThat(stack.canUndo()).isFalse();
        assertThat(model.lists().summaryTotals().total()).isEqualTo(400_500 + 5_010);
    }

    @Test
    void layersOfDifferentTypesShareSameNamedParameters() {
        model.select(NodePath.of("convolution1"), NodePath.of("pooling1"));
        assertThat(model.parameters().getFields()).extracting(f -> f.spec().name()).containsExactly("kernel", "stride");
        assertThat(field("kernel").textProperty().get()).as("both are 5 and 2").isEmpty();
        assertThat(field("stride").stateProperty().get().mixed()).as("1 against auto").isTrue();

        model.select(NodePath.of("convolution1"), NodePath.of("ramp1"));
        assertThat(model.parameters().getFields()).isEmpty();
        assertThat(model.parameters().getNote()).isEqualTo("The selected layers share no parameters.");
    }

    @Test
    void nothingSelectedShowsTheSummaryAndTheDeclaredPorts() {
        assertThat(model.modeProperty().get()).isEqualTo(InspectorMode.NET);
        assertThat(model.header().nameProperty().get()).isEqualTo("LeNet-5");
        assertThat(model.lists().summaryTotals().total()).isEqualTo(431_080);
        assertThat(model.lists().summaryTotals().trainable()).isEqualTo(431_080);
        assertThat(model.lists().summaryTotals().nonTrainable()).isZero();
        NetSummary reference = NetSummary.of(stack.document().net());
        assertThat(model.lists().summaryRows()).extracting(SummaryRow::name)
                .containsExactlyElementsOf(reference.rows().stream().map(NetSummary.Row::name).toList());
        assertThat(model.lists().summaryRows()).extracting(SummaryRow::outputShape).startsWith("20×24×24", "20×24×24", "20×12×12");
        assertThat(model.lists().summaryTotals().multiplyAdds()).isEqualTo(reference.multiplyAdds());

        assertThat(model.lists().declarations()).hasSize(2);
        var in = model.declaration("Input", true).orElseThrow();
        assertThat(in.fields().kind().get()).isEqualTo(org.netstudio.inspector.ports.PortDeclEditor.Kind.REAL);
        assertThat(in.fields().shape().get()).isEqualTo("1×28×28");
        var out = model.declaration("Output", false).orElseThrow();
        assertThat(out.fields().kind().get()).isEqualTo(org.netstudio.inspector.ports.PortDeclEditor.Kind.CLASS);
        assertThat(out.fields().labels().get()).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9");
        assertThat(out.resolvedProperty().get().shape()).isEqualTo("10");
    }

    @Test
    void renamingMovesTheSelectionAlong() {
        model.select(LINEAR2);
        model.header().nameProperty().set("logits");
        assertThat(model.header().commitName()).isTrue();
        assertThat(model.getSelectedPaths()).containsExactly(NodePath.of("logits"));
        assertThat(model.header().nameProperty().get()).isEqualTo("logits");
        assertThat(stack.undoDescription()).contains("Rename 'linear2' to 'logits'");

        model.header().nameProperty().set("linear1");
        assertThat(model.header().commitName()).isFalse();
        assertThat(model.header().nameErrorProperty().get()).contains("already has a layer named 'linear1'");
        model.header().nameProperty().set("a/b");
        assertThat(model.header().commitName()).isFalse();
        assertThat(model.header().nameErrorProperty().get()).contains("cannot contain");
    }

    @Test
    void withoutAStackTheInspectorIsReadOnly() {
        InspectorModel readOnly = new InspectorModel();
        readOnly.documentProperty().set(TestNets.lenet());
        readOnly.select(LINEAR1);
        ParameterField units = readOnly.parameters().field("units").orElseThrow();
        assertThat(units.stateProperty().get().editable()).isFalse();
        units.textProperty().set("5");
        assertThat(units.commit()).isFalse();
        assertThat(units.errorProperty().get()).isEqualTo("This net is read-only here.");
        assertThat(readOnly.header().aboutProperty().get().renameable()).as("the name cannot be edited either").isFalse();
    }

    @Test
    void withoutADocumentThereIsNothingToShow() {
        InspectorModel empty = new InspectorModel();
        assertThat(empty.modeProperty().get()).isEqualTo(InspectorMode.EMPTY);
        empty.documentProperty().set(TestNets.lenet());
        assertThat(empty.modeProperty().get()).isEqualTo(InspectorMode.NET);
        empty.documentProperty().set(null);
        assertThat(empty.modeProperty().get()).isEqualTo(InspectorMode.EMPTY);
        assertThat(empty.lists().summaryRows()).isEmpty();
        assertThat(empty.lists().declarations()).isEmpty();
    }

    @Test
    void pathsThatNameNoNodeAreIgnored() {
        model.select(NodePath.of("nope"));
        assertThat(model.modeProperty().get()).isEqualTo(InspectorMode.NET);
        model.select(NodePath.of("nope"), LINEAR1);
        assertThat(model.modeProperty().get()).isEqualTo(InspectorMode.LAYER);
    }

    @Test
    void aContainerShowsItsPortsAndWhatIsInside() {
        CommandStack g = new CommandStack(TestNets.graphWithBlock());
        InspectorModel m = new InspectorModel(g);
        m.select(NodePath.of("block"));
        assertThat(m.modeProperty().get()).isEqualTo(InspectorMode.CONTAINER);
        assertThat(m.header().aboutProperty().get().typeName()).isEqualTo("Chain");
        assertThat(m.header().aboutProperty().get().category()).isEqualTo(Category.CONTAINER);
        assertThat(m.lists().ports()).extracting(PortRow::shape).containsExactly("8×32×32", "8×32×32");
        assertThat(m.lists().summaryRows()).extracting(SummaryRow::name).containsExactly("batchnorm1", "ramp1");
        assertThat(m.lists().summaryTotals().total()).isEqualTo(32);
        assertThat(m.lists().summaryTotals().trainable()).isEqualTo(16);
        assertThat(m.lists().summaryTotals().nonTrainable()).as("moving mean and variance").isEqualTo(16);
        assertThat(m.parameters().getFields()).isEmpty();
        assertThat(m.lists().declarations()).extracting(d -> d.getPort()).containsExactly("Input", "Output");

        m.select(NodePath.of("block", "batchnorm1"));
        assertThat(m.modeProperty().get()).isEqualTo(InspectorMode.LAYER);
        assertThat(m.lists().arrays()).extracting(a -> a.name() + (a.trainable() ? "" : " (state)"))
                .containsExactly("gamma", "beta", "movingMean (state)", "movingVar (state)");
        m.header().nameProperty().set("bn");
        assertThat(m.header().commitName()).isTrue();
        assertThat(m.getSelectedPaths()).containsExactly(NodePath.of("block", "bn"));
    }

    @Test
    void aContainerAmongSeveralHasNoSharedParameters() {
        InspectorModel m = new InspectorModel(new CommandStack(TestNets.graphWithBlock()));
        m.select(NodePath.of("block"), NodePath.of("logits"));
        assertThat(m.modeProperty().get()).isEqualTo(InspectorMode.SEVERAL);
        assertThat(m.parameters().getFields()).isEmpty();
        assertThat(m.parameters().getNote()).isEqualTo("Containers have no parameters of their own.");
        assertThat(m.lists().summaryRows()).extracting(SummaryRow::name).containsExactly("block/batchnorm1", "block/ramp1", "logits");
    }

    @Test
    void weightsGiveStatisticsAndAMismatchIsSaid() {
        org.netstudio.netgraph.io.WeightArray biases = org.netstudio.netgraph.io.WeightArray.of("linear2/biases",
                new long[] {10}, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        org.netstudio.netgraph.io.WeightArray weights = org.netstudio.netgraph.io.WeightArray.of("linear2/weights",
                new long[] {10, 400}, new float[4000]);
        model.weightsProperty().set(org.netstudio.netgraph.io.Weights.of(List.of(biases, weights), java.util.Map.of()));
        model.select(LINEAR2);
        var rows = model.lists().arrays();
        assertThat(rows.get(1).stats().mean()).isEqualTo(4.5);
        assertThat(rows.get(1).stats().max()).isEqualTo(9);
        assertThat(rows.get(1).note()).isEmpty();
        assertThat(rows.get(0).note()).isEqualTo("The weights hold a 10×400 array; the layer needs 10×500.");
        model.select(LINEAR1);
        assertThat(model.lists().arrays()).allMatch(a -> a.stats() == null);
    }

    @Test
    void aNetWithProblemsSaysSoAndListsThem() {
        CommandStack s = new CommandStack(TestNets.lenet());
        s.execute(new org.netstudio.netgraph.edit.SetParameter(NodePath.of("convolution2"), "kernel", 13));
        InspectorModel m = new InspectorModel(s);
        assertThat(m.header().aboutProperty().get().doc()).contains("1 problem");
        assertThat(m.lists().diagnostics()).hasSize(1);
        assertThat(m.lists().diagnostics().get(0).message()).startsWith("'convolution2' (Convolution, layer 4)");
        assertThat(m.lists().summaryTotals().total()).isEqualTo(-1);
    }

    @Test
    void anInferenceBoundElsewhereIsUsedAsItIs() {
        InspectorModel m = new InspectorModel();
        javafx.beans.property.SimpleObjectProperty<org.netstudio.netgraph.inference.InferenceResult> shared =
                new javafx.beans.property.SimpleObjectProperty<>();
        m.inferenceProperty().bind(shared);
        m.documentProperty().set(TestNets.lenet());
        shared.set(org.netstudio.netgraph.inference.ShapeInference.infer(TestNets.lenet().net()));
        assertThat(m.lists().summaryTotals().total()).isEqualTo(431_080);
    }

    @Test
    void anImportedOnnxOperatorShowsItsParametersAsImportedAndNotEditable() {
        org.netstudio.netgraph.net.Chain net = org.netstudio.netgraph.net.Chain.of(
                org.netstudio.netgraph.net.PortDecl.of(org.netstudio.netgraph.tensor.TensorType.real(4)),
                Layer.of("OnnxOperator", "op", "Erf", "attributes", "note=7", "outputs", "Real 4", "node", "CgNFcmY="));
        stack = new CommandStack(new org.netstudio.netgraph.net.NetDocument("imported", net, null));
        model = new InspectorModel(stack);

        model.select(NodePath.of("onnxoperator1"));

        assertThat(model.parameters().getFields()).extracting(f -> f.spec().name())
                .contains("op", "attributes", "outputs").doesNotContain("node");
        assertThat(field("op").textProperty().get()).isEqualTo("Erf");
        assertThat(field("attributes").stateProperty().get().editable()).isFalse();
        assertThat(field("op").stateProperty().get().editable()).isFalse();
        assertThat(model.parameters().getNote()).startsWith("Imported from ONNX as it was");
        assertThat(model.header().aboutProperty().get().typeName()).isEqualTo("Erf · ONNX");
    }
}
