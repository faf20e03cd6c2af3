package org.netstudio.app.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.netstudio.assets.Theme;
import org.netstudio.canvas.export.PngExport;

/**
 * Opens the real window (under Xvfb) and writes a picture of it, for looking at the window:
 * {@code ScreenshotTool OUT.png light|dark start|GALLERY_ID|MODEL.onnx|NET.json|NET.nsnet [SELECT_NODE]}
 * ({@code -Dshot.trainer=true} opens the trainer panel, {@code -Dshot.data=NAME|FILE} chooses its
 * data; {@code -Dshot.previews=N} shows previews of random input N, {@code data:N} of example N of
 * that data; {@code -Dshot.train=true} presses Train once the data is loaded; {@code -Dshot.level=PATH}
 * shows the inside of a container of a net file; {@code -Dshot.tab=ID} shows the trainer's tab {@code tab-ID};
 * {@code -Dshot.sweep=TRIALS} runs a sweep of that many trials in the trainer's Sweep tab (the learning rate on a
 * log scale and {@code -Dshot.vary=NAME=VALUES} besides, 5 epochs each) once the data is loaded;
 * {@code -Dshot.target=torchrun} trains with PyTorch under torchrun ({@code -Dshot.processes=N}, 2 by default);
 * {@code -Dshot.epochs=N} sets the epochs; {@code -Dshot.show=ID} scrolls the node of that id into view (a trainer setting, a gallery card)
 * and {@code -Dshot.maximised=true} maximises the trainer panel, just before the picture; {@code -Dshot.wait=SECONDS} is the time before the
 * picture (4, or 6 with previews); {@code -Dshot.tryit=true} opens Try It on the net in front, presses its
 * Embed and writes it to OUT-tryit.png too; for a model, {@code -Dshot.report=true}
 * also writes its import report window to OUT-report.png). Not a test.
 */
public final class ScreenshotTool {

    private ScreenshotTool() {
    }

    /** What the screenshot tools are given: {@code OUT.png light|dark SUBJECT [EXTRA]}. */
    public record Arguments(Path out, Theme theme, String subject, String extra) {

        public static Arguments of(String[] args) {
            return new Arguments(Path.of(args[0]), Theme.named(args[1]), args[2], args.length > 3 ? args[3] : null);
        }

