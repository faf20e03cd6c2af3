package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.run.FashionMnistPictures;
import org.netstudio.app.window.preview.NetPreviews;
import org.netstudio.app.window.preview.PreviewSource;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.canvas.preview.PictureRenderer;
import org.netstudio.canvas.preview.PortPicture;
import org.netstudio.canvas.preview.Previews;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * View › Show Previews in the real window: on the pretrained Fashion-MNIST CNN every node shows what
 * flows out of it for a real test image; another image, an example of the data loaded in the
 * trainer panel, or ◀ ▶ on random inputs change them; an edit of the net updates them (what comes
 * before the edit stays as it was), and a net that does not check says so instead.
 */
class PreviewsInTheWindowTest extends InTheWindowTest {

    /** Waits for a condition; on a timeout, fails with what the preview bar says. */
    private void waitFor(BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; the previews say \"" + f.fx(() -> f.workspace().activeTab()
                    .map(t -> f.workspace().previews().of(t).captionProperty().get() + "\" / \""
                            + f.workspace().previews().of(t).messageProperty().get()).orElse("")) + "\"", e);
        }
    }

    private NetPreviews previews() {
        return f.fx(() -> f.workspace().previews().of(f.workspace().activeTab().orElseThrow()));
    }

    private Previews shown() {
        return f.fx(() -> f.model().previewsProperty().get());
    }

    private String label(String id) {
        return f.fx(() -> ((Label) f.robot.lookup(id).query()).getText());
    }

    /** Waits until the previews show {@code caption} and no run is under way. */
    private Previews settledOn(String caption) throws Exception {
        NetPreviews p = previews();
        waitFor(() -> f.fx(() -> !p.busyProperty().get() && p.captionProperty().get().startsWith(caption)));
        return shown();
    }

    /** The pictures the canvas draws on the node views now, by node id. */
    private List<String> nodesWithPictures() {
        return f.fx(() -> f.robot.lookup(".net-node").queryAllAs(NodeView.class).stream()
                .filter(v -> v.isVisible() && v.picture() != null).map(v -> v.item().id()).sorted().toList());
    }

    @Test
    void thePretrainedFashionNetShowsWhatEachLayerMakesOfATestImage(FxRobot robot) throws Exception {
        openWindow(robot);
        FashionMnistPictures test = FashionMnistPictures.testSet();
        FashionMnistPictures.Picture boot = test.write(0, f.data);
        FashionMnistPictures.Picture pullover = test.write(1, f.data);
        Deque<Path> picks = new ArrayDeque<>(List.of(boot.file(), pullover.file()));
        robot.interact(() -> f.workspace().setImagePicker(owner -> Optional.ofNullable(picks.poll())));
        f.openPretrained("fashion-cnn-pretrained", Gallery.RESOURCES + "fashion-cnn-pretrained.nsnet",
                "fashion-cnn-pretrained.nsnet");

        // Previews on (the toolbar's toggle): a random input first, drawn on every node in view.
        robot.clickOn("#toolPreviews");
        Previews random = settledOn("random input 1");
        assertThat(f.fx(() -> robot.lookup("#previewBar").query().isVisible())).isTrue();
        assertThat(random.nodes()).containsKeys(NodePath.of("conv1"), NodePath.of("pool2"), NodePath.of("logits"));
        assertThat(random.nodes().get(NodePath.of("conv1")).shape()).containsExactly(32, 28, 28);
        assertThat(nodesWithPictures()).contains("conv1", "relu1", "$Input");

        // A real test image through the source's "Image file…": the output shows its class on top.
        f.fx(() -> {
            previews().sourceProperty().set(PreviewSource.IMAGE);
            return null;
        });
        Previews seen = settledOn("fashion-0.png");
        assertThat(argmax(seen.outputs().get("Output"))).isEqualTo(boot.label());
        assertThat(seen.inputs().get("Input").shape()).containsExactly(1, 28, 28);

        // A node selected: its value large under the inspector, with its range, and the value under the pointer.
        robot.clickOn(f.center("conv1"));
        waitFor(() -> f.fx(() -> robot.lookup("#previewDetail").query().isVisible()));
        PortPicture conv1 = seen.nodes().get(NodePath.of("conv1"));
        assertThat(label("#previewDetailTitle")).isEqualTo("conv1");
        assertThat(label("#previewDetailRange")).startsWith("32×28×28 · 25,088 values from ");
        PictureRenderer.Pixels layout = PictureRenderer.render(conv1, 260, 260);
        javafx.scene.Node big = f.fx(() -> robot.lookup("#previewDetailPicture").query());
        robot.moveTo(f.fx(() -> big.localToScreen(layout.left() + 0.5, layout.top() + 0.5)));
        waitFor(() -> !label("#previewDetailPointer").isBlank());
        assertThat(label("#previewDetailPointer")).isEqualTo(String.format(java.util.Locale.ROOT,
                "channel 1, row 1, column 1: %.4g", conv1.at(0)));

        // Another image: the previews change from the input on.
        robot.clickOn("#previewChooseImage");
        Previews other = settledOn("fashion-1.png");
        assertThat(argmax(other.outputs().get("Output"))).isEqualTo(pullover.label());
        assertThat(other.nodes().get(NodePath.of("conv1"))).isNotEqualTo(seen.nodes().get(NodePath.of("conv1")));

        // An example of the data loaded in the trainer panel, named with its class; ▶ goes to the next.
        robot.interact(() -> f.workspace().trainer().choose(DatasetSource.FASHION_MNIST));
        waitFor(() -> f.fx(() -> f.workspace().trainer().dataProperty().get() != null));
        f.fx(() -> {
            previews().sourceProperty().set(PreviewSource.DATA);
            return null;
        });
        Previews first = settledOn("test example 1 of 10,000: " + boot.className());
        robot.clickOn("#previewNext");
        settledOn("test example 2 of 10,000: " + pullover.className());
        assertThat(label("#previewCaption")).isEqualTo("test example 2 of 10,000: " + pullover.className());

        // An edit (relu3 deleted on the canvas): what comes after it changes, what comes before does not.
        robot.clickOn("#previewBack");
        settledOn("test example 1 of");
        robot.interact(() -> f.workspace().activeCanvas().orElseThrow().reveal("relu3"));
        robot.clickOn(f.center("relu3"));
        robot.type(KeyCode.DELETE);
        // Until the gap is wired the net does not check, and the bar says why there are no previews.
        waitFor(() -> shown().isEmpty() && !previews().busyProperty().get());
        assertThat(label("#previewMessage")).startsWith("Previews show when the net checks");
        robot.interact(() -> f.workspace().activeCanvas().orElseThrow().reveal("logits"));
        f.wire("dense", "Output", "logits", "Input");
        waitFor(() -> !shown().isEmpty() && !previews().busyProperty().get());
        Previews edited = shown();
        assertThat(edited.isEmpty()).as(f.fx(() -> previews().messageProperty().get())).isFalse();
        assertThat(edited.nodes().get(NodePath.of("conv1"))).isEqualTo(first.nodes().get(NodePath.of("conv1")));
        assertThat(edited.nodes().get(NodePath.of("dense"))).isEqualTo(first.nodes().get(NodePath.of("dense")));
        assertThat(edited.nodes().get(NodePath.of("logits"))).isNotEqualTo(first.nodes().get(NodePath.of("logits")));

        // Off again: no previews, no bar.
        robot.clickOn("#toolPreviews");
        waitFor(() -> shown().isEmpty());
        assertThat(nodesWithPictures()).isEmpty();
        assertThat(f.fx(() -> robot.lookup("#previewBar").query().isVisible())).isFalse();
    }

    private static int argmax(PortPicture p) {
        int best = 0;
        for (int i = 1; i < p.size(); i++) {
            if (p.at(i) > p.at(best)) {
                best = i;
            }
        }
        return best;
    }
}
