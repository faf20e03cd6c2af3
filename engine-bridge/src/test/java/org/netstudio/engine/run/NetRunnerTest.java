package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

class NetRunnerTest {

    private static Chain classifier() {
        return Chain.of(PortDecl.of(TensorType.real(1, 4, 4)), Layer.of("Convolution", "channels", 2, "kernel", 3),
                Layer.of("BatchNorm"), Layer.of("Ramp"), Layer.of("Flatten"), Layer.of("Dropout"),
                Layer.of("Linear", "units", 3), Layer.of("Softmax"));
    }

    private static float[] image(int seed) {
        float[] x = new float[16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(seed + i * 0.7);
        }
        return x;
    }

    private static Weights weightsOf(Chain net, long seed) {
        try (NetRunner r = NetRunner.untrained(net, seed)) {
            return r.weights();
        }
    }

    @Test
    void predictGivesOneExampleAndRunGivesBatchesOfTheSameValues() {
        try (NetRunner runner = NetRunner.load(classifier(), weightsOf(classifier(), 4))) {
            assertThat(runner.inputNames()).containsExactly("Input");
            assertThat(runner.outputTypes().get(0).shapeText()).isEqualTo("3");
            List<TensorValue> one = runner.predict(image(1));
            assertThat(one.get(0).shape()).containsExactly(3);

            float[] both = new float[32];
            System.arraycopy(image(0), 0, both, 0, 16);
            System.arraycopy(image(1), 0, both, 16, 16);
            TensorValue batch = runner.run(List.of(TensorValue.of(both, 2, 1, 4, 4))).get(0);
            assertThat(batch.shape()).containsExactly(2, 3);
            assertThat(java.util.Arrays.copyOfRange(batch.values(), 3, 6)).containsExactly(one.get(0).values());
            // Inference mode every time: dropout off, the same answer twice.
            assertThat(runner.predict(image(1))).isEqualTo(one);

            Map<String, TensorValue> named = runner.run(Map.of("Input", TensorValue.of(image(1), 1, 1, 4, 4)));
            assertThat(named.keySet()).containsExactly("Output");
            assertThatThrownBy(() -> runner.run(Map.of("Image", TensorValue.of(image(1), 1, 1, 4, 4))))
                    .hasMessageContaining("No value for the net's input 'Input'");
        }
    }

    @Test
    void concurrentCallsGiveTheSameAnswersAsOneAtATime() throws Exception {
        try (NetRunner runner = NetRunner.load(classifier(), weightsOf(classifier(), 5))) {
            List<List<TensorValue>> expected = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                expected.add(runner.predict(image(i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<TensorValue>>> futures = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int k = i;
                    futures.add(pool.submit(() -> runner.predict(image(k))));
                }
                for (int i = 0; i < 16; i++) {
                    // Later calls may take the ONNX Runtime route: the same numbers to float rounding.
                    float[] got = futures.get(i).get().get(0).values();
                    float[] want = expected.get(i).get(0).values();
                    for (int k = 0; k < want.length; k++) {
                        assertThat(got[k]).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-6f));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void djlArraysComeBackOwnedByTheCaller() {
        try (NetRunner runner = NetRunner.load(classifier(), weightsOf(classifier(), 6));
             NDManager mine = NDManager.newBaseManager()) {
            NDArray x = mine.create(image(2), new Shape(1, 1, 4, 4));
            NDList out = runner.run(new NDList(x));
            assertThat(out.head().getManager()).isEqualTo(mine);
            assertThat(x.getManager()).isEqualTo(mine);
            assertThat(out.head().toFloatArray()).containsExactly(runner.predict(image(2)).get(0).values());
        }
    }

    @Test
    void opensNetFilesWithTheirWeights(@TempDir Path folder) throws Exception {
        Weights weights = weightsOf(classifier(), 7);
        Path nsnet = folder.resolve("classifier.nsnet");
        NetFiles.write(nsnet, new NetDocument("classifier", classifier(), null), weights);
        Path json = folder.resolve("design.json");
        NetFiles.write(json, new NetDocument("design", classifier(), null), null);
        try (NetRunner fromFile = NetRunner.open(nsnet); NetRunner direct = NetRunner.load(classifier(), weights)) {
            assertThat(fromFile.predict(image(3))).isEqualTo(direct.predict(image(3)));
        }
        assertThatThrownBy(() -> NetRunner.open(json)).hasMessageContaining("holds a net without weights");
    }

    @Test
    void sequenceInputsTakeTheirLengthFromTheValues() {
        Chain net = Chain.of(PortDecl.of(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(2)))),
                Layer.of("GRU", "units", 3));
        try (NetRunner runner = NetRunner.untrained(net, 1)) {
            assertThat(runner.predict(new float[10]).get(0).shape()).containsExactly(5, 3);
            assertThat(runner.predict(new float[4]).get(0).shape()).containsExactly(2, 3);
        }
    }

    @Test
    void classLabelsComeFromTheOutputsDecoder() {
        Coder decoder = new Coder("Class", Map.of("labels", List.of("cat", "dog", "emu")));
        Chain labelled = classifier().withOutput(new PortDecl(Coders.typeOf(decoder, false), decoder));
        try (NetRunner runner = NetRunner.untrained(labelled, 2); NetRunner plain = NetRunner.untrained(classifier(), 2)) {
            assertThat(runner.outputLabels(0)).containsExactly("cat", "dog", "emu");
            assertThat(plain.outputLabels(0)).isEmpty();
        }
    }

    @Test
    void aClosedRunnerRefusesWork() {
        NetRunner runner = NetRunner.untrained(classifier(), 1);
        runner.close();
        runner.close();
        assertThatThrownBy(() -> runner.predict(image(0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("This net runner was closed");
    }

    @Test
    void weightsThatDoNotFitAreRefused() {
        Weights wrong = weightsOf(classifier(), 1).without("linear1/weights");
        assertThatThrownBy(() -> NetRunner.load(classifier(), wrong))
                .hasMessage("The weights do not fit the net: missing linear1/weights");
    }
}
