package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.trainer.TrainerPanelModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A person builds a GRU text classifier on the canvas (a typed Text input from the palette,
 * Embedding, GRU, Linear, Softmax, wired by hand), opens a CSV file of reviews in the trainer
 * panel, tells it which column holds the texts and which the labels, trains, sees a point per
 * epoch in the curves, uses the trained net, and tries it on a text of their own.
 */
class TextClassifierInTheWindowTest extends InTheWindowTest {

    private static final List<String> GOOD = List.of("good", "great", "lovely", "wonderful", "fine", "superb");
    private static final List<String> BAD = List.of("bad", "awful", "poor", "dull", "terrible", "boring");
    private static final List<String> PLAIN = List.of("the", "film", "was", "a", "story", "and", "music", "plot",
            "it", "very", "actors", "ending", "quite", "with", "scenes");

    private void setParameter(FxRobot robot, String node, String parameter, String value) {
        robot.clickOn(f.center(node));
        f.typeInto("#param-" + parameter, value);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private void choose(FxRobot robot, String comboId, String item) {
        robot.interact(() -> ((ComboBox<String>) robot.lookup(comboId).query()).show());
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void buildAGruTextClassifierTrainItOnACsvOfReviewsAndTryItOnAText(FxRobot robot) throws Exception {
        openWindow(robot);
        Path reviews = reviews(f.data.resolve("reviews.csv"));
        robot.interact(() -> f.workspace().setDataFilePicker((source, owner) -> Optional.of(reviews)));

        // The net, on the canvas: its input reads text; the layers come from the palette and are wired by hand.
        robot.clickOn("#startNew");
        f.settle();
        NodeItem in = f.node("$Input");
        double x = in.centerX();
        double y = in.centerY();
        f.dropPaletteEntry("Text input", x + 300, y + 150);
        assertThat(f.fx(() -> ((org.netstudio.netgraph.net.Graph) f.model().documentProperty().get().net()).inputs()
                .get("Input").coder().type())).isEqualTo("Characters");
        String embedding = f.dragFromPalette("Embedding", x, y + 110);
        String gru = f.dragFromPalette("GRU", x, y + 200);
        String linear = f.dragFromPalette("Linear", x + 260, y + 110);
        String softmax = f.dragFromPalette("Softmax", x + 260, y + 200);
        setParameter(robot, embedding, "size", "8");
        setParameter(robot, gru, "units", "16");
        robot.clickOn(f.center(gru));
        robot.clickOn("#param-returnSequences");
        setParameter(robot, linear, "units", "2");
        f.wireChain(embedding, gru, linear, softmax);
        assertThat(f.shapeOn(gru)).isEqualTo("16");
        assertThat(f.text("#statusValidity")).isEqualTo("Valid");

        // The data: a CSV file of reviews; the panel asks which column is the text and which the label.
        TrainerPanelModel trainer = f.workspace().trainer();
        f.shortcut(KeyCode.R);
        choose(robot, "#data-source", "CSV file…");
        robot.clickOn("#choose-path");
        waitFor(60, () -> f.fx(() -> !trainer.dataStatusProperty().get().loading()
                && !trainer.fileColumnsProperty().isEmpty()));
        assertThat(f.fx(() -> trainer.fileColumnsProperty().get())).containsExactly("id", "review", "label");
        assertThat(f.fx(() -> trainer.dataStatusProperty().get().message()))
                .contains("there are several columns besides 'label' (id, review); say which one holds the text");
        choose(robot, "#text-column", "review");
        waitFor(60, () -> f.fx(() -> trainer.dataProperty().get() != null));
        assertThat(f.fx(() -> trainer.fitProperty().get().problem())).isEmpty();
        assertThat(f.fx(() -> trainer.dataStatusProperty().get().message()))
                .startsWith("600 examples · sequences of characters");

        trainFromThePanel(robot, "8", "0.01", 300);
        // A point per epoch in the curves, and the held-back reviews mostly right.
        assertThat(f.fx(() -> trainer.curvesProperty().get().history().validationLoss())).hasSize(8);
        assertThat(f.fx(() -> trainer.outcomeProperty().get().result().finalMetrics().orElseThrow().validation()
                .orElseThrow().accuracy().orElseThrow())).isGreaterThan(0.9);
        assertThat(f.fx(() -> trainer.outcomeProperty().get().confusion())).isPresent();

        robot.clickOn("#tab-results");
        robot.clickOn("#use-weights");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> f.workspace().activeNet().orElseThrow().weights())).isPresent();

        // A sweep of the same net on the same reviews: its trial reads the texts as the training did.
        robot.interact(() -> f.window.trainerMaximisedProperty().set(true));
        robot.clickOn("#sweep");
        f.typeInto("#sweep-values-0", "0.005..0.02");
        f.typeInto("#sweep-trials .text-field", "1");
        robot.push(KeyCode.ENTER);
        robot.clickOn("#sweep-start");
        waitFor(300, () -> !f.text("#sweep-message").startsWith("Sweep "));
        assertThat(f.text("#sweep-message")).startsWith("Best: trial 1");
        assertThat(f.text("#sweep-progress")).isEqualTo("1 of 1 trials");
        robot.interact(() -> f.window.trainerMaximisedProperty().set(false));

        // Try It: a text of the person's own.
        f.shortcut(KeyCode.T);
        waitFor(30, () -> "Text classifier".equals(f.fx(() -> ((javafx.scene.control.Label) robot.lookup("#tryItKind")
                .query()).getText())));
        robot.interact(() -> f.workspace().tryIt().runText("the music was wonderful and the actors superb"));
        waitFor(60, () -> !f.fx(() -> f.workspace().tryIt().shownTextClasses()).isEmpty());
        assertThat(f.fx(() -> f.workspace().tryIt().shownTextClasses()).get(0)).isEqualTo("positive");
        // Where the net found it: one weight per character of the text, the largest 1.
        String review = "the music was wonderful and the actors superb";
        org.netstudio.app.run.TextAttribution where = f.fx(() -> f.workspace().tryIt().shownTextHighlights());
        assertThat(String.join("", where.units())).isEqualTo(review);
        float max = 0;
        for (float w : where.weights()) {
            max = Math.max(max, w);
        }
        assertThat(max).isEqualTo(1f);
        robot.interact(() -> f.workspace().tryIt().runText("a dull plot and an awful ending"));
        waitFor(60, () -> f.fx(() -> f.workspace().tryIt().shownTextClasses()).get(0).equals("negative"));
    }

    /** 600 reviews of 4 to 10 words, one to three of them telling; the id column is no text. */
    private static Path reviews(Path file) throws IOException {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("id,review,label\n");
        for (int i = 0; i < 600; i++) {
            boolean good = random.nextBoolean();
            List<String> words = new ArrayList<>();
            int plain = 3 + random.nextInt(6);
            for (int w = 0; w < plain; w++) {
                words.add(PLAIN.get(random.nextInt(PLAIN.size())));
            }
            int telling = 1 + random.nextInt(3);
            for (int w = 0; w < telling; w++) {
                List<String> pool = good ? GOOD : BAD;
                words.add(random.nextInt(words.size() + 1), pool.get(random.nextInt(pool.size())));
            }
            csv.append(i).append(',').append(String.join(" ", words)).append(',')
                    .append(good ? "positive" : "negative").append('\n');
        }
        return Files.writeString(file, csv);
    }
}
