package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.HEAD;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.assertRefused;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.chain;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.graph;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.refused;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of file the reader refuses, with the exact JSON path and message. */
class NetFileReaderTest {

    @Test
    void anInvalidParameterValueNamesItsPathAndEchoesTheValue() {
        NetFileException e = refused(chain("{\"type\": \"Convolution\", \"channels\": 20, \"kernel\": 5}, {\"type\": \"Tanh\"},"
                + " {\"type\": \"Flatten\"}, {\"type\": \"Convolution\", \"channels\": 2, \"kernel\": \"big\"}"));
        assertThat(e.getMessage()).isEqualTo(
                "t.json: $.net.layers[3].kernel: kernel must be a whole number or a list of them, but got \"big\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"type": "Linear", "units": -3}                 | units | units must be a positive whole number, but got -3
        {"type": "Dropout", "rate": 1}                  | rate  | rate must be less than 1, but got 1
        {"type": "Linear", "units": 3, "bias": "yes"}   | bias  | bias must be true or false, but got "yes"
        {"type": "Linear", "units": null}               | units | units cannot be null (leave it out for its default)
        """)
    void parameterBoundsUseTheCatalogsMessage(String layer, String param, String detail) {
        assertRefused(chain(layer), "$.net.layers[0]." + param, detail);
    }

    @Test
    void anUnknownParameterListsTheKnownOnes() {
        assertRefused(chain("{\"type\": \"Dense\", \"unitz\": 3}"), "$.net.layers[0].unitz",
                "Linear has no parameter \"unitz\" (it has units, bias)");
    }

    @Test
    void aMissingRequiredParameterIsNamed() {
        assertRefused(chain("{\"type\": \"Tanh\"}, {\"type\": \"Linear\"}"), "$.net.layers[1]", "Linear: units is required");
    }

    @Test
    void anUnknownLayerTypeSuggestsTheClosestOne() {
        assertRefused(chain("{\"type\": \"Tanh\"}, {\"type\": \"Convolutoin\", \"channels\": 2, \"kernel\": 3}"),
                "$.net.layers[1].type", "unknown layer type \"Convolutoin\" (did you mean Convolution?)");
        assertRefused(chain("{\"type\": \"Zzzzzzzzzzzz\"}"), "$.net.layers[0].type", "unknown layer type \"Zzzzzzzzzzzz\"");
    }

    @Test
    void unknownFieldsAreRefusedEverywhere() {
        assertRefused(HEAD + "\"net\": {\"type\": \"Chain\"}, \"extra\": 1}", "$.extra",
                "unknown field \"extra\" in a net file (it may have format, version, name, net, layout,"
                        + " learningRateMultipliers)");
        assertRefused(HEAD + "\"net\": {\"type\": \"Chain\", \"layer\": []}}", "$.net.layer",
                "unknown field \"layer\" in a Chain (it may have type, input, layers, output)");
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("[1, 28, 28]}", "[1, 28, 28], \"dtype\": \"f\"}"),
                "$.net.input.dtype", "unknown field \"dtype\" in an input (it may have shape, index, integer, encoder)");
        assertRefused(graph("\"nodes\": {\"a\": {\"type\": \"Tanh\", \"name\": \"b\"}}"), "$.net.nodes.a.name",
                "a node of a graph is named by its key in \"nodes\", not by a \"name\" field");
        assertRefused(graph("\"edges\": [{\"from\": \"x\", \"to\": \"y\", \"via\": \"z\"}]"), "$.net.edges[0].via",
                "unknown field \"via\" in an edge (it may have from, to)");
    }

    @Test
    void wrongJsonTypesAreNamed() {
        assertRefused(HEAD.replace("\"t\"", "3") + "\"net\": {\"type\": \"Chain\"}}", "$.name",
                "expected a string, but got a number 3");
        assertRefused(HEAD + "\"net\": {\"type\": \"Chain\", \"layers\": {}}}", "$.net.layers",
                "expected a list of layers, but got an object");
        assertRefused(chain("\"Tanh\""), "$.net.layers[0]", "expected a layer (a JSON object), but got a string \"Tanh\"");
        assertRefused(HEAD + "\"net\": [1]}", "$.net", "expected a layer (a JSON object), but got a list");
        assertRefused("[1, 2]", "$", "expected a net file (a JSON object), but got a list");
    }

    @Test
    void formatAndVersionAreChecked() {
        assertRefused("{\"version\": 1, \"net\": {\"type\": \"Chain\"}}", "$",
                "missing \"format\": a net file starts with \"format\": \"netstudio.net\"");
        assertRefused("{\"format\": \"onnx\", \"version\": 1}", "$.format",
                "expected \"netstudio.net\", but got \"onnx\" (this is not a NetStudio net file)");
        assertRefused("{\"format\": \"netstudio.net\", \"net\": {\"type\": \"Chain\"}}", "$",
                "missing \"version\" (this NetStudio reads version 1)");
        assertRefused("{\"format\": \"netstudio.net\", \"version\": 2, \"net\": {\"type\": \"Chain\"}}", "$.version",
                "this NetStudio reads version 1 of the net file, but got 2 (written by a newer NetStudio?)");
        assertRefused("{\"format\": \"netstudio.net\", \"version\": 1}", "$", "missing \"net\", the net itself");
    }

    @Test
    void malformedJsonReportsJacksonsLineAndColumn() {
        NetFileException e = refused("{\"format\": \"netstudio.net\",\n  \"version\": 1,,\n}");
        assertThat(e.location()).isEqualTo("line 2, column 16");
        assertThat(e.detail()).startsWith("malformed JSON: Unexpected character (',' (code 44))");
        assertThat(refused("").detail()).isEqualTo("the file is empty; a net file is a JSON object");
        assertThat(refused(chain("{\"type\": \"Tanh\"}") + " trailing").detail()).startsWith("malformed JSON:");
        NetFileException unclosed = refused("{\"format\": \"netstudio.net\", \"net\": {\"type\": \"Chain\"");
        assertThat(unclosed.location()).isEqualTo("line 1, column 52");
        assertThat(unclosed.detail()).isEqualTo("malformed JSON: Unexpected end-of-input: expected close marker for Object");
    }

    @Test
    void duplicateKeysAreRefused() {
        NetFileException e = refused("{\"format\": \"netstudio.net\", \"version\": 1, \"version\": 1}");
        assertThat(e.location()).isEqualTo("line 1, column 52");
        assertThat(e.detail()).isEqualTo("malformed JSON: Duplicate field 'version'");
        NetFileException nodes = refused(graph("\"nodes\": {\"a\": {\"type\": \"Tanh\"},\n \"a\": {\"type\": \"Tanh\"}}"));
        assertThat(nodes.location()).isEqualTo("line 2, column 5");
        assertThat(nodes.detail()).isEqualTo("malformed JSON: Duplicate field 'a'");
    }

    @Test
    void duplicateAndInvalidNamesAreRefused() {
        assertRefused(chain("{\"type\": \"Tanh\", \"name\": \"x\"}, {\"type\": \"Tanh\", \"name\": \"x\"}"),
                "$.net.layers[1].name", "two layers of the chain are named \"x\"");
        assertRefused(chain("{\"type\": \"Tanh\", \"name\": \"a.b\"}"), "$.net.layers[0].name",
                "a name cannot contain \".\" or \"/\", but got \"a.b\"");
        assertRefused(graph("\"inputs\": {\"x\": {}}, \"nodes\": {\"x\": {\"type\": \"Tanh\"}}"), "$.net.nodes.x",
                "\"x\" names both a node and a port of the graph; names must differ");
        assertRefused(graph("\"inputs\": {\"x\": {}}, \"outputs\": {\"x\": {}}"), "$.net.outputs.x",
                "the graph has an input and an output both named \"x\"; port names must differ");
        assertRefused(graph("\"nodes\": {\"my/node\": {\"type\": \"Tanh\"}}"), "$.net.nodes['my/node']",
                "a name cannot contain \".\" or \"/\", but got \"my/node\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"from": "Input", "to": "b"}                         | edges[0].to   | "b" is neither a node nor an output of the graph; its nodes are a, add; its outputs are Output
        {"from": "Input", "to": "b.Input"}                   | edges[0].to   | there is no node "b" in the graph; its nodes are a, add
        {"from": "Input", "to": "a.Foo"}                     | edges[0].to   | "a" (Linear) has no input port "Foo" (it has Input)
        {"from": "a.Loss", "to": "Output"}                   | edges[0].from | "a" (Linear) has no output port "Loss" (it has Output)
        {"from": "Output", "to": "a"}                        | edges[0].from | "Output" is neither a node nor an input of the graph; its nodes are a, add; its inputs are Input
        {"from": "Input", "to": "add"}                       | edges[0].to   | "add" (Total) has several inputs; name one, e.g. "add.Input1"
        {"from": "Input", "to": "add.Input2000"}             | edges[0].to   | "add" (Total) can have at most 1024 inputs, but the edge goes to Input2000
        {"from": "Input", "to": "a"}, {"from": "a", "to": "a"} | edges[1].to | Input of "a" is already wired by edges[0]; an input takes one wire
        {"from": "Input"}                                    | edges[0]      | an edge needs both "from" and "to"
        """)
    void edgesNamingMissingNodesOrPortsAreRefused(String edges, String location, String detail) {
        String nodes = "\"inputs\": {\"Input\": {\"shape\": [3]}}, \"nodes\": {\"a\": {\"type\": \"Linear\", \"units\": 2},"
                + " \"add\": {\"type\": \"Total\"}}, \"outputs\": {\"Output\": {}}, ";
        assertRefused(graph(nodes + "\"edges\": [" + edges + "]"), "$.net." + location, detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, -28, 28]      | $.net.input.shape[1] | a dimension cannot be negative, but got -28",
        "[1, 28.5, 28]     | $.net.input.shape[1] | a dimension must be a whole number or the name of a varying length such as \"n\", but got 28.5",
        "[1, 3000000000]   | $.net.input.shape[1] | a dimension can be at most 2147483647, but got 3000000000",
        "[\"n m\", 2]      | $.net.input.shape[0] | a varying length is named by a word such as \"n\", but got \"n m\"",
        "[true]            | $.net.input.shape[0] | a dimension must be a whole number or the name of a varying length such as \"n\", but got true",
        "7                 | $.net.input.shape    | expected a list of sizes, e.g. [1, 28, 28] or [\"n\", 20], but got a number 7",
    })
    void badShapesAreRefused(String shape, String location, String detail) {
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("[1, 28, 28]", shape), location, detail);
    }

    @Test
    void integerInputsReadWriteAndReadBackAndMisuseIsRefused() throws Exception {
        String ints = chain("{\"type\": \"OnnxOperator\", \"op\": \"Cast\", \"outputs\": \"Real n\"}")
                .replace("{\"shape\": [1, 28, 28]}", "{\"shape\": [\"n\"], \"integer\": true}");
        org.netstudio.netgraph.net.NetDocument doc = NetFileReader.read(ints, "t.json");
        org.netstudio.netgraph.net.Chain chain = (org.netstudio.netgraph.net.Chain) doc.net();
        assertThat(chain.input().type()).isEqualTo(new org.netstudio.netgraph.tensor.TensorType(
                org.netstudio.netgraph.tensor.ElementKind.INTEGER,
                java.util.List.of(org.netstudio.netgraph.tensor.Dim.symbolic("n"))));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("integers", ".json");
        try {
            NetFileWriter.write(doc, file);
            assertThat(java.nio.file.Files.readString(file)).contains("\"integer\": true");
            assertThat(NetFileReader.read(file)).isEqualTo(doc);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }

        assertRefused(ints.replace("\"integer\": true", "\"integer\": 1"), "$.net.input.integer",
                "integer is true for whole numbers that are not indices (leave it out for real numbers), but got 1");
        assertRefused(ints.replace("\"integer\": true", "\"integer\": true, \"index\": 5"), "$.net.input",
                "an input holds indices (index) or integers (integer), not both");
    }

    @Test
    void badIndexRangesAndCodersAreRefused() {
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("[1, 28, 28]}", "[\"n\"], \"index\": 0}"), "$.net.input.index",
                "index must be the number of distinct indices, a positive whole number of at most 2147483647, but got 0");
        String enc = "{\"encoder\": {\"type\": \"Image\", \"size\": [28], \"colorSpace\": \"Grayscale\"}}";
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("{\"shape\": [1, 28, 28]}", enc), "$.net.input.encoder.size",
                "Image size must be 2 positive whole numbers, but got [28]");
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("{\"shape\": [1, 28, 28]}", "{\"encoder\": {\"type\": \"Audio\"}}"),
                "$.net.input.encoder.type", "unknown encoder type \"Audio\" (known: Image, Class, Characters, Tokens, Subwords, Boolean)");
        assertRefused(chain("{\"type\": \"Tanh\"}").replace("{\"shape\": [1, 28, 28]}",
                "{\"shape\": [3], \"encoder\": {\"type\": \"Boolean\"}}"), "$.net.input",
                "an input is declared by a shape or by an encoder, not both");
    }

    @Test
    void badLayoutsAreRefused() {
        String base = chain("{\"type\": \"Tanh\"}");
        String withLayout = base.substring(0, base.length() - 1) + ", \"layout\": %s}";
        assertRefused(String.format(withLayout, "{\"tanh1\": {\"x\": \"left\", \"y\": 0}}"), "$.layout.tanh1.x",
                "a coordinate must be a number, but got \"left\"");
        assertRefused(String.format(withLayout, "{\"tanh1\": {\"x\": 1}}"), "$.layout.tanh1.y",
                "a coordinate must be a number, but got nothing");
        assertRefused(String.format(withLayout, "{\"a//b\": {\"x\": 1, \"y\": 2}}"), "$.layout['a//b']",
                "a layout key is a node path such as \"block1/conv1\" (or \"$Input\" for a port), but got \"a//b\"");
    }

    @Test
    void problemsDeepInNestedContainersNameTheFullPath() {
        String json = graph("\"inputs\": {\"Input\": {}}, \"nodes\": {\"block\": {\"type\": \"Chain\", \"layers\": ["
                + "{\"type\": \"Graph\", \"nodes\": {\"conv\": {\"type\": \"Conv2D\", \"channels\": 0, \"kernel\": 3}}}]}}");
        assertRefused(json, "$.net.nodes.block.layers[0].nodes.conv.channels",
                "channels must be a positive whole number, but got 0");
    }

    @Test
    void oversizedFilesAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(NetFileReader.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> NetFileReader.read(big)).isInstanceOf(NetFileException.class)
                .hasMessage(big + ": the file is 67108865 bytes, more than the 67108864 bytes a net file may have");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(refused(deep).detail()).startsWith("malformed JSON: Document nesting depth (257) exceeds");
    }

    @Test
    void readingAFileNamesIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, chain("{\"type\": \"Linear\", \"units\": 0}"));
        assertThatThrownBy(() -> NetFileReader.read(f)).isInstanceOf(NetFileException.class)
                .hasMessage(f + ": $.net.layers[0].units: units must be a positive whole number, but got 0");
    }
}