        /** Whether the subject is a model or net file, not "start" or a gallery id. */
        boolean namesAFile() {
            return subject.endsWith(".onnx") || subject.endsWith(".json") || subject.endsWith(".nsnet");
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments given = Arguments.of(args);
        Path out = given.out();
        showWindow(given.theme(), (window, stage) -> {
            // Keep Xvfb's pointer (at the screen's centre) off the window, so nothing shows a hover.
            stage.setX(900);
            if (Boolean.getBoolean("shot.trainer")) {
                window.trainerPanel().setExpanded(true);
            }
            if (given.namesAFile()) {
                var canvas = window.workspace().open(Path.of(given.subject()));
                String level = System.getProperty("shot.level");
                if (level != null) {
                    // Just before the picture (after training, with shot.train): the inside of a container.
                    PauseTransition later = new PauseTransition(Duration.seconds(shotWait(4) - 1));
                    later.setOnFinished(e -> canvas.ifPresent(c -> c.getModel().setCurrentPath(
                            org.netstudio.netgraph.net.NodePath.parse(level))));
                    later.play();
                }
            } else if (!given.subject().equals("start")) {
                var canvas = window.workspace().openGallery(given.subject());
                if (given.extra() != null) {
                    PauseTransition later = new PauseTransition(Duration.seconds(2));
                    later.setOnFinished(e -> canvas.getModel().select(given.extra(), false));
                    later.play();
                }
            }
            if ("torchrun".equals(System.getProperty("shot.target"))) {
                // After the net is in front: its trainer trains with PyTorch under torchrun (the Python it finds).
                PauseTransition target = new PauseTransition(Duration.seconds(0.5));
                target.setOnFinished(e -> {
                    var form = window.workspace().trainer().target();
                    form.targetProperty().set(org.netstudio.trainer.launch.TrainingTarget.TORCHRUN);
                    form.processes().textProperty().set(System.getProperty("shot.processes", "2"));
                });
                target.play();
            }
            String epochs = System.getProperty("shot.epochs");
            if (epochs != null) {
                PauseTransition set = new PauseTransition(Duration.seconds(0.5));
                set.setOnFinished(e -> window.workspace().trainer().options().epochs().textProperty().set(epochs));
                set.play();
            }
            String shotData = System.getProperty("shot.data");
            if (shotData != null) {
                // After the net is in front: the data its trainer panel shows (a built-in name, or a file).
                PauseTransition choose = new PauseTransition(Duration.seconds(1));
                choose.setOnFinished(e -> window.workspace().trainer().choiceProperty().set(
                        org.netstudio.engine.data.DatasetSource.named(shotData)
                                .map(org.netstudio.engine.data.DataChoice::of)
                                .orElseGet(() -> org.netstudio.engine.data.DataChoice.parse(shotData, null))));
                choose.play();
                if (Boolean.getBoolean("shot.train") || Boolean.getBoolean("shot.find")) {
                    // Train as soon as the data is loaded.
                    PauseTransition train = new PauseTransition(Duration.seconds(1.5));
                    train.setOnFinished(e -> {
                        var trainer = window.workspace().trainer();
                        Runnable go = Boolean.getBoolean("shot.find") ? trainer::findLearningRate : trainer::train;
                        if (trainer.canTrainBinding().get()) {
                            go.run();
                        } else {
                            trainer.canTrainBinding().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
                                @Override
                                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o,
                                                    Boolean was, Boolean now) {
                                    if (now) {
                                        o.removeListener(this);
                                        go.run();
                                    }
                                }
                            });
                        }
                    });
                    train.play();
                }
            }
            String sweepTrials = System.getProperty("shot.sweep");
            if (sweepTrials != null) {
                PauseTransition sweep = new PauseTransition(Duration.seconds(2.5));
                sweep.setOnFinished(e -> startSweep(window, Integer.parseInt(sweepTrials), System.getProperty("shot.vary")));
                sweep.play();
            }
            String previews = System.getProperty("shot.previews");
            if (previews != null) {
                // Previews on, of random input N ("3") or of example N of the trainer panel's data ("data:3").
                PauseTransition on = new PauseTransition(Duration.seconds(1.5));
                on.setOnFinished(e -> {
                    window.menu().showPreviews().setSelected(true);
                    var p = window.workspace().previews().of(window.workspace().activeTab().orElseThrow());
                    if (previews.startsWith("data:")) {
                        p.sourceProperty().set(org.netstudio.app.window.preview.PreviewSource.DATA);
                        p.exampleProperty().set(Integer.parseInt(previews.substring(5)));
                    } else {
                        p.exampleProperty().set(Integer.parseInt(previews));
                    }
                });
                on.play();
            }
            PauseTransition wait = new PauseTransition(Duration.seconds(shotWait(previews != null ? 6 : 4)));
            wait.setOnFinished(e -> {
                String tab = System.getProperty("shot.tab");
                if (tab != null) {
                    // The trainer panel's tab to show (-Dshot.tab=layers selects "tab-layers").
                    for (javafx.scene.Node n : window.scene().getRoot().lookupAll(".tab-pane")) {
                        var pane = (javafx.scene.control.TabPane) n;
                        pane.getTabs().stream().filter(t -> ("tab-" + tab).equals(t.getId())).findFirst()
                                .ifPresent(t -> pane.getSelectionModel().select(t));
                    }
                }
                String show = System.getProperty("shot.show");
                if (show != null) {
                    // A node of the trainer's settings column to scroll into view (-Dshot.show=training-target).
                    javafx.scene.Node node = byId(window.scene().getRoot(), show);
                    if (node != null) {
                        ScrollIntoView.of(node);
                    }
                }
                if (Boolean.getBoolean("shot.maximised")) {
                    window.trainerMaximisedProperty().set(true);
                }
                PauseTransition shot = new PauseTransition(Duration.seconds(1));
                shot.setOnFinished(x -> {
                    try {
                        PngExport.write(window.scene().snapshot(null), out);
                        if (Boolean.getBoolean("shot.report")) {
                            writeReport(out);
                        }
                        if (Boolean.getBoolean("shot.tryit")) {
                            PngExport.write(window.workspace().tryItWindow().stage().getScene().snapshot(null),
                                    out.resolveSibling(out.getFileName().toString().replaceFirst("\\.png$", "") + "-tryit.png"));
                        }
                    } catch (Exception ex) {
                        ex.printStackTrace();
                    }
                    window.workspace().exitCleanly();
                    Platform.exit();
                });
                shot.play();
            });
            if (Boolean.getBoolean("shot.tryit")) {
                // Try It on the net in front, its Embed (or Run) pressed once it shows.
                PauseTransition tryIt = new PauseTransition(Duration.seconds(2));
                tryIt.setOnFinished(e -> {
                    window.workspace().showTryIt();
                    PauseTransition press = new PauseTransition(Duration.seconds(1));
                    press.setOnFinished(x -> {
                        var embed = window.workspace().tryItWindow().stage().getScene().lookup("#tryItEmbed");
                        if (embed instanceof javafx.scene.control.Button b) {
                            b.fire();
                        }
                    });
                    press.play();
                });
                tryIt.play();
            }
            if (Boolean.getBoolean("shot.report")) {
                PauseTransition report = new PauseTransition(Duration.seconds(3));
                report.setOnFinished(e -> {
                    var button = window.scene().lookup("#importReportButton");
                    if (button != null) {
                        button.fireEvent(new javafx.event.ActionEvent());
                    }
                });
                report.play();
            }
            wait.play();
        });
    }

    /** The node with this id (ids such as "gallery-bge-small-en-v1.5" are no CSS selector). */
    private static javafx.scene.Node byId(javafx.scene.Parent root, String id) {
        if (id.equals(root.getId())) {
            return root;
        }
        for (javafx.scene.Node child : root.getChildrenUnmodifiable()) {
            javafx.scene.Node found = id.equals(child.getId()) ? child
                    : child instanceof javafx.scene.Parent p ? byId(p, id) : null;
            if (found != null) {
                return found;
            }
        }
        if (root instanceof javafx.scene.control.ScrollPane sp && sp.getContent() instanceof javafx.scene.Parent c) {
            return byId(c, id);
        }
        return null;
    }

    /** Seconds from opening to the picture: {@code -Dshot.wait}, else {@code otherwise}. */
    private static double shotWait(double otherwise) {
        String wait = System.getProperty("shot.wait");
        return wait == null ? otherwise : Double.parseDouble(wait);
    }

    /**
     * Starts JavaFX with a fresh data folder (no recent files, no autosaves from elsewhere), shows the
     * main window in {@code theme}, and hands it and its stage to {@code shown} on the FX thread.
     */
    public static void showWindow(Theme theme, BiConsumer<MainWindow, Stage> shown) throws IOException {
        Path data = Files.createTempDirectory("netstudio-shot");
        System.setProperty("netstudio.data.dir", data.toString());
        Platform.startup(() -> {
            MainWindow window = new MainWindow();
            window.setTheme(theme);
            Stage stage = new Stage();
            window.show(stage);
            shown.accept(window, stage);
        });
    }

    private static void writeReport(Path out) throws IOException {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof org.netstudio.app.window.importing.ImportReportWindow r) {
                String name = out.getFileName().toString().replaceFirst("\\.png$", "");
                PngExport.write(r.getScene().snapshot(null), out.resolveSibling(name + "-report.png"));
            }
        }
    }

    /** Presses the trainer's Sweep… and runs a sweep as a person would set it up in the Sweep tab. */
    @SuppressWarnings("unchecked")
    private static void startSweep(MainWindow window, int trials, String vary) {
        var trainer = window.workspace().trainer();
        if (!trainer.canTrainBinding().get()) {
            // The data is still loading: once it can train, it can sweep.
            trainer.canTrainBinding().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (now) {
                        o.removeListener(this);
                        startSweep(window, trials, vary);
                    }
                }
            });
            return;
        }
        window.trainerMaximisedProperty().set(true);
        trainer.options().epochs().textProperty().set("5");
        javafx.scene.Parent root = window.scene().getRoot();
        ((javafx.scene.control.Button) root.lookup("#sweep")).fire();
        if (vary != null) {
            ((javafx.scene.control.Button) root.lookup("#sweep-add")).fire();
            int eq = vary.indexOf('=');
            ((javafx.scene.control.ComboBox<String>) root.lookup("#sweep-name-1")).getEditor().setText(vary.substring(0, eq));
            ((javafx.scene.control.TextField) root.lookup("#sweep-values-1")).setText(vary.substring(eq + 1));
        }
        ((javafx.scene.control.Spinner<Integer>) root.lookup("#sweep-trials")).getValueFactory().setValue(trials);
        ((javafx.scene.control.Button) root.lookup("#sweep-start")).fire();
    }
}