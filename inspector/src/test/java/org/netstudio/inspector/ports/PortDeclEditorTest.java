package org.netstudio.inspector.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.inspector.InspectorModel;
import org.netstudio.inspector.TestNets;
import org.netstudio.inspector.ports.PortDeclEditor.Kind;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Declaring the net's inputs and outputs through the view-model. */
class PortDeclEditorTest {

    // A new LeNet for each test (JUnit makes an instance per test); some tests open another net.
    private CommandStack stack = new CommandStack(TestNets.lenet());
    private InspectorModel model = new InspectorModel(stack);

    private PortDeclEditor input() {
        return model.declaration("Input", true).orElseThrow();
    }

    private PortDeclEditor output() {
        return model.declaration("Output", false).orElseThrow();
    }

    private Chain net() {
        return (Chain) stack.document().net();
    }

    @Test
    void aShapeWithAVaryingLength() {
        input().fields().shape().set("1 x 28 x 28");
        assertThat(input().commit()).as("same shape, written differently: nothing to do").isTrue();
        assertThat(stack.canUndo()).isFalse();

        input().fields().shape().set("n×784");
        assertThat(input().commit()).isTrue();
        assertThat(net().input().type()).isEqualTo(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(784))));
        assertThat(input().resolvedProperty().get().shape()).isEqualTo("n×784");
        assertThat(model.lists().summaryTotals().total()).as("the convolution no longer fits").isEqualTo(-1);
        assertThat(model.lists().diagnostics()).isNotEmpty();
        stack.undo();
        assertThat(input().fields().shape().get()).isEqualTo("1×28×28");
    }

    @Test
    void anUndeclaredInputTakesAShapeTypedStraightAwayAndChoosingNotDeclaredTakesItBack() {
        stack = new CommandStack(new org.netstudio.netgraph.net.NetDocument("new", org.netstudio.netgraph.net.Graph.empty()
                .withInput("Input", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED)
                .withOutput("Output", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED), null));
        model = new InspectorModel(stack);
        model.selectedPortProperty().set(new SelectedPort(org.netstudio.netgraph.net.NodePath.ROOT, "Input", true));
        assertThat(model.modeProperty().get()).isEqualTo(org.netstudio.inspector.InspectorMode.PORT);
        assertThat(model.lists().declarations()).as("only the picked port").hasSize(1);
        assertThat(model.header().nameProperty().get()).isEqualTo("Input");
        assertThat(input().fields().kind().get()).isEqualTo(Kind.NONE);

        input().fields().shape().set("2");
        assertThat(input().commit()).isTrue();
        org.netstudio.netgraph.net.Graph g = (org.netstudio.netgraph.net.Graph) stack.document().net();
        assertThat(g.inputs().get("Input").type()).isEqualTo(TensorType.real(2));
        assertThat(input().fields().kind().get()).as("read back as what it now is").isEqualTo(Kind.REAL);

        assertThat(input().chooseKind(Kind.NONE)).isTrue();
        g = (org.netstudio.netgraph.net.Graph) stack.document().net();
        assertThat(g.inputs().get("Input").isUnspecified()).isTrue();
        assertThat(input().fields().shape().get()).isEmpty();
    }

    @Test
    void badShapesAreRefusedWithASentence() {
        input().fields().shape().set("1×0×28");
        assertThat(input().commit()).isFalse();
        assertThat(input().errorProperty().get()).isEqualTo("Every size in a shape must be a positive whole number, but got \"1×0×28\".");
        input().fields().shape().set("1×2.5");
        assertThat(input().commit()).isFalse();
        assertThat(input().errorProperty().get()).startsWith("A shape lists sizes and names of varying lengths");
        assertThat(stack.canUndo()).isFalse();
        input().revert();
        assertThat(input().errorProperty().get()).isNull();
        assertThat(input().fields().shape().get()).isEqualTo("1×28×28");
    }

    @Test
    void anImageEncoderIsFilledFromTheShape() {
        assertThat(input().chooseKind(Kind.IMAGE)).isTrue();
        assertThat(input().fields().size().get()).isEqualTo("28×28");
        assertThat(input().fields().colorSpace().get()).isEqualTo("Grayscale");
        assertThat(net().input().coder().options()).containsEntry("size", List.of(28, 28)).containsEntry("colorSpace", "Grayscale");
        input().fields().colorSpace().set("RGB");
        assertThat(input().commit()).isTrue();
        assertThat(input().resolvedProperty().get().shape()).isEqualTo("3×28×28");
        assertThat(model.lists().summaryTotals().total()).as("the first convolution now has 3 input channels")
                .isEqualTo(431_080 + 2 * 20 * 25);
    }

    @Test
    void anImageEncoderTakesItsTrainingAugmentationInTheShortFormUndoably() {
        assertThat(input().chooseKind(Kind.IMAGE)).isTrue();
        assertThat(input().fields().augmentation().get()).isEqualTo("none");

        input().fields().augmentation().set("flip, crop 2");
        assertThat(input().commit()).isTrue();
        assertThat(net().input().coder().options()).containsEntry("augmentation", Map.of("crop", 2, "flip", true));
        assertThat(input().fields().augmentation().get()).as("read back in the file's order").isEqualTo("crop 2, flip");

        input().fields().augmentation().set("flip, zoom 2");
        assertThat(input().commit()).isFalse();
        assertThat(input().errorProperty().get()).startsWith("'zoom 2' is not an augmentation");

        input().fields().augmentation().set("none");
        assertThat(input().commit()).isTrue();
        assertThat(net().input().coder().options()).doesNotContainKey("augmentation");
        stack.undo();
        assertThat(net().input().coder().options()).containsKey("augmentation");
    }

    @Test
    void indicesNeedARange() {
        input().fields().kind().set(Kind.INDICES);
        input().fields().shape().set("n");
        input().fields().range().set("0");
        assertThat(input().commit()).isFalse();
        assertThat(input().errorProperty().get()).startsWith("The number of index values must be a positive whole number");
        input().fields().range().set("97");
        assertThat(input().commit()).isTrue();
        assertThat(net().input().type()).isEqualTo(new TensorType(ElementKind.index(97), List.of(Dim.symbolic("n"))));
    }

    @Test
    void classLabelsAtTheOutput() {
        assertThat(output().getKinds()).containsExactly(Kind.NONE, Kind.REAL, Kind.CLASS, Kind.CHARACTERS, Kind.TOKENS,
                Kind.BOOLEAN);
        output().fields().labels().set("a, b, a");
        assertThat(output().commit()).isFalse();
        assertThat(output().errorProperty().get()).isEqualTo("Every class label must be different, but got a, b, a.");
        output().fields().labels().set("zero, one, two, three, four, five, six, seven, eight, nine");
        assertThat(output().commit()).isTrue();
        assertThat(Coders.labels(net().output().coder())).startsWith("zero", "one");

        assertThat(output().chooseKind(Kind.NONE)).isTrue();
        assertThat(net().output().isUnspecified()).isTrue();
        assertThat(output().chooseKind(Kind.CLASS)).as("labels are kept while choosing").isTrue();
        assertThat(Coders.labels(net().output().coder())).startsWith("zero");
    }

    @Test
    void aFreshClassDecoderGetsNumberedLabels() {
        output().chooseKind(Kind.NONE);
        output().fields().labels().set("");
        assertThat(output().chooseKind(Kind.CLASS)).isTrue();
        assertThat(output().fields().labels().get()).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9");
    }

    @Test
    void typingSurvivesUnrelatedEdits() {
        output().fields().labels().set("cat, dog");
        stack.execute(new org.netstudio.netgraph.edit.SetParameter(org.netstudio.netgraph.net.NodePath.of("linear2"),
                "units", 2));
        assertThat(model.lists().diagnostics()).as("2 outputs against 10 labels").isNotEmpty();
        assertThat(output().fields().labels().get()).isEqualTo("cat, dog");
        assertThat(output().commit()).isTrue();
        assertThat(model.lists().diagnostics()).isEmpty();
        assertThat(output().resolvedProperty().get().shape()).isEqualTo("2");
    }

    @Test
    void textEncodersWhoseAlphabetOrVocabularyIsBuiltFromTheTrainingData() {
        assertThat(input().chooseKind(Kind.CHARACTERS)).isTrue();
        assertThat(net().input().coder()).isEqualTo(new org.netstudio.netgraph.net.Coder("Characters", java.util.Map.of()));
        assertThat(net().input().type()).isEqualTo(new TensorType(ElementKind.index(0), List.of(Dim.symbolic("n"))));
        input().fields().alphabet().set("abc");
        assertThat(input().commit()).isTrue();
        assertThat(net().input().type().kind()).isEqualTo(ElementKind.index(3));

        assertThat(input().chooseKind(Kind.TOKENS)).isTrue();
        assertThat(net().input().coder().type()).isEqualTo("Tokens");
        assertThat(input().chooseKind(Kind.SUBWORDS)).isTrue();
        assertThat(net().input().coder().options()).containsEntry("tokenizer", "all-MiniLM-L6-v2");
        assertThat(input().fields().kind().get()).as("shown as what it is after the refresh").isEqualTo(Kind.SUBWORDS);
    }
}
