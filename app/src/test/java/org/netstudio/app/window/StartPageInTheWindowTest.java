package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;
import org.netstudio.assets.Theme;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Start page's gallery, ResNet-50 opened and explored from it, and the live theme switch. */
class StartPageInTheWindowTest extends InTheWindowTest {

    @Test
    void theStartPageListsTheGalleryWithPicturesAndOpensResNet50WhichFitsAndOpensABlock(FxRobot robot) {
        openWindow(robot);
        assertThat(f.fx(() -> robot.lookup(".ns-gallery-card").queryAll().size()))
                .isEqualTo(Gallery.standard().entries().size());
        // each card's miniature is drawn from its net, off the UI thread
        WindowFixture.waitUntil(() -> robot.lookup(".ns-thumbnail").queryAll().stream()
                .allMatch(t -> !((Region) t).getChildrenUnmodifiable().isEmpty()));
        Node card = robot.lookup("#gallery-resnet50").query();
        assertThat(f.fx(() -> robot.from(card).lookup(".ns-card-title").queryLabeled().getText())).isEqualTo("ResNet-50");
        assertThat(f.fx(() -> robot.from(card).lookup(".ns-thumbnail-node").queryAll().size())).isGreaterThan(5);

        robot.interact(() -> scrollIntoView(card));
        Bounds shown = f.fx(() -> card.localToScene(card.getLayoutBounds()));
        assertThat(shown.getMaxY()).as("the card is scrolled into the window").isLessThan(f.window.scene().getHeight());
        robot.clickOn(card);
        WindowFixture.waitUntil(() -> f.window.canvasTabs().getSelectionModel().getSelectedItem() instanceof NetTab);
        f.settle();
        assertThat(selectedTabText()).isEqualTo("ResNet-50");
        assertThat(f.text("#statusParameters")).isEqualTo("25,610,152 parameters (25,557,032 trainable + 53,120 non-trainable)");

        f.zoomToFitShowsEveryNode();

        // Selected first, and the window done with what selecting starts (the inspector shows the
        // block), so that the double-click's first press starts no work that could hold its second.
        robot.clickOn(f.center("layer1"));
        WindowFixture.waitUntil(() -> f.fx(() -> List.of(NodePath.of("layer1")).equals(
                f.workspace().inspector().getSelectedPaths())));
        f.doubleClick(f.center("layer1"));
        f.settle();
        assertThat(f.fx(() -> f.model().getCurrentPath())).isEqualTo(NodePath.of("layer1"));
        // The main window's breadcrumb (not one of another window), once it has followed the level.
        WindowFixture.waitUntil(() -> "layer1".equals(f.fx(() -> robot.from(f.window.scene().getRoot())
                .lookup(".breadcrumb-current").queryLabeled().getText())));
        assertThat(f.fx(() -> f.model().getLevel().nodes())).hasSizeGreaterThan(2);
    }

    /** Scrolls the start page so that {@code node} is in view, as the scroll bar would. */
    private static void scrollIntoView(Node node) {
        Node p = node.getParent();
        while (!(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) p;
        Node content = scroll.getContent();
        double y = content.sceneToLocal(node.localToScene(node.getLayoutBounds())).getMinY();
        double range = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(Math.min(1, Math.max(0, (y - 16) / range)));
        scroll.layout();
    }

    /** The fill of a node body on the canvas, as the stylesheet paints it. */
    private Paint nodeFill() {
        return f.fx(() -> ((Region) f.canvas().lookup(".net-node")).getBackground().getFills().get(0).getFill());
    }

    @Test
    void theThemeSwitchesLiveForTheCanvasTooFromTheViewMenu(FxRobot robot) {
        openGalleryNet(robot, "lenet");
        Paint light = nodeFill();

        robot.clickOn("#menuView").clickOn("#menuTheme").clickOn("#menuThemeDark");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.window.theme()).isEqualTo(Theme.DARK);
        Paint dark = nodeFill();
        assertThat(dark).isNotEqualTo(light);
    }
}
