package org.netstudio.app.run;

import java.util.List;
import org.netstudio.engine.run.GradientOf;
import org.netstudio.engine.run.NetPorts;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.Probe;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Where in an image a net found a class: two maps of the image's size, each scaled to [0, 1].
 * <ul>
 * <li>Saliency (gradient × input): how much each pixel, as it is, moves the class's score; the
 * magnitude summed over the colour channels.</li>
 * <li>Grad-CAM: the feature maps of the last layer that still has a picture's shape, each weighted
 * by the mean gradient of the class's score over it, summed, negative parts cut off, and spread
 * back over the image (nearest pixel); null for a net without such a layer.</li>
 * </ul>
 * Scores are taken before a closing Softmax.
 *
 * @param width     pixels across
 * @param height    pixels down
 * @param saliency  {@code width × height} values in [0, 1], row by row
 * @param gradCam   the same for Grad-CAM, or null
 * @param camLayer  the layer Grad-CAM looked at ("pool2"), or null
 * @param classIndex the class explained
 */
public record Attributions(int width, int height, float[] saliency, float[] gradCam, String camLayer,
                           int classIndex) {

    /**
     * Explains one image.
     *
     * @param runner     the loaded net
     * @param net        the net, for the layer Grad-CAM looks at
     * @param values     the image as the net's input, {@code channels × height × width}
     * @param channels   colour channels
     * @param height     rows
     * @param width      columns
     * @param classIndex the class whose score is explained
     * @param cam        the layer Grad-CAM looks at ({@link #lastPictureLayer}), or null
     * @return the maps
     */
    static Attributions of(NetRunner runner, NetNode net, float[] values, int channels, int height, int width,
                           int classIndex, String cam) {
        String input = net.inputNames().get(0);
        String output = net.outputNames().get(0);
        List<String> names = cam == null ? List.of(input) : List.of(input, cam);
        Probe probe = runner.probe(List.of(TensorValue.of(values, 1, channels, height, width)), names,
                new GradientOf.Score(output, classIndex));
        TensorValue grad = probe.gradients().get(input);
        float[] saliency = new float[width * height];
        if (grad != null) {
            float[] g = grad.values();
            int plane = width * height;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    saliency[i] += Math.abs(g[c * plane + i] * values[c * plane + i]);
                }
            }
        }
        float[] gradCam = null;
        if (cam != null && probe.gradients().containsKey(cam)) {
            gradCam = gradCam(probe.values().get(cam), probe.gradients().get(cam), height, width);
        }
        return new Attributions(width, height, unit(saliency), gradCam == null ? null : unit(gradCam),
                gradCam == null ? null : cam, classIndex);
    }

    /** The last layer (in the net's order) whose output is channels × height × width with a picture left in it. */
    static String lastPictureLayer(NetNode net) {
        InferenceResult inference = ShapeInference.infer(net);
        String last = null;
        for (String name : NetPorts.names(net)) {
            if (net.inputNames().contains(name) || !isPath(net, name)) {
                continue;
            }
            NodePath path = NodePath.parse(name);
            NetNode node = org.netstudio.netgraph.edit.NetPaths.find(net, path).orElse(null);
            if (!(node instanceof org.netstudio.netgraph.net.Layer layer) || layer.type().equals("Pooling")) {
                continue;
            }
            TensorType t = inference.outputType(path, node.outputNames().get(0));
            if (t != null && t.isFullyKnown() && t.rank() == 3 && size(t.dim(1)) > 1 && size(t.dim(2)) > 1) {
                last = name;
            }
        }
        return last;
    }

    private static boolean isPath(NetNode net, String name) {
        return org.netstudio.netgraph.edit.NetPaths.find(net, NodePath.parse(name)).isPresent();
    }

    private static int size(Dim d) {
        return d instanceof Dim.Fixed f ? f.size() : 0;
    }

    private static float[] gradCam(TensorValue maps, TensorValue grads, int height, int width) {
        long[] s = maps.shape();
        int channels = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int plane = h * w;
        float[] a = maps.values();
        float[] g = grads.values();
        float[] small = new float[plane];
        for (int c = 0; c < channels; c++) {
            double weight = 0;
            for (int i = 0; i < plane; i++) {
                weight += g[c * plane + i];
            }
            weight /= plane;
            for (int i = 0; i < plane; i++) {
                small[i] += (float) (weight * a[c * plane + i]);
            }
        }
        float[] big = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                big[y * width + x] = Math.max(0, small[(y * h / height) * w + x * w / width]);
            }
        }
        return big;
    }

    private static float[] unit(float[] v) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, x);
        }
        if (max > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= max;
            }
        }
        return v;
    }
}
