package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryWeights;
import org.netstudio.app.gallery.TinyEncoderJar;
import org.netstudio.app.window.documents.WindowGallery;
import org.testfx.api.FxRobot;

/**
 * A sentence encoder offered for download (as bge-small-en-v1.5 is; here a tiny stand-in served
 * locally): its card says what the download is and its licence; opened before the download, Try It
 * says how to get it rather than embed with seeded values; downloaded from the card, it opens with
 * the model's weights and Try It compares sentences with it.
 */
class SentenceEncoderDownloadInTheWindowTest extends DownloadInTheWindowTest {

    private static final String ID = TinyEncoderJar.ID;

    private String cardText(String style) {
        return f.fx(() -> ((Label) f.robot.from((Node) f.robot.lookup("#gallery-" + ID).query()).lookup("." + style)
                .query()).getText());
    }

    private String label(String id) {
        return f.fx(() -> ((Label) f.robot.lookup(id).query()).getText());
    }

    private boolean shown(String id) {
        return f.fx(() -> f.robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        waitFor(60, condition);
    }

    @Test
    void beforeTheDownloadTryItSaysHowToGetItAfterItComparesSentences(FxRobot robot) throws Exception {
        byte[] jar = TinyEncoderJar.jar(true);
        Gallery gallery = TinyEncoderJar.gallery(cache, server.serve("tiny-encoder-1.0.jar", jar), jar, "cls");
        WindowGallery.use(gallery);
        openWindow(robot);
        String size = org.netstudio.app.gallery.WeightsDownload.size(jar.length);

        assertThat(cardText("ns-card-weights")).isEqualTo("Pretrained model: " + size + " download");
        assertThat(cardText("ns-card-opens")).isEqualTo("Download it to embed sentences; until then it opens untrained.");
        assertThat(cardText("ns-card-licence")).isEqualTo("Licence: MIT");

        OpenNet untrained = f.openFromCard(ID);
        assertThat(untrained.weights()).isEmpty();
        robot.clickOn("#menuNet").clickOn("#menuTryIt");
        waitFor(() -> f.fx(() -> f.workspace().tryItWindow().isShowing()));
        assertThat(label("#tryItKind")).isEqualTo("Sentence encoder");
        robot.clickOn("#tryItEmbed");
        waitFor(() -> shown("#tryItSentenceError"));
        assertThat(label("#tryItSentenceError")).isEqualTo(
                GalleryWeights.howToDownload(gallery.find(ID).orElseThrow()));
        assertThat(server.requests.get()).as("nothing was downloaded").isZero();

        // Nor is a sentence classifier made of it: the same sentence says why.
        javafx.application.Platform.runLater(() -> f.window.menu().item(AppAction.NEW_SENTENCE_CLASSIFIER).fire());
        waitFor(() -> robot.lookup("#classifierEncoder").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Object> encoders = robot.lookup("#classifierEncoder").query();
        assertThat(f.fx(() -> encoders.getConverter().toString(encoders.getValue())))
                .isEqualTo(TinyEncoderJar.NAME + " (download first: " + size + ")");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> robot.lookup(".dialog-pane").queryAll().stream().anyMatch(p -> GalleryWeights.howToDownload(
                gallery.find(ID).orElseThrow()).equals(((javafx.scene.control.DialogPane) p).getContentText())));
        robot.type(javafx.scene.input.KeyCode.ENTER);

        f.backToStart();
        robot.clickOn("#download-" + ID);
        waitFor(() -> "Pretrained model downloaded".equals(cardText("ns-card-weights")));
        assertThat(server.requests.get()).isEqualTo(1);

        OpenNet trained = f.openFromCard(ID);
        assertThat(trained.weights()).isPresent();
        waitFor(() -> f.fx(() -> f.workspace().tryItWindow().isShowing()) && !shown("#tryItWeightsNote"));
        // Fired rather than clicked: the dialogs before may have left the main window above Try It's.
        robot.interact(() -> ((javafx.scene.control.Button) robot.lookup("#tryItEmbed").query()).fire());
        waitFor(() -> shown("#tryItSim-0-1") && !f.fx(() -> f.workspace().tryIt().isBusy()));
        assertThat(shown("#tryItSentenceError")).isFalse();
        assertThat(label("#tryItSim-1-1")).isEqualTo("1.00");
        assertThat(label("#tryItDimension")).contains("4 values each");
        String similarity = label("#tryItSim-0-1");

        // The tab opened before the download: Try It now embeds with the downloaded model, not seeded values.
        robot.interact(() -> f.window.canvasTabs().getSelectionModel().select(f.window.canvasTabs().getTabs().stream()
                .filter(t -> t instanceof org.netstudio.app.window.documents.NetTab n && n.net() == untrained)
                .findFirst().orElseThrow()));
        waitFor(() -> f.fx(() -> f.workspace().activeNet().orElseThrow()) == untrained);
        robot.interact(() -> ((javafx.scene.control.Button) robot.lookup("#tryItEmbed").query()).fire());
        waitFor(() -> shown("#tryItSim-0-1") && !f.fx(() -> f.workspace().tryIt().isBusy())
                && !shown("#tryItSentenceError"));
        assertThat(label("#tryItSim-0-1")).isEqualTo(similarity);
    }
}
