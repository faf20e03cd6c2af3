package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.run.FashionMnistPictures;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.app.window.tryit.TryItPanel;
import org.netstudio.engine.text.SentenceEncoder;
import org.testfx.api.FxRobot;

/**
 * Net › Try It in the real window: the pretrained Fashion-MNIST CNN names the clothing of a real
 * test image, all-MiniLM-L6-v2 finds two sentences about one thing closer than one about another,
 * and the panel follows the tab in front, saying plainly when it cannot feed a net.
 */
class TryItInTheWindowTest extends InTheWindowTest {

    private FxRobot robot() {
        return f.robot;
    }

    private TryItPanel panel() {
        return f.workspace().tryIt();
    }

    /** A shown label of the Try It window by id. */
    private String label(String id) {
        return f.fx(() -> ((Label) robot().lookup(id).query()).getText());
    }

    private boolean shown(String id) {
        return f.fx(() -> robot().lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void thePretrainedFashionNetNamesTheClothingOfARealTestImage(FxRobot robot) throws Exception {
        openWindow(robot);
        FashionMnistPictures test = FashionMnistPictures.testSet();
        FashionMnistPictures.Picture shoe = test.write(0, f.data);
        Path notes = Files.writeString(f.data.resolve("notes.png"), "not a picture");
        java.util.Deque<Path> picks = new java.util.ArrayDeque<>(java.util.List.of(shoe.file(), notes));
        robot.interact(() -> f.workspace().setImagePicker(owner -> Optional.ofNullable(picks.poll())));
        f.openPretrained("fashion-cnn-pretrained", Gallery.RESOURCES + "fashion-cnn-pretrained.nsnet",
                "fashion-cnn-pretrained.nsnet");

        f.shortcut(KeyCode.T);
        assertThat(f.fx(() -> f.workspace().tryItWindow().isShowing())).isTrue();
        assertThat(label("#tryItKind")).isEqualTo("Image classifier");
        assertThat(shown("#tryItWeightsNote")).as("trained weights: no note").isFalse();

        robot.clickOn("#tryItChooseImage");
        waitFor(60, () -> !f.fx(() -> panel().shownClasses()).isEmpty() && !f.fx(panel()::isBusy));
        assertThat(f.fx(() -> panel().shownClasses())).hasSize(5);
        assertThat(label("#tryItClass0")).isEqualTo(shoe.className());
        assertThat(label("#tryItFileName")).isEqualTo("fashion-0.png");
        // The image as the net sees it: its 28×28 values, each shown as an 8×8 square.
        javafx.scene.image.Image seen = f.fx(() -> robot.lookup("#tryItSeenImage").queryAs(ImageView.class).getImage());
        assertThat(seen.getWidth()).isEqualTo(28 * 8);
        for (int[] at : new int[][] {{14, 5}, {20, 20}, {3, 25}}) {
            assertThat(seen.getPixelReader().getArgb(at[0] * 8 + 4, at[1] * 8 + 4) & 0xFF)
                    .isEqualTo(test.pixel(0, at[0], at[1]));
        }

        // Where the net found the class: saliency lays a heat map over the image (a black pixel stays dark).
        robot.clickOn("#tryItAttribution");
        robot.clickOn("Saliency");
        waitFor(60, () -> f.fx(() -> robot.lookup("#tryItSeenImage").queryAs(ImageView.class).getImage()) != seen);
        javafx.scene.image.Image saliency = f.fx(() -> robot.lookup("#tryItSeenImage").queryAs(ImageView.class).getImage());
        assertThat(saliency.getWidth()).isEqualTo(seen.getWidth());
        assertThat(saliency.getPixelReader().getArgb(4, 4) & 0xFFFFFF).as("a black corner").isZero();
        robot.clickOn("#tryItAttribution");
        robot.clickOn("The image");
        waitFor(60, () -> f.fx(() -> robot.lookup("#tryItSeenImage").queryAs(ImageView.class).getImage()
                .getPixelReader().getArgb(14 * 8 + 4, 5 * 8 + 4) & 0xFF) == test.pixel(0, 14, 5));

        // A file that is no image: a sentence in the panel, and the last result stays.
        robot.clickOn("#tryItChooseImage");
        waitFor(60, () -> shown("#tryItImageError"));
        assertThat(label("#tryItImageError")).isEqualTo("“notes.png” is not an image NetStudio can read (PNG, JPEG, BMP or GIF).");
        assertThat(label("#tryItClass0")).isEqualTo(shoe.className());

        // The panel follows the tab in front: a net of token indices is said to be unsupported…
        robot.interact(() -> f.workspace().openGallery("gru-classifier"));
        f.settle();
        assertThat(f.fx(() -> panel().shownMessage()).orElseThrow())
                .startsWith("Try It runs nets whose input is an image, text or sentences; this net takes a sequence of token indices");
        assertThat(f.fx(panel()::shownTitle)).isEqualTo("GRU text classifier");

        // …and a net never trained runs on seeded initial values, said so at the top.
        robot.interact(() -> f.workspace().openGallery("fashion-cnn"));
        f.settle();
        assertThat(shown("#tryItWeightsNote")).isTrue();
        assertThat(label("#tryItWeightsNote")).isEqualTo("Untrained weights");
        waitFor(60, () -> !f.fx(panel()::isBusy) && !f.fx(() -> panel().shownClasses()).isEmpty());

        // A net that does not check says so, and why.
        robot.interact(() -> f.workspace().open(org.netstudio.app.document.OpenNet.untitled(
                WindowFixture.emptyGraph("Unwired", 1, 28, 28), "Unwired")));
        f.settle();
        assertThat(label("#tryItMessage")).isEqualTo("This net does not check");
        assertThat(f.fx(() -> panel().shownMessage()).orElseThrow()).startsWith("It cannot run until it does: ");

        // Weights that hold NaN answer nothing: said so, as netstudio predict refuses them.
        var tiny = org.netstudio.netgraph.io.NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1,"
                + " \"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [1, 28, 28]}, \"layers\":"
                + " [{\"type\": \"Flatten\"}, {\"type\": \"Linear\", \"name\": \"classifier\", \"units\": 1}]}}",
                "tiny.json");
        float[] values = new float[784];
        values[3] = Float.NaN;
        var nan = org.netstudio.netgraph.io.Weights.of(java.util.List.of(
                org.netstudio.netgraph.io.WeightArray.of("classifier/weights", new long[] {1, 784}, values),
                org.netstudio.netgraph.io.WeightArray.of("classifier/biases", new long[] {1}, new float[] {0})),
                java.util.Map.of());
        robot.interact(() -> f.workspace().open(org.netstudio.app.document.OpenNet.untitled(tiny, "NaN net", nan)));
        f.settle();
        assertThat(label("#tryItMessage")).isEqualTo("This net's weights are not numbers");
        assertThat(f.fx(() -> panel().shownMessage()).orElseThrow()).contains("NaN");

        // Back to the pretrained net: its answer again.
        robot.interact(() -> f.window.canvasTabs().getSelectionModel().select(f.window.canvasTabs().getTabs().stream()
                .filter(t -> t instanceof NetTab n && n.net().weights().isPresent()).findFirst().orElseThrow()));
        waitFor(60, () -> !f.fx(panel()::isBusy));
        assertThat(shown("#tryItWeightsNote")).isFalse();
        assertThat(f.fx(() -> panel().shownClasses()).get(0)).isEqualTo(shoe.className());
    }

    @Test
    void miniLmFindsTwoSentencesAboutOneThingCloserThanAThird(FxRobot robot) throws Exception {
        openWindow(robot);
        f.openPretrained("minilm", SentenceEncoder.MINILM_MODEL, "all-minilm-l6-v2.onnx");

        robot.clickOn("#menuNet").clickOn("#menuTryIt");
        waitFor(10, () -> f.fx(() -> f.workspace().tryItWindow().isShowing()));
        assertThat(label("#tryItKind")).isEqualTo("Sentence encoder");
        assertThat(shown("#tryItWeightsNote")).isFalse();

        // Three examples to start with: two about a guitarist, one about interest rates.
        robot.clickOn("#tryItEmbed");
        waitFor(120, () -> shown("#tryItSim-0-1") && !f.fx(panel()::isBusy));
        double related = Double.parseDouble(label("#tryItSim-0-1"));
        double unrelated1 = Double.parseDouble(label("#tryItSim-0-2"));
        double unrelated2 = Double.parseDouble(label("#tryItSim-1-2"));
        assertThat(label("#tryItSim-1-1")).isEqualTo("1.00");
        assertThat(related).isGreaterThan(unrelated1).isGreaterThan(unrelated2);
        assertThat(label("#tryItDimension")).contains("384 values each");

        // The window follows the theme.
        robot.interact(() -> f.window.setTheme(org.netstudio.assets.Theme.DARK));
        assertThat(f.fx(() -> f.workspace().tryItWindow().stage().getScene().getStylesheets()))
                .anyMatch(sheet -> sheet.endsWith("theme-dark.css")).anyMatch(sheet -> sheet.endsWith("tryit.css"))
                .noneMatch(sheet -> sheet.endsWith("theme-light.css"));

        // An edited sentence: a fourth about money comes out closest to the third.
        robot.clickOn("#tryItAddSentence");
        robot.write("Stock prices dropped after the interest rate decision.");
        robot.clickOn("#tryItEmbed");
        waitFor(120, () -> shown("#tryItSim-2-3") && !f.fx(panel()::isBusy));
        assertThat(Double.parseDouble(label("#tryItSim-2-3")))
                .isGreaterThan(Double.parseDouble(label("#tryItSim-0-3")))
                .isGreaterThan(Double.parseDouble(label("#tryItSim-1-3")));
    }
}
