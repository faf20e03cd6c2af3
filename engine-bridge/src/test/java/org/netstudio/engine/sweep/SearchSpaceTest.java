package org.netstudio.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class SearchSpaceTest {

    static final NetNode NET = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 32),
            Layer.of("Ramp"), Layer.of("Dropout", "rate", 0.2), Layer.of("Linear", "units", 3), Layer.of("Softmax"));

    private static Dimension one(String spec) {
        return SearchSpace.parse(List.of(spec), NET).dimensions().get(0);
    }

    private static String problem(String... specs) {
        try {
            SearchSpace.parse(List.of(specs), NET);
        } catch (SweepSpecException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + List.of(specs));
    }

    @Test
    void aLogRangeOfTheLearningRate() {
        Dimension d = one("learningRate=1e-4..1e-1:log");

        assertThat(d.name()).isEqualTo("learningRate");
        assertThat(d.target()).isEqualTo(new Dimension.OptionTarget(SweptOption.LEARNING_RATE));
        assertThat(d.domain()).isEqualTo(new Domain.Interval(1e-4, 1e-1, true, false));
    }

    @Test
    void aListOfBatchSizesIsWholeNumbers() {
        assertThat(one("batchSize=16,32,64").domain()).isEqualTo(new Domain.Choices(List.of(16, 32, 64)));
    }

    @Test
    void dropoutSetsTheRateOfEveryDropoutLayer() {
        Dimension d = one("dropout=0.1..0.5");

        assertThat(d.target()).isEqualTo(new Dimension.LayerTarget(List.of(NodePath.of("dropout1")), "rate"));
        assertThat(d.domain()).isEqualTo(new Domain.Interval(0.1, 0.5, false, false));
    }

    @Test
    void aLayerParameterByPathIsWholeWhenTheCatalogSaysSo() {
        Dimension d = one("linear1.units=16..128");

        assertThat(d.target()).isEqualTo(new Dimension.LayerTarget(List.of(NodePath.of("linear1")), "units"));
        assertThat(d.domain()).isEqualTo(new Domain.Interval(16, 128, false, true));
    }

    @Test
    void anOptimizerListIsNames() {
        assertThat(one("optimizer=adam,sgd").domain()).isEqualTo(new Domain.Choices(List.of("adam", "sgd")));
    }

    @Test
    void anUnknownOptionListsTheKnownNamesAndTheClosest() {
        assertThat(problem("learnRate=0.1..0.2"))
                .contains("'learnRate'", "learningRate, batchSize, epochs, momentum, optimizer, dropout",
                        "linear1.units", "did you mean learningRate?");
    }

    @Test
    void anUnknownLayerListsTheClosestLayers() {
        assertThat(problem("linera1.units=8,16")).isEqualTo(
                "'linera1.units=8,16': the net has no layer 'linera1'; the closest are linear1, linear2, ramp1");
    }

    @Test
    void anUnknownParameterListsTheLayersParameters() {
        assertThat(problem("linear1.unit=8,16")).startsWith("'linear1.unit=8,16': Linear 'linear1' has no parameter 'unit'; "
                + "its parameters are units");
    }

    @Test
    void badNumbersAndScalesAreQuoted() {
        assertThat(problem("learningRate=1e-4..abc")).isEqualTo("'abc' in 'learningRate=1e-4..abc' is not a number");
        assertThat(problem("learningRate=1e-4..1e-1:logg"))
                .isEqualTo("':logg' in 'learningRate=1e-4..1e-1:logg' is not a scale; use :log, :linear or :int");
        assertThat(problem("learningRate=0..1:log")).contains("a log scale needs numbers above 0");
        assertThat(problem("learningRate=0.1..0.01")).contains("a smaller number before '..' than after it");
        assertThat(problem("batchSize=16,24.5")).isEqualTo("'24.5' in 'batchSize=16,24.5' is not a whole number");
        assertThat(problem("learningRate")).startsWith("'learningRate' is not NAME=VALUES, e.g.");
    }

    @Test
    void valuesTheOptionsOrTheCatalogRefuseAreRefusedUpFrontInTheirWords() {
        assertThat(problem("batchSize=0,16")).isEqualTo("'batchSize=0,16': the batch size must be at least 1, but was 0");
        assertThat(problem("dropout=0.5..1.5")).startsWith("'dropout=0.5..1.5': rate must be");
        assertThat(problem("optimizer=adam,lion")).contains("lion is not an optimizer NetStudio knows");
    }

    @Test
    void aNameVariedTwiceOrDropoutWithoutDropoutLayersIsRefused() {
        assertThat(problem("learningRate=0.1,0.2", "learningRate=0.3")).contains("'learningRate' is varied twice");
        NetNode plain = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3));
        assertThatThrownBy(() -> SearchSpace.parse(List.of("dropout=0.1..0.3"), plain))
                .hasMessageContaining("dropout sets the rate of every Dropout layer, but the net has none");
    }
}
