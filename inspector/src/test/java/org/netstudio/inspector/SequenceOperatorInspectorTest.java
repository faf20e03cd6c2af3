package org.netstudio.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.inspector.params.ParameterField;
import org.netstudio.inspector.ports.PortRow;
import org.netstudio.inspector.summary.SummaryRow;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** The inspector on Map, Fold and Bidirectional: what they do, what is inside, and their options as parameters. */
class SequenceOperatorInspectorTest {

    private static NetDocument net() {
        try {
            return NetFileReader.read("""
                    { "format": "netstudio.net", "version": 1, "name": "t",
                      "net": { "type": "Chain", "input": { "shape": ["n", 4] }, "layers": [
                        { "type": "Map", "net": { "type": "Linear", "units": 3 } },
                        { "type": "Bidirectional", "forward": { "type": "LSTM", "units": 2 },
                          "backward": { "type": "LSTM", "units": 2 } } ] } }
                    """, "t.json");
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBidirectionalSaysWhatItDoesAndItsMergeIsEditedAsAParameter() {
        CommandStack stack = new CommandStack(net());
        InspectorModel m = new InspectorModel(stack);

        m.select(NodePath.of("bidirectional1"));

        assertThat(m.modeProperty().get()).isEqualTo(InspectorMode.CONTAINER);
        assertThat(m.header().aboutProperty().get().typeName()).isEqualTo("Bidirectional");
        assertThat(m.header().aboutProperty().get().category()).isEqualTo(Category.CONTAINER);
        assertThat(m.header().aboutProperty().get().doc()).isEqualTo("A forward net reads the sequence and a backward net reads it reversed;"
                + " their outputs are catenated: 2 layers inside.");
        assertThat(m.lists().summaryRows()).extracting(SummaryRow::name).containsExactly("forward", "backward");
        assertThat(m.lists().ports()).extracting(PortRow::shape).containsExactly("n×3", "n×4");
        assertThat(m.lists().declarations()).as("an operator's ports declare nothing of their own").isEmpty();
        ParameterField merge = m.parameters().field("merge").orElseThrow();
        assertThat(merge.getEditorKind()).isEqualTo(ParameterField.EditorKind.CHOICE);
        assertThat(merge.spec().choices()).containsExactly("catenate", "total");
        assertThat(merge.stateProperty().get().value()).isEqualTo("catenate");

        assertThat(merge.commitValue("total")).isTrue();

        assertThat(stack.canUndo()).isTrue();
        assertThat(m.lists().ports()).extracting(PortRow::shape).containsExactly("n×3", "n×2");
        assertThat(m.header().aboutProperty().get().doc()).contains("their outputs are added");
    }

    @Test
    void aMapShowsItsNetAndTheLayerInsideShowsOneElement() {
        InspectorModel m = new InspectorModel(new CommandStack(net()));

        m.select(NodePath.of("map1"));
        assertThat(m.header().aboutProperty().get().doc()).startsWith("Its net applied to every element of the sequence");
        assertThat(m.parameters().getFields()).isEmpty();
        assertThat(m.lists().summaryTotals().total()).isEqualTo(15);

        m.select(NodePath.of("map1", "net"));
        assertThat(m.modeProperty().get()).isEqualTo(InspectorMode.LAYER);
        assertThat(m.header().aboutProperty().get().typeName()).isEqualTo("Linear");
        assertThat(m.lists().ports()).extracting(PortRow::shape).containsExactly("4", "3");
        assertThat(m.lists().arrays()).extracting(a -> a.name() + " " + a.shape()).containsExactly("weights 3×4", "biases 3");
    }
}
