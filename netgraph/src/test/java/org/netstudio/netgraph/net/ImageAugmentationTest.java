package org.netstudio.netgraph.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.PortDecls;

class ImageAugmentationTest {

    private static Coder image(Object augmentation) {
        Map<String, Object> o = new LinkedHashMap<>(Map.of("size", List.of(28, 28), "colorSpace", "Grayscale"));
        o.put("augmentation", augmentation);
        return new Coder("Image", o);
    }

    @Test
    void theShortFormReadsBackToWhatItSays() {
        ImageAugmentation a = ImageAugmentation.parseText("crop 4, Flip, rotation 10, brightness 0.1, contrast 0.2");

        assertThat(a).isEqualTo(new ImageAugmentation(4, true, 10, 0.1, 0.2));
        assertThat(a.text()).isEqualTo("crop 4, flip, rotation 10, brightness 0.1, contrast 0.2");
        assertThat(ImageAugmentation.parseText(a.text())).isEqualTo(a);
        assertThat(ImageAugmentation.parseText(" none ")).isEqualTo(ImageAugmentation.NONE);
        assertThat(ImageAugmentation.NONE.text()).isEqualTo("none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        crop 4, zoom 2 | 'zoom 2' is not an augmentation; use crop N, flip, rotation DEGREES, brightness X or contrast X, separated by commas
        crop 2.5       | crop takes a whole number of pixels, but got '2.5'
        rotation       | rotation takes one number, e.g. 'rotation 10', but got 'rotation'
        rotation 200   | augmentation rotation must be a number from 0 to 180, but got 200.0
        contrast 1     | augmentation contrast must be a number from 0 to 1 (not included), but got 1.0
        """)
    void mistakesAreNamed(String text, String message) {
        assertThatThrownBy(() -> ImageAugmentation.parseText(text)).hasMessage(message);
    }

    @Test
    void anImageEncoderCarriesItAndTheFileKeepsIt() throws NetFileException {
        Coder coder = image(new ImageAugmentation(2, true, 0, 0, 0).toOption());
        NetDocument doc = new NetDocument("augmented", Chain.of(PortDecls.encoder(coder), Layer.of("Flatten")), null);

        String json = NetFileWriter.toJson(doc);
        NetDocument read = NetFileReader.read(json, "augmented.json");

        assertThat(json).contains("\"augmentation\": {\"crop\": 2, \"flip\": true}");
        PortDecl in = PortDecls.inputs(read.net()).values().iterator().next();
        assertThat(ImageAugmentation.of(in.coder())).isEqualTo(new ImageAugmentation(2, true, 0, 0, 0));
        assertThat(Coders.typeOf(in.coder(), true).shapeText()).isEqualTo("1×28×28");
    }

    @Test
    void aMalformedOptionIsRefusedWithItsReason() {
        assertThatThrownBy(() -> Coders.typeOf(image(Map.of("flip", "yes")), true))
                .hasMessage("augmentation flip must be true or false, but got yes");
        assertThatThrownBy(() -> Coders.typeOf(image(Map.of("blur", 1)), true))
                .hasMessage("augmentation has no entry \"blur\" (it has crop, flip, rotation, brightness, contrast)");
        assertThatThrownBy(() -> Coders.typeOf(image(Map.of("flip", true)), false))
                .hasMessage("augmentation varies the images a net reads in training; an Image decoder has none");
    }
}
