package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.run.GradientOf;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.Probe;
import org.netstudio.engine.run.ValueStatistics;
import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Npy;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netstudio activations NET INPUT --port NAME…}: runs a trained net on one input and shows
 * what flows through the named ports (statistics, or the values in a file with {@code --out}),
 * and with {@code --gradient} the gradient of a class score at each of them.
 */
@Command(name = "activations", mixinStandardHelpOptions = true, modelTransformer = PredictCommand.NegativeNumbers.class,
        description = {"Show what flows through a trained net's inner ports for one input, and with --gradient the"
                + " gradient of a class score there: statistics per port, or the values in a file.",
            "INPUT is what predict takes: an image file, a text (for a net that reads text), or comma-separated"
                + " numbers. Ports are named as the canvas shows them: a layer or container (conv1, layer1/attention,"
                + " block2/Output), a net input (Input), or an array (conv1/weights). Per port it prints the shape,"
                + " mean, standard deviation, minimum, maximum, share of zeros and count of non-finite values; --out"
                + " writes the values instead (.npy for one port, .safetensors for several). The gradient is of a"
                + " class's score before a closing Softmax.",
            "Exit code 0: shown; 1: an invalid net; 2: a net, input or port name that cannot be used."})
public final class ActivationsCommand extends TrainedNetCommand {

    /** The suffix of a gradient's key in a safetensors file written with {@code --gradient}. */
    static final String GRADIENT_SUFFIX = ".gradient";

    @Parameters(index = "1", paramLabel = "INPUT",
            description = "An image file, a text (for a net that reads text), or numbers such as 0.5,-1.2.")
    private String input;

    @Option(names = "--port", required = true, arity = "1..*", split = ",", paramLabel = "NAME",
            description = "The ports to show: a node's path (conv1, layer1/attention), a container's output"
                    + " (block2/Output), a net input (Input) or an array (conv1/weights).")
    private List<String> ports;

    @Option(names = "--gradient", description = "Also show the gradient of a score at each port.")
    private boolean gradient;

