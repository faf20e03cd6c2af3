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
import org.netstudio.inspector.InspectorModel;
import org.netstudio.inspector.InspectorPanel;
import org.netstudio.inspector.InspectorTheme;
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
        HBox.setHgrow(panel, Priority.ALWAYS);
        return panel;
    }

    /** The demo application (a separate class so that a plain classpath launch works). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getRaw();
            NetDocument lenet = TestNets.lenet();

            InspectorPanel net = panel(lenet);

            InspectorPanel linear = panel(lenet, NodePath.of("linear1"));
            linear.getModel().setWeights(weights(lenet));
            var units = linear.getModel().parameters().field("units").orElseThrow();
            units.setText("-3");
            units.commit();

            Chain tooBig = Chain.of(PortDecls.shape(1, 28, 28),
                    Layer.of("Convolution", "channels", 16, "kernel", 31, "padding", 1), Layer.of("Ramp"),
                    Layer.of("Flatten"), Layer.of("Linear", "units", 10));
            InspectorPanel conv = panel(new NetDocument("Too big", tooBig, null), NodePath.of("convolution1"));

            NetDocument small = TestNets.graphWithBlock();
            InspectorPanel block = panel(small, NodePath.of("block"));
            InspectorPanel several = panel(small, NodePath.of("conv"), NodePath.of("logits"));

            HBox root = new HBox(net, new Separator(javafx.geometry.Orientation.VERTICAL), linear,
                    new Separator(javafx.geometry.Orientation.VERTICAL), conv,
                    new Separator(javafx.geometry.Orientation.VERTICAL), block,
                    new Separator(javafx.geometry.Orientation.VERTICAL), several);
            Scene scene = new Scene(root, 1600, 1000);
            InspectorTheme.named(args.isEmpty() ? "light" : args.get(0)).apply(scene);
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
