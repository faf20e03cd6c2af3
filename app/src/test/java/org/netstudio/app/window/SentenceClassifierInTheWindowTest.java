package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.TopicSentences;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.trainer.TrainerPanelModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A person makes a sentence classifier from the pretrained all-MiniLM-L6-v2 (Net › New Sentence
 * Classifier…, naming the classes), freezes its encoder on the canvas, trains it on a CSV table of
 * labelled sentences in the trainer panel, and uses the weights: the held-back sentences are told
 * apart, and the encoder's arrays are as they were.
 */
class SentenceClassifierInTheWindowTest extends InTheWindowTest {

    @SuppressWarnings("unchecked")
    private void choose(FxRobot robot, String comboId, String item) {
        robot.interact(() -> ((ComboBox<String>) robot.lookup(comboId).query()).show());
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Map<String, WeightArray> encoderArrays(Weights w) {
        Map<String, WeightArray> all = new TreeMap<>(w.arrays());
        all.keySet().removeIf(k -> !k.startsWith("encoder/"));
        return all;
    }

    @Test
    void makeAClassifierFromMiniLmFreezeItsEncoderAndTrainItOnLabelledSentences(FxRobot robot) throws Exception {
        openWindow(robot);
        Path sentences = TopicSentences.write(f.data.resolve("topics.csv"));
        robot.interact(() -> f.workspace().setDataFilePicker((source, owner) -> Optional.of(sentences)));

        Platform.runLater(() -> f.window.menu().item(AppAction.NEW_SENTENCE_CLASSIFIER).fire());
        waitFor(20, () -> robot.lookup("#classifierLabels").tryQuery().isPresent());
        robot.interact(() -> ((javafx.scene.control.TextField) robot.lookup("#classifierLabels").query()).setText("cooking, sport"));
        robot.type(KeyCode.ENTER);
        waitFor(60, () -> f.fx(() -> f.workspace().activeNet().map(n -> n.document().net() instanceof Graph g
                && g.nodes().containsKey("encoder")).orElse(false)));
        f.settle();
        assertThat(f.text("#statusValidity")).isEqualTo("Valid");
        Weights pretrained = f.fx(() -> f.workspace().activeNet().orElseThrow().weights().orElseThrow());
        assertThat(encoderArrays(pretrained)).hasSize(100);

        // The encoder frozen on the canvas: only the head learns.
        robot.clickOn(f.center("encoder"));
        robot.interact(() -> f.workspace().activeTab().orElseThrow().canvas().getActions().freeze.fire());
        WaitForAsyncUtils.waitForFxEvents();

        TrainerPanelModel trainer = f.workspace().trainer();
        f.shortcut(KeyCode.R);
        choose(robot, "#data-source", "CSV file…");
        robot.clickOn("#choose-path");
        waitFor(60, () -> f.fx(() -> trainer.dataProperty().get() != null));
        assertThat(f.fx(() -> trainer.fitProperty().get().problem())).isEmpty();
        assertThat(f.fx(() -> trainer.dataStatusProperty().get().message())).startsWith("216 examples");
        trainFromThePanel(robot, "3", "0.01", 120);
        assertThat(f.fx(() -> trainer.outcomeProperty().get().result().finalMetrics().orElseThrow().validation()
                .orElseThrow().accuracy().orElseThrow())).isGreaterThan(0.9);

        robot.clickOn("#tab-results");
        robot.clickOn("#use-weights");
        WaitForAsyncUtils.waitForFxEvents();
        Weights trained = f.fx(() -> f.workspace().activeNet().orElseThrow().weights().orElseThrow());
        assertThat(trained).isNotEqualTo(pretrained);
        assertThat(encoderArrays(trained)).isEqualTo(encoderArrays(pretrained));
    }
}
