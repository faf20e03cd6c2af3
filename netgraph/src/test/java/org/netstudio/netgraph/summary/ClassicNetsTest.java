package org.netstudio.netgraph.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Well-known nets written in the file format, with figures that can be checked independently of
 * this code: the parameter counts printed by Keras' model.summary() in the Keras examples
 * (mnist_convnet: 34,826; mnist_cnn: 1,199,882; mnist_mlp: 669,706), Caffe's LeNet (431,080), the
 * Gluon MNIST MLP (784-128-64-10: 109,386), and D2L's LeNet with batch norm (counted by hand from its
 * layer sizes: 45,330, of which the 2·(6+16+120+84) = 452 moving statistics are non-trainable).
 */
class ClassicNetsTest {

    private static NetSummary summary(String file) throws IOException {
        try (InputStream in = ClassicNetsTest.class.getResourceAsStream("/nets/" + file)) {
            NetDocument doc = NetFileReader.read(in, file);
            NetSummary s = NetSummary.of(doc.net());
            assertThat(s.diagnostics()).as(file).isEmpty();
            return s;
        }
    }

    private static List<String> shapes(NetSummary s) {
        return s.rows().stream().map(NetSummary.Row::outputShapeText).toList();
    }

    @Test
    void lenet5() throws IOException {
        NetSummary s = summary("lenet5.json");
        assertThat(shapes(s)).containsExactly("20×24×24", "20×24×24", "20×12×12", "50×8×8", "50×8×8", "50×4×4",
                "800", "500", "500", "10", "10");
        assertThat(s.total()).isEqualTo(431_080);
        assertThat(s.nonTrainable()).isZero();
        assertThat(s.outputs().get(0).type().shapeText()).isEqualTo("10");
    }

    @Test
    void kerasMnistConvnet() throws IOException {
        NetSummary s = summary("keras-mnist-convnet.json");
        assertThat(shapes(s)).containsExactly("32×26×26", "32×26×26", "32×13×13", "64×11×11", "64×11×11", "64×5×5",
                "1600", "1600", "10", "10");
        assertThat(s.rows()).extracting(NetSummary.Row::parameters)
                .containsExactly(320L, 0L, 0L, 18_496L, 0L, 0L, 0L, 0L, 16_010L, 0L);
        assertThat(s.total()).isEqualTo(34_826);
        // multiply-adds: 26·26·32·9 + 11·11·64·288 + 1600·10
        assertThat(s.multiplyAdds()).isEqualTo(194_688L + 2_230_272L + 16_000L);
    }

    @Test
    void kerasMnistCnn() throws IOException {
        NetSummary s = summary("keras-mnist-cnn.json");
        assertThat(shapes(s)).containsExactly("32×26×26", "32×26×26", "64×24×24", "64×24×24", "64×12×12", "64×12×12",
                "9216", "128", "128", "128", "10", "10");
        assertThat(s.total()).isEqualTo(1_199_882);
    }

    @Test
    void kerasMnistMlp() throws IOException {
        NetSummary s = summary("keras-mnist-mlp.json");
        assertThat(s.total()).isEqualTo(669_706);
        assertThat(s.trainable()).isEqualTo(669_706);
    }

    @Test
    void gluonMlpWithAnImageEncoder() throws IOException {
        NetSummary s = summary("gluon-mnist-mlp.json");
        assertThat(s.inputs().get(0).type().shapeText()).isEqualTo("1×28×28");
        assertThat(shapes(s)).startsWith("784", "128");
        assertThat(s.total()).isEqualTo(109_386);
    }

    @Test
    void lenetWithBatchNormCountsMovingStatisticsAsNonTrainable() throws IOException {
        NetSummary s = summary("d2l-lenet-batchnorm.json");
        assertThat(shapes(s)).containsExactly("6×24×24", "6×24×24", "6×24×24", "6×12×12", "16×8×8", "16×8×8",
                "16×8×8", "16×4×4", "256", "120", "120", "120", "84", "84", "84", "10");
        assertThat(s.total()).isEqualTo(45_330);
        assertThat(s.nonTrainable()).isEqualTo(452);
        assertThat(s.trainable()).isEqualTo(44_878);
    }

    @Test
    void aResidualGraphNestedInAChain() throws IOException {
        NetSummary s = summary("residual-block.json");
        assertThat(s.rows()).extracting(NetSummary.Row::name)
                .startsWith("block1/conv1", "block1/bn1").endsWith("globalpooling1", "linear1", "softmax1");
        assertThat(s.rows()).filteredOn(r -> r.name().equals("block1/add")).singleElement()
                .extracting(NetSummary.Row::outputShapeText).isEqualTo("16×32×32");
        // two 3×3 convolutions without bias (2·2,304), two batch norms (2·64), Linear 16→10 (170)
        assertThat(s.total()).isEqualTo(4_906);
        assertThat(s.nonTrainable()).isEqualTo(64);
    }

    @Test
    void aVectorIntoAnLstmIsReported() throws IOException {
        try (InputStream in = ClassicNetsTest.class.getResourceAsStream("/nets/vector-into-lstm.json")) {
            NetSummary s = NetSummary.of(NetFileReader.read(in, "vector-into-lstm.json").net());
            assertThat(s.valid()).isFalse();
            assertThat(s.diagnostics()).singleElement().asString().contains("'lstm1' (LSTM, layer 2)")
                    .contains("'dense1' (Linear, layer 1)").contains("a vector of size 5")
                    .contains("a sequence of vectors (n×d)");
            assertThat(s.total()).isEqualTo(-1);
        }
    }
}
