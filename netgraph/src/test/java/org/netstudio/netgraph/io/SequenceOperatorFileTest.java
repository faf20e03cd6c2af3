package org.netstudio.netgraph.io;

import org.netstudio.netgraph.files.NetFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.HEAD;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.assertRefused;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/** Map, Fold and Bidirectional in the net file: what they read as, how they are written, what is refused. */
class SequenceOperatorFileTest {

    private static String chain(String layers) {
        return HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 4]}, \"layers\": [" + layers + "]}}";
    }

    private static List<NetNode> layers(String json) throws NetFileException {
        return ((Chain) NetFileReader.read(json, "t.json").net()).nodes();
    }

    @Test
    void theThreeOperatorsReadAsTheirInnerNets() throws Exception {
        List<NetNode> nodes = layers(chain("{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 3}},"
                + " {\"type\": \"Fold\", \"net\": {\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {}},"
                + " \"nodes\": {\"sum\": {\"type\": \"Total\"}}, \"edges\": [{\"from\": \"Input\", \"to\": \"sum.Input1\"},"
                + " {\"from\": \"State\", \"to\": \"sum.Input2\"}, {\"from\": \"sum\", \"to\": \"Output\"}],"
                + " \"outputs\": {\"Output\": {}}}, \"returnSequences\": false},"
                + " {\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 2},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 2}, \"merge\": \"total\"}"));

        assertThat(nodes.get(0)).isEqualTo(new MapOperator(Layer.of("Linear", "units", 3)));
        assertThat(nodes.get(1)).isInstanceOfSatisfying(FoldOperator.class, f -> {
            assertThat(f.returnSequences()).isFalse();
            assertThat(f.net().inputNames()).containsExactly("Input", "State");
        });
        assertThat(nodes.get(2)).isEqualTo(new BidirectionalOperator(Layer.of("LSTM", "units", 2),
                Layer.of("GRU", "units", 2), "total"));
    }

    @Test
    void operatorsAreWrittenWithTheirInnerNetsUnderTheirNames() {
        NetNode net = Chain.of(org.netstudio.netgraph.net.PortDecl.UNSPECIFIED,
                new MapOperator(Chain.of(org.netstudio.netgraph.net.PortDecl.UNSPECIFIED, Layer.of("Linear", "units", 3),
                        Layer.of("Tanh"))),
                new BidirectionalOperator(Layer.of("LSTM", "units", 2), Layer.of("LSTM", "units", 2), "catenate"));

        String json = NetFileWriter.toJson(new NetDocument("t", net, org.netstudio.netgraph.net.Layout.EMPTY));

        assertThat(json).isEqualTo("""
                {
                  "format": "netstudio.net",
                  "version": 1,
                  "name": "t",
                  "net": {
                    "type": "Chain",
                    "layers": [
                      {
                        "type": "Map",
                        "net": {
                          "type": "Chain",
                          "layers": [{"type": "Linear", "units": 3}, {"type": "Tanh"}]
                        }
                      },
                      {
                        "type": "Bidirectional",
                        "forward": {"type": "LSTM", "units": 2},
                        "backward": {"type": "LSTM", "units": 2},
                        "merge": "catenate"
                      }
                    ]
                  },
                  "layout": {}
                }
                """);
    }

    @Test
    void namedOperatorsAndFoldsOfTheLastStateRoundTrip() throws Exception {
        String json = chain("{\"type\": \"Fold\", \"name\": \"cell\", \"net\": {\"type\": \"Graph\","
                + " \"inputs\": {\"Input\": {}, \"State\": {}}, \"nodes\": {\"sum\": {\"type\": \"Total\"}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"sum.Input1\"}, {\"from\": \"State\", \"to\": \"sum.Input2\"},"
                + " {\"from\": \"sum\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}, \"returnSequences\": false}");
        NetDocument doc = NetFileReader.read(json, "t.json");

        String written = NetFileWriter.toJson(doc);

        assertThat(NetFileReader.read(written, "again.json")).isEqualTo(doc);
        assertThat(written).contains("\"name\": \"cell\"").contains("\"returnSequences\": false");
        assertThat(((Chain) doc.net()).elements().get(0).name()).isEqualTo("cell");
    }

    @Test
    void wolframAndKerasNamesReadAsTheOperators() throws Exception {
        List<NetNode> nodes = layers(chain("{\"type\": \"NetMapOperator\", \"net\": {\"type\": \"Tanh\"}},"
                + " {\"type\": \"TimeDistributed\", \"net\": {\"type\": \"Tanh\"}},"
                + " {\"type\": \"NetBidirectionalOperator\", \"forward\": {\"type\": \"GRU\", \"units\": 2},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 2}}"));

        assertThat(nodes).extracting(NetNode::typeName).containsExactly("Map", "Map", "Bidirectional");
        assertThat(((BidirectionalOperator) nodes.get(2)).merge()).isEqualTo("catenate");
    }

    @Test
    void whatAnOperatorCannotBeIsRefusedWithItsPath() {
        assertRefused(chain("{\"type\": \"Map\"}"), "$.net.layers[0]", "missing \"net\": a Map needs the net it applies"
                + " to every element, e.g. \"net\": {\"type\": \"Linear\", \"units\": 8}");
        assertRefused(chain("{\"type\": \"Map\", \"net\": {\"type\": \"Tanh\"}, \"units\": 3}"), "$.net.layers[0].units",
                "unknown field \"units\" in a Map (it may have type, net, name)");
        assertRefused(chain("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"GRU\", \"units\": 2}}"),
                "$.net.layers[0]", "missing \"backward\": a Bidirectional needs a forward and a backward net, e.g."
                        + " {\"type\": \"LSTM\", \"units\": 8}");
        assertRefused(chain("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"GRU\", \"units\": 2},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 2}, \"merge\": \"sum\"}"), "$.net.layers[0].merge",
                "merge must be one of \"catenate\", \"total\", but got \"sum\"");
        assertRefused(chain("{\"type\": \"Fold\", \"net\": {\"type\": \"Tanh\"}, \"returnSequences\": \"last\"}"),
                "$.net.layers[0].returnSequences", "returnSequences must be true or false, but got \"last\"");
        assertRefused(chain("{\"type\": \"Fold\", \"net\": {\"type\": \"Tanh\"}, \"returnSequences\": null}"),
                "$.net.layers[0].returnSequences", "returnSequences cannot be null (leave it out for its default)");
        assertRefused(chain("{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 0}}"),
                "$.net.layers[0].net.units", "units must be a positive whole number, but got 0");
    }

    @Test
    void weightsOfLayersInsideAnOperatorBelongToTheirPath() throws Exception {
        NetDocument doc = NetFileReader.read(chain("{\"type\": \"Map\", \"net\": {\"type\": \"Linear\", \"units\": 3}}"),
                "t.json");
        WeightArray inside = WeightArray.of("map1/net/weights", new long[] {3, 4}, new float[12]);
        WeightArray onTheMap = WeightArray.of("map1/weights", new long[] {3, 4}, new float[12]);

        WeightsFit.check(doc, Weights.of(List.of(inside), Map.of()), "t.nsnet");
        assertThatThrownBy(() -> WeightsFit.check(doc, Weights.of(List.of(onTheMap), Map.of()), "t.nsnet"))
                .hasMessage("t.nsnet: tensor \"map1/weights\": \"map1\" is a Map, which has no weights of its own");
    }
}
