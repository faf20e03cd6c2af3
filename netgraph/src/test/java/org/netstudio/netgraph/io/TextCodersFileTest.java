package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.HEAD;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.assertRefused;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Text encoders and decoders in the net file: Characters, Tokens and Subwords, read, typed, written, refused. */
class TextCodersFileTest {

    /** A word classifier whose input has this encoder. */
    private static String classifier(String encoder) {
        return HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"encoder\": " + encoder + "}, \"layers\": ["
                + "{\"type\": \"Embedding\", \"size\": 8}, {\"type\": \"GRU\", \"units\": 4, \"returnSequences\": false},"
                + " {\"type\": \"Linear\", \"units\": 2}, {\"type\": \"Softmax\"}],"
                + " \"output\": {\"decoder\": {\"type\": \"Class\", \"labels\": [\"en\", \"fr\"]}}}}";
    }

    @Test
    void charactersWithoutAnAlphabetWaitForTheDataButTheNetIsValid() throws Exception {
        NetDocument doc = NetFileReader.read(classifier("{\"type\": \"Characters\"}"), "t.json");
        Chain chain = (Chain) doc.net();
        assertThat(chain.input().type()).isEqualTo(new TensorType(ElementKind.index(0), List.of(Dim.symbolic("n"))));
        assertThat(Coders.builtFromData(chain.input().coder())).isTrue();
        InferenceResult r = ShapeInference.infer(chain);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("2");
        assertThat(NetFileWriter.toJson(doc)).contains("\"encoder\": {\"type\": \"Characters\"}");
    }

    @Test
    void aBuiltVocabularyIsWrittenIntoTheNetAndReadBackWhole() throws Exception {
        Coder tokens = new Coder("Tokens", Map.of("vocabulary", List.of("<unk>", "the", "cat"), "minCount", 2,
                "lowercase", true));
        NetDocument doc = NetFileReader.read(classifier("{\"type\": \"Tokens\"}"), "t.json");
        Chain fitted = ((Chain) doc.net()).withInput(PortDecls.encoder(tokens));
        NetDocument written = new NetDocument(doc.name(), fitted, doc.layout());
        String json = NetFileRoundTripTest.assertRoundTrips(written);
        assertThat(json).contains("\"type\": \"Tokens\"").contains("\"<unk>\"").contains("\"minCount\": 2");
        TensorType in = ((Chain) NetFileReader.read(json, "t.json").net()).input().type();
        assertThat(in).isEqualTo(new TensorType(ElementKind.index(3), List.of(Dim.symbolic("n"))));
    }

    @Test
    void aCharactersDecoderGivesProbabilitiesPerElement() {
        Coder chars = new Coder("Characters", Map.of("alphabet", "abc"));
        assertThat(Coders.typeOf(chars, false)).isEqualTo(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(3))));
        assertThat(Coders.typeOf(new Coder("Characters", Map.of()), false).dims())
                .containsExactly(Dim.symbolic("n"), Dim.UNKNOWN);
        assertThat(Coders.typeOf(new Coder("Subwords", Map.of("tokenizer", "all-MiniLM-L6-v2", "size", 30522)), true))
                .isEqualTo(new TensorType(ElementKind.index(30522), List.of(Dim.symbolic("n"))));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"type": "Tokens", "vocabulary": ["<unk>", "a", 7]}                | vocabulary[2] | a token must be a non-empty string, but got 7
        {"type": "Tokens", "vocabulary": ["a", "b", "a"], "unknown": "a"}  | vocabulary[2] | the token "a" appears twice in the vocabulary
        {"type": "Tokens", "vocabulary": ["a", "b"]}                       | vocabulary    | the vocabulary must hold the unknown token "<unk>", which words outside it become
        {"type": "Tokens", "minCount": 0}                                  | minCount      | minCount must be a whole number of at least 1, but got 0
        {"type": "Tokens", "lowercase": "yes"}                             | lowercase     | lowercase must be true or false, but got "yes"
        {"type": "Characters", "alphabet": "abca"}                         | alphabet      | the character 'a' (U+0061) appears twice in the alphabet (at 4)
        {"type": "Characters", "alphabt": "abc"}                           | alphabt       | Characters has no option "alphabt" (it has alphabet)
        {"type": "Subwords"}                                               | tokenizer     | Subwords needs a tokenizer: the path of a tokenizer.json or "all-MiniLM-L6-v2", but got nothing
        """)
    void badTextCoderOptionsNameTheirJsonPath(String encoder, String option, String detail) {
        assertRefused(classifier(encoder), "$.net.input.encoder." + option, detail);
    }
}
