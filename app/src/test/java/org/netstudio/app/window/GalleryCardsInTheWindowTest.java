package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.netstudio.app.cli.NetStudioCommand;
import org.testfx.api.FxRobot;
import picocli.CommandLine;

/**
 * The Start page's cards: the pretrained nets first, and a net's parameters said in the same words
 * and numbers on its card, in the status bar, in the inspector and by the command line.
 */
class GalleryCardsInTheWindowTest extends InTheWindowTest {

    private static final String FASHION_CNN = "422,026 parameters (421,834 trainable + 192 non-trainable)";

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new NetStudioCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void thePretrainedNetsAreTheFirstCards(FxRobot robot) {
        openWindow(robot);
        List<String> cards = f.fx(() -> robot.lookup("#galleryCards").queryParent().getChildrenUnmodifiable().stream()
                .map(Node::getId).toList());
        // The pretrained nets, then the pretrained models downloaded on request, then the architectures.
        assertThat(cards).startsWith("gallery-minilm", "gallery-fashion-cnn-pretrained", "gallery-bge-small-en-v1.5",
                "gallery-e5-small-v2", "gallery-lenet", "gallery-mlp");
        assertThat(f.fx(() -> robot.from(robot.lookup("#galleryCards").queryParent().getChildrenUnmodifiable().get(0))
                .lookup(".ns-card-weights").queryLabeled().getText())).isNotBlank();
    }

    @Test
    void aNetsParametersReadTheSameOnItsCardInTheStatusBarTheInspectorAndTheCommandLine(FxRobot robot) {
        openWindow(robot);
        String card = f.fx(() -> robot.from(robot.lookup("#gallery-fashion-cnn").<Node>query())
                .lookup(".ns-card-parameters").queryLabeled().getText());
        assertThat(card).startsWith(FASHION_CNN);

        robot.interact(() -> f.workspace().openGallery("fashion-cnn"));
        f.settle();
        assertThat(f.text("#statusParameters")).isEqualTo(FASHION_CNN);
        // the inspector's summary of the net (nothing selected): the same sentence, and the same words in its totals
        assertThat(f.text("#figures")).startsWith(FASHION_CNN);
        assertThat(f.text("#totalParameters")).isEqualTo("422,026");
        assertThat(f.text("#trainableParameters")).isEqualTo("421,834");
        assertThat(f.text("#nonTrainableParameters")).isEqualTo("192");
        assertThat(f.fx(() -> robot.lookup("#summaryTotals .total-name").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).toList()))
                .startsWith("Parameters", "Trainable", "Non-trainable");

        assertThat(cli("info", "fashion-cnn")).contains(FASHION_CNN);
        assertThat(cli("gallery")).containsPattern("(?m)^fashion-cnn\\s+.*\\s+422,026\\s+421,834\\s+192\\s+none$");
    }
}
