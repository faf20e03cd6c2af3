package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Which nets Try It can feed, and the sentence for those it cannot. */
class TryableInputTest {

    @Test
    void aNetWithAnImageEncoderTakesImagesOfItsSizeAndColourSpace() {
        TryableInput in = TryableInput.of(Gallery.standard().load("fashion-cnn").net());
        assertThat(in).isInstanceOf(TryableInput.Image.class);
        var encoder = ((TryableInput.Image) in).encoder();
        assertThat(encoder.width()).isEqualTo(28);
        assertThat(encoder.height()).isEqualTo(28);
        assertThat(encoder.colorSpace()).isEqualTo(ColorSpace.GRAYSCALE);

        var resnet = ((TryableInput.Image) TryableInput.of(Gallery.standard().load("resnet18").net())).encoder();
        assertThat(resnet.width()).isEqualTo(224);
        assertThat(resnet.colorSpace()).isEqualTo(ColorSpace.RGB);
        assertThat(resnet.mean()[0]).isEqualTo(0.485f);
    }

    @Test
    void aPictureShapedInputWithoutEncoderIsAnImageToo() {
        var net = Chain.of(PortDecl.of(TensorType.real(3, 32, 32)), Layer.of("Flatten"), Layer.of("Linear", "units", 4));
        var in = (TryableInput.Image) TryableInput.of(net);
        assertThat(in.encoder().width()).isEqualTo(32);
        assertThat(in.encoder().colorSpace()).isEqualTo(ColorSpace.RGB);
    }

    @Test
    void theMiniLmSentenceEncoderTakesSentences() {
        assertThat(TryableInput.of(Gallery.standard().load("minilm").net())).isInstanceOf(TryableInput.Sentences.class);
    }

    @Test
    void aNetOfTokenIndicesIsNotSupportedAndTheSentenceSaysWhatItTakes() {
        TryableInput in = TryableInput.of(Gallery.standard().load("gru-classifier").net());
        assertThat(in).isInstanceOf(TryableInput.Unsupported.class);
        assertThat(((TryableInput.Unsupported) in).reason())
                .startsWith("Try It runs nets whose input is an image, text or sentences; this net takes a sequence of token indices");
    }

    @Test
    void aNextCharacterNetContinuesTextAndATextClassifierClassifiesIt() {
        assertThat(TryableInput.of(Gallery.standard().load("char-lstm").net())).isEqualTo(new TryableInput.Text(true));
        assertThat(TryableInput.of(textNet("\"alphabet\": \"ab \"", "{\"type\": \"GRU\", \"units\": 4,"
                + " \"returnSequences\": false}, {\"type\": \"Linear\", \"units\": 2}, {\"type\": \"Softmax\"}")))
                .isEqualTo(new TryableInput.Text(false));
    }

    @Test
    void aTextNetWhoseAlphabetComesFromTrainingIsTriedAfterTraining() {
        TryableInput in = TryableInput.of(textNet("", "{\"type\": \"GRU\", \"units\": 4, \"returnSequences\": false},"
                + " {\"type\": \"Linear\", \"units\": 2}"));
        assertThat(((TryableInput.Unsupported) in).reason()).startsWith("This net's Characters encoder learns its"
                + " alphabet from the text it trains on: train it on a text (Trainer › Data › Text file…");
    }

    private static org.netstudio.netgraph.net.NetNode textNet(String alphabet, String layers) {
        String json = "{\"format\": \"netstudio.net\", \"version\": 1, \"net\": {\"type\": \"Chain\", \"input\":"
                + " {\"encoder\": {\"type\": \"Characters\"" + (alphabet.isEmpty() ? "" : ", " + alphabet) + "}},"
                + " \"layers\": [{\"type\": \"Embedding\", \"size\": 4}, " + layers + "]}}";
        try {
            return org.netstudio.netgraph.io.NetFileReader.read(json, "text.json").net();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aVectorInputIsNotSupported() {
        var net = Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 3));
        assertThat(((TryableInput.Unsupported) TryableInput.of(net)).reason()).endsWith("this net takes a vector of size 2.");
    }

    @Test
    void aNetThatDoesNotCheckHasAProblemAndAValidOneHasNone() {
        assertThat(TryableInput.problem(Gallery.standard().load("fashion-cnn").net())).isEmpty();
        // A 2-D convolution cannot take a vector.
        var broken = Chain.of(PortDecl.of(TensorType.real(5)), Layer.of("Convolution", "channels", 4, "kernel", 3));
        assertThat(TryableInput.problem(broken)).isPresent();
    }
}
