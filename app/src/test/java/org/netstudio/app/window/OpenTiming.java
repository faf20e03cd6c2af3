package org.netstudio.app.window;

import java.nio.file.Files;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.canvas.NetCanvas;

/**
 * How long opening a gallery net takes in the real window (under Xvfb): the time the UI thread is
 * busy in the open call, and the time until the net is laid out and drawn. Not a test:
 * {@code OpenTiming [ID] [RUNS]}; each run opens a new tab. The first run includes reading the file.
 */
public final class OpenTiming {

    private OpenTiming() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length > 0 ? args[0] : "resnet50";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.setProperty("netstudio.data.dir", Files.createTempDirectory("netstudio-timing").toString());
        Platform.startup(() -> {
            MainWindow window = new MainWindow();
            window.show(new Stage());
            Gallery.standard().entries();
            run(window, id, runs, 0);
        });
    }

    private static void run(MainWindow window, String id, int runs, int i) {
        if (i == runs) {
            window.workspace().exitCleanly();
            Platform.exit();
            return;
        }
        long start = System.nanoTime();
        NetCanvas canvas = window.workspace().openGallery(id);
        long call = System.nanoTime();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!canvas.getModel().layoutPendingProperty().get() && canvas.getModel().getLevel().allPlaced()
                        && canvas.getWidth() > 0) {
                    stop();
                    long drawn = System.nanoTime();
                    System.err.printf("run %d: UI thread in open %.1f ms, laid out and drawn after %.1f ms (%d nodes at the top level)%n",
                            i + 1, (call - start) / 1e6, (drawn - start) / 1e6, canvas.getModel().getLevel().nodes().size());
                    Platform.runLater(() -> run(window, id, runs, i + 1));
                }
            }
        }.start();
    }
}
