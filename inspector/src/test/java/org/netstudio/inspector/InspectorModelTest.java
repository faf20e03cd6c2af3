package org.netstudio.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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

    private CommandStack stack;
    private InspectorModel model;

    @BeforeEach
    void setUp() {
        stack = new CommandStack(TestNets.lenet());
        model = new InspectorModel(stack);
    }

    private Layer layerAt(NodePath p) {
        NetNode n = NetPaths.find(stack.document().net(), p).orElseThrow();
        return (Layer) n;
    }

    private ParameterField field(String name) {
        return model.parameters().field(name).orElseThrow();
    }

    private PortRow output() {
        return model.getPorts().stream().filter(p -> !p.input()).findFirst().orElseThrow();
    }

    @Test
    void selectingALayerShowsItsHeaderFieldsPortsAndArrays() {
        model.select(LINEAR1);

        assertThat(model.getMode()).isEqualTo(InspectorMode.LAYER);
        assertThat(model.header().getName()).isEqualTo("linear1");
        assertThat(model.header().getTypeName()).isEqualTo("Linear");
        assertThat(model.header().getCategory()).isEqualTo(Category.CORE);
        assertThat(model.header().getDoc()).startsWith("A fully connected layer");
        assertThat(model.header().getFigures()).isEqualTo("400,500 parameters · 400,000 multiply-adds");
        assertThat(model.header().isRenameable()).isTrue();

        assertThat(model.parameters().getFields()).extracting(ParameterField::getName).containsExactly("units", "bias");
        assertThat(field("units").getText()).isEqualTo("500");
        assertThat(field("units").isAtDefault()).isFalse();
        assertThat(field("units").getEditorKind()).isEqualTo(ParameterField.EditorKind.TEXT);
        assertThat(field("bias").getValue()).isEqualTo(true);
        assertThat(field("bias").isAtDefault()).isTrue();
        assertThat(field("bias").getEditorKind()).isEqualTo(ParameterField.EditorKind.CHECK);

        assertThat(model.getPorts()).extracting(PortRow::input, PortRow::name, PortRow::shape, PortRow::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "Input", "800", "Real"),
                        org.assertj.core.groups.Tuple.tuple(false, "Output", "500", "Real"));
        assertThat(model.getPorts().get(0).accepts()).contains("vector");
        assertThat(model.getArrays()).extracting(a -> a.name() + " " + a.shape() + " " + a.size() + " " + a.trainable())
                .containsExactly("weights 500×800 400000 true", "biases 500 500 true");
        assertThat(model.getDiagnostics()).isEmpty();
    }

    @Test
    void committingAValueExecutesOneSetParameterAndTheNewDocumentIsInferred() {
        model.select(LINEAR1);
        field("units").setText("128");
        assertThat(stack.canUndo()).as("typing alone applies nothing").isFalse();

        assertThat(field("units").commit()).isTrue();

        assertThat(stack.canUndo()).isTrue();
        assertThat(stack.undoDescription()).contains("Set units of 'linear1'");
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(128);
        assertThat(model.getDocument()).isSameAs(stack.document());
        assertThat(output().shape()).isEqualTo("128");
        assertThat(model.getArrays().get(0).shape()).isEqualTo("128×800");
        assertThat(field("units").getText()).isEqualTo("128");
        assertThat(field("units").getError()).isNull();
    }

    @Test
    void anInvalidValueIsNotAppliedAndTheCatalogsSentenceIsShown() {
        model.select(LINEAR1);
        field("units").setText("-3");

        assertThat(field("units").commit()).isFalse();

        assertThat(field("units").getError()).isEqualTo("units must be a positive whole number, but got -3");
        assertThat(stack.canUndo()).isFalse();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(field("units").getText()).as("the typed text stays to be corrected").isEqualTo("-3");

        field("units").setText("abc");
        assertThat(field("units").getError()).as("re-judged while typing").isEqualTo("units must be a whole number, but got \"abc\"");
        field("units").setText("64");
        assertThat(field("units").getError()).isNull();
        field("units").revert();
        assertThat(field("units").getText()).isEqualTo("500");
    }

    @Test
    void undoRestoresTheValueAndForgetsTheTypedText() {
        model.select(LINEAR1);
        field("units").setText("128");
        field("units").commit();
        field("units").setText("-3");
        field("units").commit();

        stack.undo();

        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(field("units").getText()).isEqualTo("500");
        assertThat(field("units").getError()).isNull();
        assertThat(output().shape()).isEqualTo("500");
        stack.redo();
        assertThat(field("units").getText()).isEqualTo("128");
    }

    @Test
    void typingSurvivesAChangeOfAnotherParameter() {
        model.select(LINEAR1);
        field("units").setText("12");
        field("bias").commitValue(false);
        assertThat(field("units").getText()).isEqualTo("12");
        assertThat(field("bias").getValue()).isEqualTo(false);
        assertThat(field("bias").isAtDefault()).isFalse();
        assertThat(field("bias").resettableProperty().get()).isTrue();
        assertThat(model.getArrays()).extracting(a -> a.name()).containsExactly("weights");
    }

    @Test
    void eachCommittedValueIsAnUndoEntryOfItsOwn() {
        model.select(LINEAR1);
        field("units").setText("128");
        field("units").commit();
        field("units").setText("256");
        field("units").commit();
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
        assertThat(model.parameters().getFields()).extracting(ParameterField::getName)
                .containsExactly("channels", "kernel", "stride", "padding", "dilation", "groups", "bias");
        assertThat(field("stride").isAtDefault()).isTrue();
        assertThat(field("stride").getText()).isEqualTo("1");

        field("kernel").setText("3, 5");
        assertThat(field("kernel").commit()).isTrue();
        assertThat(layerAt(NodePath.of("convolution1")).values().get("kernel")).isEqualTo(List.of(3, 5));
        assertThat(field("kernel").getText()).isEqualTo("3, 5");
        assertThat(output().shape()).isEqualTo("20×26×24");

        field("padding").setText("same");
        assertThat(field("padding").commit()).isTrue();
        assertThat(output().shape()).isEqualTo("20×28×28");
        assertThat(field("padding").isAtDefault()).isFalse();
        assertThat(field("padding").resetToDefault()).isTrue();
        assertThat(field("padding").isAtDefault()).isTrue();
        assertThat(field("padding").getText()).isEqualTo("0");

        field("kernel").setText("3, x");
        assertThat(field("kernel").commit()).isFalse();
        assertThat(field("kernel").getError()).isEqualTo("kernel must be a whole number or a list of them, but got \"3, x\"");
    }

    @Test
    void aParameterWithoutAFixedDefaultShowsAuto() {
        model.select(NodePath.of("pooling1"));
        assertThat(field("stride").getText()).isEmpty();
        assertThat(field("stride").promptProperty().get()).isEqualTo("auto");
        assertThat(field("stride").isAtDefault()).isTrue();
        assertThat(field("function").getEditorKind()).isEqualTo(ParameterField.EditorKind.CHOICE);
        assertThat(field("function").getChoices()).containsExactly("max", "mean");
        assertThat(field("function").commitValue("mean")).isTrue();
        assertThat(layerAt(NodePath.of("pooling1")).params().getString("function")).isEqualTo("mean");
    }

    @Test
    void requiredParametersCannotBeBlank() {
        model.select(LINEAR1);
        field("units").setText("");
        assertThat(field("units").commit()).isFalse();
        assertThat(field("units").getError()).isEqualTo("units is required");
    }

    @Test
    void severalLayersShareParametersAndOneEditIsOneUndoEntry() {
        model.select(LINEAR1, LINEAR2);
        assertThat(model.getMode()).isEqualTo(InspectorMode.SEVERAL);
        assertThat(model.header().getTypeName()).isEqualTo("Linear ×2");
        assertThat(field("units").isMixed()).isTrue();
        assertThat(field("units").getText()).isEmpty();
        assertThat(field("units").promptProperty().get()).isEqualTo("—");
        assertThat(field("bias").isMixed()).isFalse();

        field("units").setText("64");
        assertThat(field("units").commit()).isTrue();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(64);
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(64);
        assertThat(field("units").isMixed()).isFalse();
        assertThat(stack.undoDescription()).contains("Set units of 2 layers");
        stack.undo();
        assertThat(layerAt(LINEAR1).params().getInt("units")).isEqualTo(500);
        assertThat(layerAt(LINEAR2).params().getInt("units")).isEqualTo(10);
        assertThat(stack.canUndo()).isFalse();
        assertThat(model.getSummaryTotals().total()).isEqualTo(400_500 + 5_010);
    }

    @Test
    void layersOfDifferentTypesShareSameNamedParameters() {
        model.select(NodePath.of("convolution1"), NodePath.of("pooling1"));
        assertThat(model.parameters().getFields()).extracting(ParameterField::getName).containsExactly("kernel", "stride");
        assertThat(field("kernel").getText()).as("both are 5 and 2").isEmpty();
        assertThat(field("stride").isMixed()).as("1 against auto").isTrue();

        model.select(NodePath.of("convolution1"), NodePath.of("ramp1"));
        assertThat(model.parameters().getFields()).isEmpty();
        assertThat(model.parameters().getNote()).isEqualTo("The selected layers share no parameters.");
    }

    @Test
    void nothingSelectedShowsTheSummaryAndTheDeclaredPorts() {
        assertThat(model.getMode()).isEqualTo(InspectorMode.NET);
        assertThat(model.header().getName()).isEqualTo("LeNet-5");
        assertThat(model.getSummaryTotals().total()).isEqualTo(431_080);
        assertThat(model.getSummaryTotals().trainable()).isEqualTo(431_080);
        assertThat(model.getSummaryTotals().nonTrainable()).isZero();
        NetSummary reference = NetSummary.of(stack.document().net());
        assertThat(model.getSummaryRows()).extracting(SummaryRow::name)
                .containsExactlyElementsOf(reference.rows().stream().map(NetSummary.Row::name).toList());
        assertThat(model.getSummaryRows()).extracting(SummaryRow::outputShape).startsWith("20×24×24", "20×24×24", "20×12×12");
        assertThat(model.getSummaryTotals().multiplyAdds()).isEqualTo(reference.multiplyAdds());

        assertThat(model.getDeclarations()).hasSize(2);
        var in = model.declaration("Input", true).orElseThrow();
        assertThat(in.getKind()).isEqualTo(org.netstudio.inspector.ports.PortDeclEditor.Kind.REAL);
        assertThat(in.shapeProperty().get()).isEqualTo("1×28×28");
        var out = model.declaration("Output", false).orElseThrow();
        assertThat(out.getKind()).isEqualTo(org.netstudio.inspector.ports.PortDeclEditor.Kind.CLASS);
        assertThat(out.labelsProperty().get()).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9");
        assertThat(out.getResolved().shape()).isEqualTo("10");
    }

    @Test
    void renamingMovesTheSelectionAlong() {
        model.select(LINEAR2);
        model.header().setName("logits");
        assertThat(model.header().commitName()).isTrue();
        assertThat(model.getSelectedPaths()).containsExactly(NodePath.of("logits"));
        assertThat(model.header().getName()).isEqualTo("logits");
        assertThat(stack.undoDescription()).contains("Rename 'linear2' to 'logits'");

        model.header().setName("linear1");
        assertThat(model.header().commitName()).isFalse();
        assertThat(model.header().getNameError()).contains("already has a layer named 'linear1'");
        model.header().setName("a/b");
        assertThat(model.header().commitName()).isFalse();
        assertThat(model.header().getNameError()).contains("cannot contain");
    }

    @Test
    void withoutAStackTheInspectorIsReadOnly() {
        InspectorModel readOnly = new InspectorModel();
        readOnly.setDocument(TestNets.lenet());
        readOnly.select(LINEAR1);
        assertThat(readOnly.editableProperty().get()).isFalse();
        ParameterField units = readOnly.parameters().field("units").orElseThrow();
        assertThat(units.editableProperty().get()).isFalse();
        units.setText("5");
        assertThat(units.commit()).isFalse();
        assertThat(units.getError()).isEqualTo("This net is read-only here.");
    }

    @Test
    void pathsThatNameNoNodeAreIgnored() {
        model.select(NodePath.of("nope"));
        assertThat(model.getMode()).isEqualTo(InspectorMode.NET);
        model.select(NodePath.of("nope"), LINEAR1);
        assertThat(model.getMode()).isEqualTo(InspectorMode.LAYER);
    }
}
