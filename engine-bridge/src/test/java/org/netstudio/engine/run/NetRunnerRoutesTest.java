package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * After its second call a runner builds one ONNX Runtime session of the whole net in the
 * background and later calls use it: the same numbers, the same refusals; nets it cannot take
 * stay on DJL.
 */
class NetRunnerRoutesTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private static Chain convNet() {
        return Chain.of(PortDecl.of(TensorType.real(3, 12, 12)),
                Layer.of("Convolution", "channels", 8, "kernel", 3, "padding", 1), Layer.of("BatchNorm"),
                Layer.of("Ramp"), Layer.of("Pooling", "kernel", 2, "stride", 2), Layer.of("Flatten"),
                Layer.of("Linear", "units", 10), Layer.of("Softmax"));
    }

    private static TensorValue images(int batch) {
        return images(batch, 0.37);
    }

    private static TensorValue images(int batch, double frequency) {
        float[] x = new float[batch * 3 * 12 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * frequency);
        }
        return TensorValue.of(x, batch, 3, 12, 12);
    }

    /** The route keeps its input memory from call to call: each call must still answer its own images. */
    @Test
    void callsInARowOnTheOnnxRuntimeRouteEachAnswerTheirOwnImages() throws Exception {
        List<TensorValue> calls = List.of(images(4, 0.37), images(4, 0.11), images(2, 0.23), images(4, 0.37));
        List<float[]> djl = new java.util.ArrayList<>();
        System.setProperty(NetRunner.ROUTE_PROPERTY, "djl");
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            for (TensorValue images : calls) {
                djl.add(runner.run(List.of(images)).get(0).values());
            }
        } finally {
            System.clearProperty(NetRunner.ROUTE_PROPERTY);
        }
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            runner.run(List.of(images(4)));
            runner.run(List.of(images(4)));
            assertThat(runner.awaitOnnxRuntime(WAIT)).isTrue();

            for (int c = 0; c < calls.size(); c++) {
                float[] out = runner.run(List.of(calls.get(c))).get(0).values();
                assertThat(out).as("call %d", c).hasSameSizeAs(djl.get(c));
                for (int i = 0; i < out.length; i++) {
                    assertThat(out[i]).as("call %d, probability %d", c, i).isCloseTo(djl.get(c)[i],
                            org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void afterTwoCallsTheWholeNetRunsInOneOnnxRuntimeSessionWithDjlsNumbers() throws Exception {
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            assertThat(runner.route()).isEqualTo(NetRunner.Route.DJL);
            float[] djl = runner.run(List.of(images(4))).get(0).values();
            runner.run(List.of(images(4)));

            assertThat(runner.awaitOnnxRuntime(WAIT)).isTrue();
            assertThat(runner.route()).isEqualTo(NetRunner.Route.ONNX_RUNTIME);
            TensorValue out = runner.run(List.of(images(4))).get(0);

            assertThat(out.shape()).containsExactly(4, 10);
            for (int i = 0; i < djl.length; i++) {
                assertThat(out.values()[i]).as("probability %d", i).isCloseTo(djl[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(runner.predict(images(1).values()).get(0).shape()).containsExactly(10);
        }
    }

    @Test
    void aRunnerCalledOnceNeverBuildsTheSession() {
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            runner.run(List.of(images(1)));
            assertThat(runner.route()).isEqualTo(NetRunner.Route.DJL);
            assertThat(runner.onnxRuntimeAskedFor()).isFalse();
        }
    }

    @Test
    void anInputThatDoesNotFitIsRefusedWithDjlsSentenceOnEitherRoute() throws Exception {
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            runner.run(List.of(images(2)));
            runner.run(List.of(images(2)));
            assertThat(runner.awaitOnnxRuntime(WAIT)).isTrue();
            TensorValue wrong = TensorValue.of(new float[2 * 3 * 10 * 10], 2, 3, 10, 10);

            assertThatThrownBy(() -> runner.run(List.of(wrong))).isInstanceOf(IllegalArgumentException.class);
            assertThat(runner.run(List.of(images(2))).get(0).shape()).containsExactly(2, 10);
        }
    }

    /** A batch of sequences of one length needs no padding: the whole net runs in ONNX Runtime, any length. */
    @Test
    void aSequenceNetRunsBatchesOfOneLengthInOnnxRuntime() throws Exception {
        Chain gru = Chain.of(PortDecl.of(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(4)))), Layer.of("GRU", "units", 5),
                Layer.of("SequenceLast"), Layer.of("Linear", "units", 2));
        try (NetRunner runner = NetRunner.untrained(gru, 1)) {
            runner.run(List.of(sequences(2, 3)));
            runner.run(List.of(sequences(2, 3)));
            float[] djl = runner.run(List.of(sequences(3, 7))).get(0).values();

            assertThat(runner.awaitOnnxRuntime(WAIT)).isTrue();
            TensorValue out = runner.run(List.of(sequences(3, 7))).get(0);

            assertThat(out.shape()).containsExactly(3, 2);
            assertThat(out.values()).containsExactly(djl, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(runner.route()).isEqualTo(NetRunner.Route.ONNX_RUNTIME);
        }
    }

    @Test
    void awaitingBeforeTwoCallsGivesFalseAndBuildsNothing() throws Exception {
        try (NetRunner runner = NetRunner.untrained(convNet(), 3)) {
            assertThat(runner.awaitOnnxRuntime(WAIT)).isFalse();
            assertThat(runner.onnxRuntimeAskedFor()).isFalse();
        }
    }

    private static TensorValue sequences(int batch, int length) {
        float[] x = new float[batch * length * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.29);
        }
        return TensorValue.of(x, batch, length, 4);
    }

    @Test
    void closingWhileTheSessionIsBuiltLeavesNothingRunning() throws Exception {
        NetRunner runner = NetRunner.untrained(convNet(), 3);
        runner.run(List.of(images(1)));
        runner.run(List.of(images(1)));
        runner.close();

        assertThatThrownBy(() -> runner.run(List.of(images(1)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> runner.awaitOnnxRuntime(WAIT)).isInstanceOf(IllegalStateException.class);
    }
}
