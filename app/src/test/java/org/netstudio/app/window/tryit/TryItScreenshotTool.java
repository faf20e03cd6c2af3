package org.netstudio.app.window.tryit;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.util.Duration;
import org.netstudio.app.window.MainWindow;
import org.netstudio.app.window.ScreenshotTool;
import org.netstudio.canvas.export.PngExport;

/**
 * Opens the real window (under Xvfb) with a gallery net and its Try It window, runs it, and writes a
 * picture of the Try It window: {@code TryItScreenshotTool OUT.png light|dark GALLERY_ID|NET_FILE [IMAGE|TEXT]}
 * (an image file for an image net; a prompt or text for a net that reads text; a sentence encoder
 * embeds its example sentences). Not a test.
 */
public final class TryItScreenshotTool {

    private TryItScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        ScreenshotTool.Arguments arguments = ScreenshotTool.Arguments.of(args);
        Path out = arguments.out();
        String id = arguments.subject();
        String given = arguments.extra();
        Path image = given != null && Files.isRegularFile(Path.of(given)) ? Path.of(given) : null;
        ScreenshotTool.showWindow(arguments.theme(), (window, stage) -> {
            stage.setX(0);
            stage.setY(0);
            if (Files.isRegularFile(Path.of(id))) {
                window.workspace().open(Path.of(id));
            } else {
                window.workspace().openGallery(id);
            }
            window.workspace().showTryIt();
            TryItPanel panel = window.workspace().tryIt();
            PauseTransition start = new PauseTransition(Duration.seconds(2));
            start.setOnFinished(e -> {
                if (image != null) {
                    panel.tryImage(image);
                } else if (given != null) {
                    panel.runText(given);
                } else if (panel.lookup("#tryItEmbed") instanceof Button embed) {
                    embed.fire();
                }
                waitThenShoot(window, panel, out);
            });
            start.play();
        });
    }

    private static void waitThenShoot(MainWindow window, TryItPanel panel, Path out) {
        PauseTransition poll = new PauseTransition(Duration.seconds(1));
        poll.setOnFinished(e -> {
            if (panel.isBusy()) {
                waitThenShoot(window, panel, out);
                return;
            }
            String show = System.getProperty("shot.show");
            if (show != null && panel.lookup("#tryItAttribution") instanceof javafx.scene.control.ChoiceBox<?> box) {
                // -Dshot.show=Saliency or Grad-CAM: the heat map over the image.
                @SuppressWarnings("unchecked")
                javafx.scene.control.ChoiceBox<String> choice = (javafx.scene.control.ChoiceBox<String>) box;
                choice.setValue(show);
            }
            PauseTransition settle = new PauseTransition(Duration.seconds(1));
            settle.setOnFinished(x -> {
                try {
                    PngExport.write(panel.getScene().snapshot(null), out);
                } catch (Exception ex) {
                    ex.printStackTrace();
                }
                // Leaves both windows up a moment for a picture of the screen (import -window root).
                PauseTransition exit = new PauseTransition(Duration.seconds(Boolean.getBoolean("shot.linger") ? 4 : 0.1));
                exit.setOnFinished(y -> {
                    window.workspace().exitCleanly();
                    Platform.exit();
                });
                exit.play();
            });
            settle.play();
        });
        poll.play();
    }
}
