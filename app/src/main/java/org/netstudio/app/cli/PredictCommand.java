package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.data.Targets;
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
import picocli.CommandLine.Mixin;
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
public final class PredictCommand extends Subcommand {

    @Mixin
    private NetArgument.TrainedNet net;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "An image file, a text (for a net that reads text), or numbers such as 0.5,-1.2.")
    private List<String> inputs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "How many classes to show (default ${DEFAULT-VALUE}).")
    private int top;

    @Mixin
    private JsonOption json;

    @Mixin
    private WeightsGate weightsGate;

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
        if (!fit.problems().isEmpty() || fit.inputs() != 1) {
            throw CommandFailure.invalid(net.value() + (fit.problems().isEmpty() ? " takes " + fit.inputs()
                    + " inputs; predict runs nets with one" : " is not a valid net: " + fit.problems().get(0)));
        }
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
            boolean classes = textOut == null && (!labels.isEmpty() || runner.outputIsProbabilities(0));
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
                List<ClassProbability> top3 = classes ? new ClassEncoder(labels.isEmpty() ? Targets.Classes.numberedNames(out.length) : labels)
                        .topK(out, Math.min(top, out.length)) : List.of();
                String decoded = textOut == null || output.rank() != 2 ? null
                        : textOut.decodeScores(out, (int) output.shape()[0]);
                predictions.add(new Prediction(input, out, top3, decoded));
            }
        }
        PrintWriter out = out();
        if (json.on()) {
            JsonOutput.print(out, toJson(predictions));
        } else {
            for (Prediction p : predictions) {
                out.println(p.input() + ": " + p.text());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private record Prediction(String input, float[] output, List<ClassProbability> classes, String decoded) {
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
            ArrayNode values = n.putArray("output");
            for (float v : p.output()) {
                values.add(v);
            }
        }
        return o;
    }

}
