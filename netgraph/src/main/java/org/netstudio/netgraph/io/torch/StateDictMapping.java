package org.netstudio.netgraph.io.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * Fills a net's arrays from a PyTorch state_dict whose module names are the net's node names, as
 * in the gallery's torchvision nets: the array {@code layer1/0/conv1/weights} is the state_dict's
 * {@code layer1.0.conv1.weight}. Array names follow torch.nn: Convolution and Linear
 * {@code weights}/{@code biases} are {@code weight}/{@code bias} (same layouts: out × in × kernel,
 * and out × in), BatchNorm's {@code gamma}/{@code beta}/{@code movingMean}/{@code movingVar} are
 * {@code weight}/{@code bias}/{@code running_mean}/{@code running_var}; {@code num_batches_tracked}
 * only counts training steps and is ignored.
 *
 * <p>All or nothing: every array of the net must be found with its exact shape and every tensor of
 * the state_dict must be used, or a {@link NetFileException} lists all the mismatches. Stateless.
 */
public final class StateDictMapping {

    private static final Map<String, String> TORCH_NAMES = Map.of("weights", "weight", "biases", "bias",
            "gamma", "weight", "beta", "bias", "movingMean", "running_mean", "movingVar", "running_var");
    private static final int LISTED = 12;

    private StateDictMapping() {
    }

    /** The state_dict key of an array of a node: "layer1.0.bn1.running_mean" for layer1/0/bn1 movingMean. */
    public static String torchName(LayerInfo layer, String arrayName) {
        String suffix = TORCH_NAMES.getOrDefault(arrayName, arrayName);
        return layer.path().isRoot() ? suffix : String.join(".", layer.path().names()) + "." + suffix;
    }

    /**
     * The net's weights taken from {@code stateDict}; {@code file} names the checkpoint in messages.
     * Throws when the net's shapes cannot be inferred or the state_dict does not match it exactly.
     */
    public static Weights weights(NetNode net, Map<String, WeightArray> stateDict, String file) throws NetFileException {
        InferenceResult inferred = ShapeInference.infer(net);
        if (!inferred.valid()) {
            throw new NetFileException(file, null, "the net's shapes cannot be inferred, so its arrays are unknown: "
                    + inferred.diagnostics().get(0));
        }
        Map<String, WeightArray> unused = new LinkedHashMap<>(stateDict);
        unused.keySet().removeIf(k -> k.endsWith("num_batches_tracked"));
        List<String> problems = new ArrayList<>();
        List<WeightArray> arrays = new ArrayList<>();
        for (LayerInfo layer : inferred.layers()) {
            for (ArraySpec spec : layer.arrays()) {
                String torch = torchName(layer, spec.name());
                String key = Weights.key(layer.path(), spec.name());
                WeightArray found = unused.remove(torch);
                long[] shape = shape(spec);
                if (found == null) {
                    problems.add("no " + torch + " for " + key + " " + Arrays.toString(shape));
                } else if (!found.isReal()) {
                    problems.add(torch + " holds whole numbers, but " + key + " needs real ones");
                } else if (!Arrays.equals(found.shape(), shape)) {
                    problems.add(torch + " is " + Arrays.toString(found.shape()) + ", but " + key + " is "
                            + Arrays.toString(shape));
                } else {
                    arrays.add(found.withName(key));
                }
            }
        }
        unused.forEach((k, v) -> problems.add(k + " " + Arrays.toString(v.shape()) + " belongs to no array of the net"));
        if (!problems.isEmpty()) {
            String listed = String.join("; ", problems.subList(0, Math.min(LISTED, problems.size())));
            throw new NetFileException(file, null, "does not fit the net (" + problems.size() + " mismatches): "
                    + listed + (problems.size() > LISTED ? "; …" : ""));
        }
        return Weights.of(arrays, Map.of("source", file));
    }

    /**
     * The state_dict a net's weights would come from: each tensor's key and shape, in the net's
     * order ({@code num_batches_tracked} left out). Throws IllegalArgumentException when the net's
     * shapes cannot be inferred.
     */
    public static Map<String, long[]> expectedTensors(NetNode net) {
        InferenceResult inferred = ShapeInference.infer(net);
        if (!inferred.valid()) {
            throw new IllegalArgumentException("the net's shapes cannot be inferred: " + inferred.diagnostics().get(0));
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (LayerInfo layer : inferred.layers()) {
            for (ArraySpec spec : layer.arrays()) {
                out.put(torchName(layer, spec.name()), shape(spec));
            }
        }
        return out;
    }

    private static long[] shape(ArraySpec spec) {
        // Inference of a valid net gives fixed sizes; -1 marks one it did not, so it never matches.
        return spec.shape().stream().mapToLong(d -> d instanceof org.netstudio.netgraph.tensor.Dim.Fixed f ? f.size() : -1)
                .toArray();
    }
}
