package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.WeightsDownload;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.window.documents.WindowGallery;
import org.netstudio.app.window.gallery.WeightsServer;
import org.netstudio.canvas.export.PngExport;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.torch.StateDictMapping;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Gallery nets open from the Start page with their weights, and weights offered for download are
 * downloaded from the card (from a local server into a temporary cache): progress, Cancel, a damaged
 * file refused, and the card and the opened net afterwards.
 */
class GalleryWeightsInTheWindowTest extends DownloadInTheWindowTest {

    private static final String ID = "lenet-imagenet";
    private static final byte[] LENET = WeightsServer.stateDict(StateDictMapping.expectedTensors(
            Gallery.standard().load("lenet").net()), 7);

    private Gallery testGallery(URI url, String sha256) {
        Gallery g = WeightsServer.gallery(cache, url, sha256, LENET.length);
        WindowGallery.use(g);
        f = WindowFixture.open(f == null ? new FxRobot() : f.robot, stage, WindowFixture.tempData());
        return g;
    }

    private Node card(String id) {
        return f.robot.lookup("#gallery-" + id).query();
    }

    private String textIn(String id, String style) {
        return f.fx(() -> ((Label) f.robot.from(card(id)).lookup("." + style).query()).getText());
    }

    /** Whether the node is shown: visible, and so is everything around it on the card. */
    private boolean shownIn(String id, String query) {
        return f.fx(() -> {
            Node c = card(id);
            Node found = f.robot.from(c).lookup(query).tryQuery().orElse(null);
            if (found == null) {
                return false; // e.g. no error on the card (yet)
            }
            for (Node n = found; n != null && n != c; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    private List<Path> cached() throws IOException {
        try (var files = Files.list(cache)) {
            return files.toList();
        }
    }

    /** With -Dgallery.shots=DIR, a picture of the window for looking at the cards (not an assertion). */
    private void shoot(String name) {
        String dir = System.getProperty("gallery.shots");
        if (dir != null) {
            f.robot.interact(() -> {
                try {
                    PngExport.write(f.window.scene().snapshot(null), Path.of(dir, name + ".png"));
                    f.window.setTheme(org.netstudio.assets.Theme.DARK);
                    PngExport.write(f.window.scene().snapshot(null), Path.of(dir, name + "-dark.png"));
                    f.window.setTheme(org.netstudio.assets.Theme.LIGHT);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void thePretrainedFashionMnistCardOpensTheNetWithItsShippedWeightsShownInTheInspector(FxRobot robot) {
        openWindow(robot);
        String id = "fashion-cnn-pretrained";
        assertThat(textIn(id, "ns-card-weights")).isEqualTo("Pretrained · 92.5% test accuracy");
        // Miniatures are drawn off the UI thread; scroll once the page has its final layout.
        WindowFixture.waitUntil(() -> robot.lookup(".ns-thumbnail").queryAll().stream()
                .allMatch(t -> !((javafx.scene.layout.Region) t).getChildrenUnmodifiable().isEmpty()));
        robot.interact(() -> ScrollIntoView.of(card(id)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> card(id).localToScene(card(id).getLayoutBounds()).getMaxY()))
                .as("the card is scrolled into the window").isLessThan(f.fx(() -> f.window.scene().getHeight()));
        shoot("start-scrolled");

        OpenNet net = f.openFromCard(id);

        Weights shipped = Gallery.standard().loadWithWeights(id).weights().orElseThrow();
        assertThat(net.weights()).as("the net in front has the shipped weights").contains(shipped);
        assertThat(f.fx(() -> f.workspace().inspector().weightsProperty().get())).isSameAs(shipped);
        assertThat(selectedTabText()).isEqualTo("Fashion-MNIST CNN (pretrained)");
    }

    @Test
    void openingMiniLmByIdGivesItTheWeightsItsOnnxModelCarries(FxRobot robot) {
        openWindow(robot);
        assertThat(textIn("minilm", "ns-card-weights")).isEqualTo("Pretrained weights included");

        robot.interact(() -> f.workspace().openGallery("minilm"));
        f.settle();

        Weights carried = Gallery.standard().loadWithWeights("minilm").weights().orElseThrow();
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().weights())).contains(carried);
        assertThat(f.fx(() -> f.workspace().inspector().weightsProperty().get())).isSameAs(carried);
    }

    @Test
    void weightsDownloadFromTheCardWithProgressThenTheCardSaysCachedAndTheNetOpensWithThem() throws Exception {
        Gallery gallery = testGallery(server.hold("lenet-0123abcd.pth", LENET), WeightsServer.sha256(LENET));
        String offered = "ImageNet weights: " + WeightsDownload.size(LENET.length) + " download";
        assertThat(textIn(ID, "ns-card-weights")).isEqualTo(offered);
        assertThat(textIn(ID, "ns-card-opens")).isEqualTo("Opens untrained until they are downloaded.");
        assertThat(shownIn(ID, ".ns-card-progress")).isFalse();

        OpenNet untrained = f.openFromCard(ID);
        assertThat(untrained.weights()).as("opened before the download: untrained").isEmpty();
        assertThat(server.requests.get()).as("opening never downloads").isZero();
        f.backToStart();

        f.robot.clickOn("#download-" + ID);
        assertThat(server.halfSent.await(20, TimeUnit.SECONDS)).isTrue();
        String half = WeightsDownload.size(LENET.length / 2) + " of " + WeightsDownload.size(LENET.length);
        WindowFixture.waitUntil(() -> half.equals(textIn(ID, "ns-card-progress-text")));
        assertThat(f.fx(() -> ((ProgressBar) f.robot.from(card(ID)).lookup(".ns-card-progress").query()).getProgress()))
                .isBetween(0.49, 0.51);
        assertThat(shownIn(ID, ".ns-card-download")).as("no second download while one runs").isFalse();
        assertThat(f.workspace().openNets()).hasSize(1);
        shoot("card-downloading");

        server.release();
        WindowFixture.waitUntil(() -> "ImageNet weights cached".equals(textIn(ID, "ns-card-weights")));
        assertThat(shownIn(ID, ".ns-card-download")).isFalse();
        assertThat(shownIn(ID, ".ns-card-progress")).isFalse();
        assertThat(shownIn(ID, ".ns-card-opens")).isFalse();
        assertThat(cached()).containsExactly(cache.resolve("lenet-0123abcd.pth"));
        shoot("card-cached");

        OpenNet trained = f.openFromCard(ID);
        Weights expected = gallery.loadWithWeights(ID).weights().orElseThrow();
        assertThat(trained.weights()).contains(expected);
        assertThat(expected.arrays()).hasSize(StateDictMapping.expectedTensors(trained.document().net()).size());
        assertThat(f.fx(() -> f.workspace().inspector().weightsProperty().get())).isSameAs(expected);
        assertThat(server.requests.get()).isEqualTo(1);
    }

    @Test
    void aDamagedDownloadIsSaidOnTheCardAndLeavesNothingInTheCache() throws Exception {
        testGallery(server.serve("lenet-0123abcd.pth", LENET), "0123abcd");

        f.robot.clickOn("#download-" + ID);
        WindowFixture.waitUntil(() -> shownIn(ID, ".ns-card-error"));

        assertThat(textIn(ID, "ns-card-error")).isEqualTo("The downloaded file was damaged (its checksum does not match"
                + " the gallery's), so it was deleted. Try again.");
        assertThat(cached()).isEmpty();
        assertThat(shownIn(ID, ".ns-card-download")).as("it can be tried again").isTrue();
        assertThat(textIn(ID, "ns-card-weights")).startsWith("ImageNet weights: ");
        shoot("card-damaged");
    }

    @Test
    void cancelStopsTheDownloadAndLeavesNothingHalfWritten() throws Exception {
        testGallery(server.hold("lenet-0123abcd.pth", LENET), WeightsServer.sha256(LENET));
        f.robot.clickOn("#download-" + ID);
        assertThat(server.halfSent.await(20, TimeUnit.SECONDS)).isTrue();
        WindowFixture.waitUntil(() -> textIn(ID, "ns-card-progress-text").contains(" of "));

        f.robot.clickOn("#cancel-" + ID);
        WindowFixture.waitUntil(() -> shownIn(ID, ".ns-card-note"));

        assertThat(textIn(ID, "ns-card-note")).isEqualTo("Download cancelled; nothing was kept.");
        assertThat(cached()).as("no partial file").isEmpty();
        assertThat(shownIn(ID, ".ns-card-download")).isTrue();
        assertThat(shownIn(ID, ".ns-card-progress")).isFalse();
        assertThat(f.workspace().openNets()).as("cancelling opened nothing").isEmpty();
    }
}
