package org.netstudio.inspector.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.netstudio.assets.Theme;
import org.netstudio.inspector.InspectorModel;
import org.netstudio.inspector.InspectorPanel;
import org.netstudio.inspector.TestNets;
import org.netstudio.netgraph.edit.CommandStack;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/**
 * Five inspectors side by side, for looking at (under Xvfb for screenshots): LeNet-5 with nothing
 * selected; its first Linear with trained-looking weights and a refused value; a convolution whose
 * kernel does not fit; a container; two layers of different types. Arguments: {@code light|dark},
 * optionally a file to write once everything is shown.
 */
public final class InspectorDemo {

    private InspectorDemo() {
    }

    /** Normally distributed weights for every array of the net, as if trained (seeded). */
    public static Weights weights(NetDocument doc) {
        Random r = new Random(7);
        List<WeightArray> arrays = new ArrayList<>();
        for (LayerInfo l : ShapeInference.infer(doc.net()).layers()) {
            for (var a : l.arrays()) {
                if (a.size() < 0) {
                    continue;
                }
                long[] shape = a.shape().stream().mapToLong(d -> d.size()).toArray();
                float[] v = new float[(int) a.size()];
                double scale = a.name().equals("biases") ? 0.02 : Math.sqrt(2.0 / Math.max(1, shape[shape.length - 1]));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (r.nextGaussian() * scale + (a.name().equals("biases") ? 0.01 : 0));
                }
                arrays.add(WeightArray.of(Weights.key(l.path(), a.name()), shape, v));
            }
        }
        return Weights.of(arrays, Map.of());
    }

    static InspectorPanel panel(NetDocument doc, NodePath... selected) {
        InspectorModel model = new InspectorModel(new CommandStack(doc));
        model.select(selected);
        InspectorPanel panel = new InspectorPanel(model);
        panel.setPrefWidth(320);
        panel.setMinWidth(240);
        HBox.setHgrow(panel, Priority.ALWAYS);
        return panel;
    }

    static HBox row(InspectorPanel... panels) {
        HBox root = new HBox();
        for (InspectorPanel p : panels) {
            if (!root.getChildren().isEmpty()) {
                root.getChildren().add(new Separator(javafx.geometry.Orientation.VERTICAL));
            }
            root.getChildren().add(p);
        }
        return root;
    }

    /** LeNet-5 as a whole; a Linear with weights and a refused value; a kernel too big; a container; two layers. */
    static HBox pageOne() {
        NetDocument lenet = TestNets.lenet();
        InspectorPanel net = panel(lenet);

        InspectorPanel linear = panel(lenet, NodePath.of("linear1"));
        linear.getModel().weightsProperty().set(weights(lenet));
        var units = linear.getModel().parameters().field("units").orElseThrow();
        units.textProperty().set("-3");
        units.commit();

        Chain tooBig = Chain.of(PortDecls.shape(1, 28, 28),
                Layer.of("Convolution", "channels", 16, "kernel", 31, "padding", 1), Layer.of("Ramp"),
                Layer.of("Flatten"), Layer.of("Linear", "units", 10));
        InspectorPanel conv = panel(new NetDocument("Too big", tooBig, null), NodePath.of("convolution1"));

        NetDocument small = TestNets.graphWithBlock();
        InspectorPanel block = panel(small, NodePath.of("block"));
        InspectorPanel several = panel(small, NodePath.of("conv"), NodePath.of("logits"));
        return row(net, linear, conv, block, several);
    }

    /** A pooling (choices, a computed default), an expression, batch norm with weights, an LSTM, a broken net at 480 px. */
    static HBox pageTwo() {
        NetDocument lenet = TestNets.lenet();
        InspectorPanel pooling = panel(lenet, NodePath.of("pooling1"));

        Chain seq = Chain.of(PortDecls.indices(97, "n"), Layer.of("Embedding", "size", 32),
                Layer.of("LSTM", "units", 64, "returnSequences", false), Layer.of("Elementwise", "function", "tanh(x)*sigmoid(x)"),
                Layer.of("Dropout", "rate", 0.25), Layer.of("Linear", "units", 5), Layer.of("Softmax"));
        NetDocument text = new NetDocument("Sequence classifier", seq, null);
        InspectorPanel lstm = panel(text, NodePath.of("lstm1"));
        InspectorPanel expr = panel(text, NodePath.of("elementwise1"));

        NetDocument small = TestNets.graphWithBlock();
        InspectorPanel bn = panel(small, NodePath.of("block", "batchnorm1"));
        bn.getModel().weightsProperty().set(weights(small));

        CommandStack broken = new CommandStack(lenet);
        broken.execute(new org.netstudio.netgraph.edit.SetParameter(NodePath.of("convolution2"), "kernel", 13));
        InspectorModel m = new InspectorModel(broken);
        InspectorPanel net = new InspectorPanel(m);
        net.setPrefWidth(480);
        net.setMinWidth(480);
        HBox.setHgrow(net, Priority.ALWAYS);
        return row(pooling, lstm, expr, bn, net);
    }

    /** The demo application (a separate class so that a plain classpath launch works). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getRaw();
            HBox root = "2".equals(args.size() > 2 ? args.get(2) : "1") ? pageTwo() : pageOne();
            Scene scene = new Scene(root, 1600, 1000);
            Theme.named(args.isEmpty() ? "light" : args.get(0)).applyTo(scene.getStylesheets());
            stage.setScene(scene);
            stage.setTitle("NetStudio inspector");
            stage.setX(0);
            stage.setY(0);
            stage.show();
            if (args.size() > 1) {
                Path marker = Path.of(args.get(1));
                PauseTransition p = new PauseTransition(Duration.seconds(2));
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
