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
import org.netstudio.assets.Theme;
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
    /** A small residual net with a sub-graph, a merge and a loss: multi-input nodes and a container. */
    public static NetDocument residual() {
        org.netstudio.netgraph.net.Graph block = org.netstudio.netgraph.net.Graph.empty()
                .withInput("Input", PortDecl.UNSPECIFIED).withOutput("Output", PortDecl.UNSPECIFIED)
                .withNode("conv", Layer.of("Convolution", "channels", 16, "kernel", 3, "padding", "same"))
                .withNode("bn", Layer.of("BatchNorm")).withNode("relu", Layer.of("Ramp"))
                .withEdge(edge(null, "Input", "conv", "Input")).withEdge(edge("conv", "Output", "bn", "Input"))
                .withEdge(edge("bn", "Output", "relu", "Input")).withEdge(edge("relu", "Output", null, "Output"));
        org.netstudio.netgraph.net.Graph g = org.netstudio.netgraph.net.Graph.empty()
                .withInput("Image", PortDecl.of(TensorType.real(3, 32, 32)))
                .withInput("Label", PortDecl.of(new TensorType(org.netstudio.netgraph.tensor.ElementKind.index(10),
                        java.util.List.of())))
                .withOutput("Loss", PortDecl.UNSPECIFIED)
                .withNode("stem", Layer.of("Convolution", "channels", 16, "kernel", 3, "padding", "same"))
                .withNode("block1", block)
                .withNode("add", Layer.of("Total"))
                .withNode("pool", Layer.of("GlobalPooling"))
                .withNode("logits", Layer.of("Linear", "units", 10))
                .withNode("probs", Layer.of("Softmax"))
                .withNode("loss", Layer.of("CrossEntropyLoss"))
                .withEdge(edge(null, "Image", "stem", "Input")).withEdge(edge("stem", "Output", "block1", "Input"))
                .withEdge(edge("block1", "Output", "add", "Input1")).withEdge(edge("stem", "Output", "add", "Input2"))
                .withEdge(edge("add", "Output", "pool", "Input")).withEdge(edge("pool", "Output", "logits", "Input"))
                .withEdge(edge("logits", "Output", "probs", "Input")).withEdge(edge("probs", "Output", "loss", "Input"))
                .withEdge(edge(null, "Label", "loss", "Target")).withEdge(edge("loss", "Loss", null, "Loss"));
        return new NetDocument("ResNet block", g, null);
    }

    private static org.netstudio.netgraph.net.Edge edge(String from, String fromPort, String to, String toPort) {
        return new org.netstudio.netgraph.net.Edge(new org.netstudio.netgraph.net.PortRef(from, fromPort),
                new org.netstudio.netgraph.net.PortRef(to, toPort));
    }

    @Override
    public void start(Stage stage) {
        var args = getParameters().getRaw();
        Theme theme = Theme.named(args.isEmpty() ? "light" : args.get(0));
        boolean residual = args.size() > 2 && args.get(2).equals("residual");
        CanvasModel model = new CanvasModel(residual ? residual() : lenet());
        NetCanvas canvas = new NetCanvas(model);
        Palette palette = new Palette();
        palette.setPrefWidth(240);
        palette.setOnActivate(canvas::addNodeAtCenter);
        ProblemsList problems = new ProblemsList(model);
        problems.setPrefHeight(120);
        BorderPane root = new BorderPane(canvas);
        root.setTop(new Breadcrumb(model));
        root.setLeft(palette);
        root.setBottom(problems);
        Scene scene = new Scene(root, 1600, 1000);
        theme.applyTo(scene.getStylesheets());
        scene.getStylesheets().add(NetCanvas.STYLESHEET);
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
