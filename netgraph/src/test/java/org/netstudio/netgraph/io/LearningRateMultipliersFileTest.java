package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.edit.RenameNode;
import org.netstudio.netgraph.edit.SetMultiplier;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** Learning-rate multipliers: inheritance, the net file's optional field, and the edits that set them. */
class LearningRateMultipliersFileTest {

    private static final String NET = """
            { "format": "netstudio.net", "version": 1, "name": "two blocks",
              "net": { "type": "Chain", "input": { "shape": [4] },
                       "layers": [ { "type": "Chain", "name": "trunk",
                                     "layers": [ { "type": "Linear", "units": 8, "name": "a" },
                                                 { "type": "Linear", "units": 8, "name": "b" } ] },
                                   { "type": "Linear", "units": 2, "name": "head" } ] },
              "layout": { } }
            """;

    @Test
    void aLayerTakesItsOwnFactorElseItsClosestContainersElseOne() {
        LearningRateMultipliers m = new LearningRateMultipliers(Map.of(
                NodePath.of("trunk"), 0.0, NodePath.of("trunk", "b"), 0.5));
        assertThat(m.factorOf(NodePath.of("trunk", "a"))).isEqualTo(0.0);
        assertThat(m.frozen(NodePath.of("trunk", "a"))).isTrue();
        assertThat(m.factorOf(NodePath.of("trunk", "b"))).isEqualTo(0.5);
        assertThat(m.factorOf(NodePath.of("head"))).isEqualTo(1.0);
        assertThat(LearningRateMultipliers.NONE.factorOf(NodePath.of("head"))).isEqualTo(1.0);
    }

    @Test
    void aNegativeOrInfiniteFactorIsRefusedNamingTheNode() {
        assertThatThrownBy(() -> new LearningRateMultipliers(Map.of(NodePath.of("head"), -1.0)))
                .hasMessage("A learning-rate multiplier must be a number of 0 or more, but head's was -1.0");
    }

    @Test
    void anOldFileWithoutTheFieldReadsAsAllOneAndIsWrittenWithoutIt() throws NetFileException {
        NetDocument doc = NetFileReader.read(NET, "old.json");
        assertThat(doc.multipliers().isEmpty()).isTrue();
        assertThat(NetFileWriter.toJson(doc)).doesNotContain("learningRateMultipliers");
    }

    @Test
    void theMultipliersSurviveAWriteAndARead() throws NetFileException {
        NetDocument doc = NetFileReader.read(NET, "net.json").withMultipliers(new LearningRateMultipliers(Map.of(
                NodePath.of("trunk"), 0.0, NodePath.of("trunk", "b"), 0.1)));
        String json = NetFileWriter.toJson(doc);
        assertThat(json).contains("\"learningRateMultipliers\"");
        NetDocument back = NetFileReader.read(json, "net.json");
        assertThat(back).isEqualTo(doc);
        assertThat(NetFileWriter.toJson(back)).isEqualTo(json);
    }

    @Test
    void aBadMultiplierInAFileIsNamedWithItsPlace() {
        String bad = NET.replace("\"layout\": { }", "\"layout\": { }, \"learningRateMultipliers\": { \"trunk\": -2 }");
        assertThatThrownBy(() -> NetFileReader.read(bad, "bad.json")).isInstanceOf(NetFileException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("learningRateMultipliers")
                .hasMessageContaining("a learning-rate multiplier is a number of 0 (frozen) or more, but got -2");
    }

    @Test
    void freezeAndUnfreezeAreUndoableEditsAndUnfreezingInsideAFrozenContainerSetsOne() throws NetFileException {
        CommandStack stack = new CommandStack(NetFileReader.read(NET, "net.json"));
        stack.execute(SetMultiplier.freeze(List.of(NodePath.of("trunk"))));
        assertThat(stack.document().multipliers().frozen(NodePath.of("trunk", "b"))).isTrue();
        assertThat(stack.undoDescription()).contains("Freeze trunk");
        stack.execute(SetMultiplier.unfreeze(List.of(NodePath.of("trunk", "b"))));
        assertThat(stack.document().multipliers().frozen(NodePath.of("trunk", "b"))).isFalse();
        assertThat(stack.document().multipliers().frozen(NodePath.of("trunk", "a"))).isTrue();
        stack.undo();
        stack.undo();
        assertThat(stack.document().multipliers().isEmpty()).isTrue();
        assertThatThrownBy(() -> stack.execute(SetMultiplier.freeze(List.of(NodePath.of("nope")))))
                .hasMessage("There is no node 'nope' in the net.");
    }

    @Test
    void renamingANodeCarriesItsMultiplier() throws NetFileException {
        NetDocument doc = NetFileReader.read(NET, "net.json")
                .withMultipliers(LearningRateMultipliers.NONE.with(NodePath.of("trunk", "a"), 0));
        NetDocument renamed = new RenameNode(NodePath.of("trunk"), "a", "first").apply(doc);
        assertThat(renamed.multipliers().frozen(NodePath.of("trunk", "first"))).isTrue();
    }
}