    @Option(names = "--of", paramLabel = "OUTPUT[:CLASS]",
            description = "The score whose gradient --gradient shows: an output's class, by index or label (default:"
                    + " the first output and the class the net predicts; the sum of all values for an output that is"
                    + " not a class vector).")
    private String of;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the values (or, with --gradient, the gradients) to FILE: .npy for one port,"
                    + " .safetensors for any number (with --gradient, values under the port's name and gradients under"
                    + " NAME" + GRADIENT_SUFFIX + ").")
    private Path out;

    @Override
    public Integer call() {
        if (of != null && !gradient) {
            throw usage("--of chooses the score of --gradient; add --gradient");
        }
        boolean npy = out != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (out != null && !npy && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw usage("--out " + out + ": the file must end in .npy (one port) or .safetensors (several)");
        }
        if (npy && ports.size() != 1) {
            throw usage("--out " + out + ": a .npy file holds one array, but " + ports.size()
                    + " ports were named; write them to a .safetensors file");
        }
        LoadedNet loaded = net.load();
        Weights weights = net.trainedWeights(loaded);
        NetNode model = loaded.document().net();
        NetFit fit = NetFit.of(model);
        fit.requireOneInput(net.value(), "activations");
        weightsGate.check(net.value(), model, weights);
        Probe probe;
        Score score;
        try (NetRunner runner = NetRunner.load(model, weights)) {
            TensorValue x = example(model, fit, runner);
            score = gradient ? score(runner, x) : null;
            try {
                probe = runner.probe(List.of(x), ports, score == null ? null : score.of());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (out != null) {
            write(probe, npy);
        }
        json.print(out(), () -> toJson(probe, score), printer -> print(printer, probe, score));
        return ExitCodes.OK;
    }

    /** The input as the net reads it, as a batch of one. */
    private TensorValue example(NetNode model, NetFit fit, NetRunner runner) {
        try {
            TextEncoder text = NetInputs.textCoder(TextDatasets.textInput(model)
                    .map(port -> PortDecls.inputs(model).get(port)).orElse(null), net.folder());
            if (text != null) {
                int[] indices = NetInputs.encode(text, input);
                float[] values = new float[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    values[i] = indices[i];
                }
                return TensorValue.of(values, 1, values.length);
            }
            ImageEncoder encoder = NetImages.encoder(model, fit.input()).orElse(null);
            return runner.example(0, NetInputs.values(input, fit.input(), encoder));
        } catch (IOException e) {
            throw CommandFailure.unreadable(input + ": " + e.getMessage());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw CommandFailure.unreadable(e.getMessage());
        }
    }

    /** The score {@code --of} names, a class given by its label resolved, the predicted class by default. */
    private Score score(NetRunner runner, TensorValue x) {
        String output = runner.outputNames().get(0);
        String chosen = null;
        if (of != null) {
            int colon = of.lastIndexOf(':');
            String name = colon < 0 ? of : of.substring(0, colon);
            chosen = colon < 0 ? null : of.substring(colon + 1);
            if (!name.isEmpty()) {
                output = name;
            }
        }
        int index = runner.outputNames().indexOf(output);
        if (index < 0) {
            throw usage("--of " + of + ": the net has no output '" + output + "'; it has "
                    + String.join(", ", runner.outputNames()));
        }
        List<String> labels = runner.outputLabels(index);
        Integer component;
        if (chosen != null) {
            component = labels.indexOf(chosen);
            if (component < 0) {
                try {
                    component = Integer.parseInt(chosen);
                } catch (NumberFormatException e) {
                    throw usage("--of " + of + ": '" + chosen + "' is neither a class index nor one of the labels "
                            + (labels.isEmpty() ? "(the output has none)" : String.join(", ", labels)));
                }
            }
        } else if (!labels.isEmpty() || runner.outputIsProbabilities(index)) {
            float[] scores = runner.run(List.of(x)).get(index).values();
            component = ArgMax.of(scores, 0, scores.length);
        } else {
            component = null;
        }
        String label = component != null && component >= 0 && component < labels.size() ? labels.get(component) : null;
        return new Score(new GradientOf.Score(output, component), label, runner.outputIsProbabilities(index));
    }

    /** A score with the label of its class (or null) and whether it is taken before a Softmax. */
    private record Score(GradientOf.Score of, String label, boolean beforeSoftmax) {
        String describe() {
            String what = of.component() == null ? "the sum of output '" + of.output() + "'"
                    : "the score of class " + of.component() + (label == null || label.equals(of.component().toString())
                    ? "" : " (" + label + ")") + " of output '" + of.output() + "'";
            return what + (beforeSoftmax ? ", before its Softmax" : "");
        }
    }

    private void write(Probe probe, boolean npy) {
        List<WeightArray> arrays = new ArrayList<>();
        for (String name : probe.names()) {
            if (!gradient || !npy) {
                arrays.add(array(name, probe.values().get(name)));
            }
            TensorValue g = probe.gradients().get(name);
            if (gradient && g != null) {
                arrays.add(array(npy ? name : name + GRADIENT_SUFFIX, g));
            }
        }
        try {
            if (npy) {
                if (arrays.isEmpty()) {
                    throw CommandFailure.invalid("--out " + out + ": '" + ports.get(0) + "' has no gradient: "
                            + probe.noGradient().get(ports.get(0)));
                }
                Npy.write(arrays.get(0), out);
            } else {
                Safetensors.write(Weights.of(arrays, Map.of()), out);
            }
        } catch (IOException e) {
            throw CommandFailure.unreadable(out + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    private static WeightArray array(String name, TensorValue t) {
        return WeightArray.of(name, t.shape(), t.values());
    }

    private void print(PrintWriter printer, Probe probe, Score score) {
        int width = "port".length();
        for (String name : probe.names()) {
            width = Math.max(width, name.length());
        }
        String header = String.format(Locale.ROOT, "%-" + width + "s  %-14s %11s %11s %11s %11s %7s %10s", "port", "shape",
                "mean", "std", "min", "max", "zeros", "non-finite");
        printer.println(header);
        for (String name : probe.names()) {
            printer.println(row(width, name, probe.values().get(name)));
        }
        if (score != null) {
            printer.println();
            printer.println(String.format(Locale.ROOT, "gradient of %s (score %.6g):", score.describe(), probe.objective()));
            printer.println(header);
            for (String name : probe.names()) {
                TensorValue g = probe.gradients().get(name);
                printer.println(g != null ? row(width, name, g)
                        : String.format(Locale.ROOT, "%-" + width + "s  %s", name, probe.noGradient().get(name)));
            }
        }
        if (out != null) {
            printer.println("written to " + out);
        }
        printer.flush();
    }

    private static String row(int width, String name, TensorValue t) {
        ValueStatistics s = ValueStatistics.of(t);
        return String.format(Locale.ROOT, "%-" + width + "s  %-14s %11.4g %11.4g %11.4g %11.4g %6.1f%% %10d", name,
                shape(t.shape()), s.mean(), s.std(), s.min(), s.max(), 100 * s.zeros(), s.nonFinite());
    }

    private static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder();
        for (long d : shape) {
            sb.append(sb.length() == 0 ? "" : "×").append(d);
        }
        return sb.toString();
    }

    private ObjectNode toJson(Probe probe, Score score) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("input", input);
        if (score != null) {
            ObjectNode g = o.putObject("gradientOf");
            g.put("output", score.of().output());
            if (score.of().component() != null) {
                g.put("class", score.of().component());
            }
            if (score.label() != null) {
                g.put("label", score.label());
            }
            g.put("beforeSoftmax", score.beforeSoftmax());
            g.put("score", probe.objective());
        }
        ArrayNode list = o.putArray("ports");
        for (String name : probe.names()) {
            ObjectNode p = list.addObject();
            p.put("name", name);
            TensorValue v = probe.values().get(name);
            ArrayNode shape = p.putArray("shape");
            for (long d : v.shape()) {
                shape.add(d);
            }
            p.set("value", statistics(v));
            if (score != null) {
                TensorValue g = probe.gradients().get(name);
                if (g != null) {
                    p.set("gradient", statistics(g));
                } else {
                    p.put("noGradient", probe.noGradient().get(name));
                }
            }
        }
        if (out != null) {
            o.put("out", out.toString());
        }
        return o;
    }

    private static ObjectNode statistics(TensorValue t) {
        ValueStatistics s = ValueStatistics.of(t);
        ObjectNode n = JsonOutput.NODES.objectNode();
        JsonOutput.putNumber(n, "mean", s.mean());
        JsonOutput.putNumber(n, "std", s.std());
        JsonOutput.putNumber(n, "min", s.min());
        JsonOutput.putNumber(n, "max", s.max());
        n.put("zeros", s.zeros());
        n.put("nonFinite", s.nonFinite());
        return n;
    }
}
