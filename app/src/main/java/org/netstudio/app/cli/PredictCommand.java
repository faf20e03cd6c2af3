package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.app.run.Attributions;
import org.netstudio.app.run.HeatOverlay;
import org.netstudio.app.run.ImageClassifier;
import org.netstudio.app.run.NetClassifier;
import org.netstudio.app.run.ImageGuess;
import org.netstudio.app.run.SeenImage;
import org.netstudio.app.run.TextAttribution;
import org.netstudio.app.run.TextClassifier;
import org.netstudio.app.run.TryableInput;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netstudio predict NET.nsnet INPUT...}: runs a trained net on images (by file path) or on
 * comma-separated numbers and prints the decoded outputs: the most probable classes with their
 * probabilities for a classifier, else the output values.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, modelTransformer = PredictCommand.NegativeNumbers.class,
        description = {"Run a trained net on inputs: image files (PNG, JPEG, …, resized through the net's Image"
                + " encoder), texts for a net that reads text (a Characters, Tokens or Subwords encoder), or"
                + " comma-separated numbers. A classifier prints its most probable classes; a net with a Characters"
                + " or Tokens decoder prints its prediction for each element.",
            "Exit code 0: predicted; 2: a net or an input that cannot be read."})
public final class PredictCommand extends TrainedNetCommand {

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "An image file, a text (for a net that reads text), or numbers such as 0.5,-1.2.")
    private List<String> inputs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "How many classes to show (default ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--explain", description = {"For a classifier, also say where it found its most probable class, as"
            + " Try It shows it: for a text, the word pieces or characters it leaned on most (saliency, the largest 1);"
            + " for an image, the saliency and Grad-CAM maps laid over the image as the net sees it, written beside"
            + " it (shirt.png: shirt.saliency.png, shirt.gradcam.png)."})
    private boolean explain;

    /** Lets inputs such as {@code -0.5,1.2} through as inputs rather than unknown options. */
    static final class NegativeNumbers implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            commandSpec.parser().unmatchedOptionsArePositionalParams(true);
            return commandSpec;
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = err();
        if (top < 1) {
            throw usage("--top must be at least 1, but was " + top);
        }
        LoadedNet loaded = net.load();
        Weights weights = net.trainedWeights(loaded);
        NetFit fit = NetFit.of(loaded.document().net());
        fit.requireOneInput(net.value(), "predict");
        weightsGate.check(net.value(), loaded.document().net(), weights);
        NetNode model = loaded.document().net();
        TextEncoder text;
        TextEncoder textOut;
        try {
            text = NetInputs.textCoder(TextDatasets.textInput(model).map(port -> PortDecls.inputs(model).get(port)).orElse(null),
                    net.folder());
            textOut = NetInputs.textCoder(PortDecls.outputs(model).values().stream().findFirst().orElse(null),
                    net.folder());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw CommandFailure.invalid(net.value() + ": " + e.getMessage());
        }
        ImageEncoder encoder = text != null ? null : NetImages.encoder(model, fit.input()).orElse(null);
        List<Prediction> predictions = new ArrayList<>();
        try (NetRunner runner = NetRunner.load(model, weights)) {
            List<String> labels = runner.outputLabels(0);
            boolean probabilities = runner.outputIsProbabilities(0);
            boolean classes = textOut == null && (!labels.isEmpty() || probabilities);
            if (explain && !classes) {
                throw usage("--explain tells where a classifier found its class, and " + net.value() + " is not one (its"
                        + " output is neither probabilities nor labelled classes)");
            }
            for (String input : inputs) {
                TensorValue output;
                try {
                    if (text != null) {
                        output = runner.predictSequences(List.of(NetInputs.encode(text, input))).get(0).get(0);
                    } else {
                        output = runner.predict(NetInputs.values(input, fit.input(), encoder)).get(0);
                    }
                } catch (IOException e) {
                    throw CommandFailure.unreadable(input + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw CommandFailure.unreadable(e.getMessage());
                }
                float[] out = output.values();
                // Scores of a net without a closing Softmax become probabilities, as in Try It.
                List<ClassProbability> top3 = classes ? new ClassEncoder(NetClassifier.classNames(labels, out.length))
                        .topK(probabilities ? out : NetClassifier.softmax(out), Math.min(top, out.length)) : List.of();
                String decoded = textOut == null || output.rank() != 2 ? null
                        : textOut.decodeScores(out, (int) output.shape()[0]);
                predictions.add(new Prediction(input, out, top3, decoded, null));
            }
        }
        if (explain) {
            predictions = explained(predictions, model, weights, text != null, encoder);
        }
        PrintWriter out = out();
        if (json.on()) {
            JsonOutput.print(out, toJson(predictions));
        } else {
            for (Prediction p : predictions) {
                out.println(p.input() + ": " + p.text());
                if (p.explanation() != null) {
                    out.println("  " + p.explanation().text());
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * The predictions with where each classifier found its most probable class, computed by the
     * classifiers Try It uses (a second load of the net: only when asked).
     */
    private List<Prediction> explained(List<Prediction> predictions, NetNode model, Weights weights, boolean text,
                                       ImageEncoder encoder) {
        List<Prediction> out = new ArrayList<>();
        if (text) {
            try (TextClassifier c = TextClassifier.load(model, weights, net.folder())) {
                for (Prediction p : predictions) {
                    out.add(p.with(c.explain(p.input(), p.classes().get(0).index()).map(Explanation::of)
                            .orElse(Explanation.NONE)));
                }
            }
            return out;
        }
        if (encoder == null) {
            throw usage("--explain works for nets that read text or images, and " + net.value() + " reads numbers");
        }
        try (ImageClassifier c = ImageClassifier.load(model, weights, new TryableInput.Image(encoder))) {
            for (Prediction p : predictions) {
                java.awt.image.BufferedImage image;
                try {
                    Path file = Path.of(p.input());
                    image = java.nio.file.Files.isRegularFile(file) ? javax.imageio.ImageIO.read(file.toFile()) : null;
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    image = null;
                }
                if (image == null) {
                    // Numbers typed for an image net: there is no picture to lay the maps over.
                    out.add(p.with(new Explanation("(no explanation: only an image file is explained)",
                            JsonOutput.NODES.objectNode())));
                    continue;
                }
                ImageGuess guess = c.classify(image, 1);
                out.add(p.with(guess.attributions() == null ? Explanation.NONE
                        : Explanation.of(p.input(), guess.seen(), guess.attributions())));
            }
        }
        return out;
    }

    /** Where a classifier found its class, in words for the terminal and as fields for --json. */
    private record Explanation(String text, ObjectNode json) {

        static final Explanation NONE = new Explanation("(no explanation: the gradient does not reach the input)",
                JsonOutput.NODES.objectNode());

        /** The units with the most weight, largest first (at most eight). */
        static Explanation of(TextAttribution a) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < a.units().size(); i++) {
                order.add(i);
            }
            order.sort((x, y) -> Float.compare(a.weights()[y], a.weights()[x]));
            StringBuilder sb = new StringBuilder("leaned on:");
            for (int k = 0; k < Math.min(8, order.size()); k++) {
                int i = order.get(k);
                sb.append(k == 0 ? " " : ", ").append('"').append(a.units().get(i)).append('"')
                        .append(String.format(Locale.ROOT, " %.2f", a.weights()[i]));
            }
            ObjectNode json = JsonOutput.NODES.objectNode();
            ArrayNode units = json.putArray("units");
            for (int i = 0; i < a.units().size(); i++) {
                units.addObject().put("unit", a.units().get(i)).put("weight", a.weights()[i]);
            }
            return new Explanation(sb.toString(), json);
        }

        /** Writes the maps beside the image: shirt.png gets shirt.saliency.png (and shirt.gradcam.png). */
        static Explanation of(String input, SeenImage seen, Attributions a) {
            Path image = Path.of(input).toAbsolutePath();
            String stem = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            Path saliency = image.resolveSibling(stem + ".saliency.png");
            ObjectNode json = JsonOutput.NODES.objectNode();
            StringBuilder sb = new StringBuilder("saliency: ").append(write(saliency, seen, a.saliency()));
            json.put("saliency", saliency.toString());
            if (a.gradCam() != null) {
                Path cam = image.resolveSibling(stem + ".gradcam.png");
                sb.append("; Grad-CAM at ").append(a.camLayer()).append(": ").append(write(cam, seen, a.gradCam()));
                json.put("gradCam", cam.toString()).put("camLayer", a.camLayer());
            }
            return new Explanation(sb.toString(), json);
        }

        private static String write(Path file, SeenImage seen, float[] map) {
            SeenImage over = HeatOverlay.over(seen, map);
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(over.width(), over.height(),
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, over.width(), over.height(), over.argb(), 0, over.width());
            try {
                org.netstudio.netgraph.io.AtomicFiles.write(file, out -> javax.imageio.ImageIO.write(image, "png", out));
            } catch (IOException e) {
                throw CommandFailure.unreadable(file + ": cannot be written (" + e.getMessage() + ")");
            }
            return file.toString();
        }
    }

    private record Prediction(String input, float[] output, List<ClassProbability> classes, String decoded,
                              Explanation explanation) {

        Prediction with(Explanation e) {
            return new Prediction(input, output, classes, decoded, e);
        }

        String text() {
            if (decoded != null) {
                return decoded;
            }
            if (classes.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < output.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", output[i]));
                }
                return sb.toString();
            }
            StringBuilder sb = new StringBuilder();
            for (ClassProbability c : classes) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.1f%%", c.label(), 100 * c.probability()));
            }
            return sb.toString();
        }
    }

    private static ObjectNode toJson(List<Prediction> predictions) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        ArrayNode a = o.putArray("predictions");
        for (Prediction p : predictions) {
            ObjectNode n = a.addObject();
            n.put("input", p.input());
            if (p.decoded() != null) {
                n.put("text", p.decoded());
            }
            if (!p.classes().isEmpty()) {
                n.put("label", p.classes().get(0).label());
                ArrayNode top = n.putArray("top");
                for (ClassProbability c : p.classes()) {
                    top.addObject().put("label", c.label()).put("index", c.index()).put("probability", c.probability());
                }
            }
            if (p.explanation() != null) {
                n.set("explanation", p.explanation().json());
            }
            ArrayNode values = n.putArray("output");
            for (float v : p.output()) {
                values.add(v);
            }
        }
        return o;
    }

}
