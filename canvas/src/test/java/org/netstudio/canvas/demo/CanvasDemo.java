package org.netstudio.canvas.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.netstudio.canvas.Breadcrumb;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.CanvasTheme;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.canvas.diagnostics.ProblemsList;
import org.netstudio.canvas.palette.Palette;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Shows LeNet-5 in the canvas with palette, breadcrumb and problems, for looking at it (under Xvfb
 * for screenshots). Arguments: {@code light|dark} and optionally a file to touch once shown.
 */
public final class CanvasDemo {

    public static NetDocument lenet() {
        Chain lenet = Chain.of(PortDecl.of(TensorType.real(1, 28, 28)),
                Layer.of("Convolution", "channels", 20, "kernel", 5), Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2),
                Layer.of("Convolution", "channels", 50, "kernel", 5), Layer.of("Tanh"),
                Layer.of("Pooling", "function", "mean", "kernel", 2), Layer.of("Flatten"),
                Layer.of("Linear", "units", 500), Layer.of("Tanh"), Layer.of("Linear", "units", 10),
                Layer.of("Softmax"));
        return new NetDocument("LeNet-5", lenet, null);
    }

    /** The demo application (a separate class so that a plain classpath launch works). */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        var args = getParameters().getRaw();
        CanvasTheme theme = !args.isEmpty() && args.get(0).equals("dark") ? CanvasTheme.DARK : CanvasTheme.LIGHT;
        CanvasModel model = new CanvasModel(lenet());
        NetCanvas canvas = new NetCanvas(model);
        Palette palette = new Palette();
        palette.setPrefWidth(240);
        ProblemsList problems = new ProblemsList(model);
        problems.setPrefHeight(120);
        BorderPane root = new BorderPane(canvas);
        root.setTop(new Breadcrumb(model));
        root.setLeft(palette);
        root.setBottom(problems);
        Scene scene = new Scene(root, 1600, 1000);
        theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("NetStudio canvas — LeNet-5");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        if (args.size() > 2 && args.get(2).equals("problems")) {
            // show how problems and selection look: a layer removed leaves an input unwired
            javafx.application.Platform.runLater(() -> {
                model.getSelection().add("tanh2");
                model.deleteSelection();
                model.getSelection().add("pooling1");
            });
        }
        if (args.size() > 1) {
            Path marker = Path.of(args.get(1));
            javafx.animation.PauseTransition p = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
            p.setOnFinished(e -> {
                try {
                    Files.writeString(marker, "shown");
                } catch (java.io.IOException ex) {
                    Platform.exit();
                }
            });
            p.play();
        }
    }

    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}
