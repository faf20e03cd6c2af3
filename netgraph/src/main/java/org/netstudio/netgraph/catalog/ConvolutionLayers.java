package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Convolution, Deconvolution, Pooling and GlobalPooling over 1 to 3 spatial axes, channels first.
 * Output sizes follow PyTorch: {@code floor((s + 2p - d(k-1) - 1) / stride) + 1}.
 */
final class ConvolutionLayers {

    private static final PortRequirement SPATIAL = PortRequirement.realOfRank(2, 4,
            "an image-like array (channels×s1…sk, k = 1 to 3)");

    private ConvolutionLayers() {
    }

    static List<LayerType> all() {
        return List.of(convolution(), deconvolution(), pooling(), globalPooling(), upsample());
    }

    static LayerType convolution() {
        return LayerType.builder("Convolution", Category.CONVOLUTION)
                .aliases("Conv", "Conv1D", "Conv2D", "Conv3D")
                .doc("Slides learnable filters over 1 to 3 spatial axes; the number of axes follows the input's rank.")
                .param(ParamSpec.required("channels", ParamKind.INT, 1.0, "Number of output channels (filters)."))
                .param(ParamSpec.required("kernel", ParamKind.INT_OR_LIST, 1.0, "Filter size: one number for every axis, or one per axis."))
                .param(ParamSpec.optional("stride", ParamKind.INT_OR_LIST, 1, 1.0, "Step between filter positions."))
                .param(ParamSpec.optional("padding", ParamKind.PADDING, 0, 0.0, "Zeros added on each side, or \"same\" to keep the size (stride 1)."))
                .param(ParamSpec.optional("dilation", ParamKind.INT_OR_LIST, 1, 1.0, "Spacing between filter taps."))
                .param(ParamSpec.optional("groups", ParamKind.INT, 1, 1.0, "Splits channels into groups convolved separately (depthwise when equal to the channels)."))
                .param(ParamSpec.optional("bias", ParamKind.BOOL, true, null, "Whether to add a learnable bias per channel."))
                .keyParams("channels", "kernel", "stride")
                .input("Input", SPATIAL)
                .shape(ConvolutionLayers::convolutionShape)
                .arrays((p, in, out) -> {
                    TensorType t = in.get(0);
                    int axes = t.rankKnown() ? t.rank() - 1 : -1;
                    Dim c = t.rankKnown() ? t.dim(0) : Dim.UNKNOWN;
                    return kernelArrays(p, Dim.of(p.getInt("channels")),
                            c.isFixed() ? Dim.of(c.size() / p.getInt("groups")) : Dim.UNKNOWN,
                            axes > 0 ? p.perAxis("kernel", axes) : null);
                })
                .cost((p, in, out) -> {
                    TensorType t = in.get(0);
                    TensorType o = out.isEmpty() ? null : out.get(0);
                    if (!t.rankKnown() || o == null || !t.dim(0).isFixed()) {
                        return -1;
                    }
                    int[] k = p.perAxis("kernel", t.rank() - 1);
                    long taps = t.dim(0).size() / p.getInt("groups");
                    for (int x : k) {
                        taps = Shapes.times(taps, x);
                    }
                    return Shapes.times(o.elementCount(), taps);
                })
                .build();
    }

    /**
     * A kernel's arrays: weights {@code first×second×k1…kk} (one unknown size while the kernel's
     * rank is not known) and, when the layer has a bias, one bias per output channel.
     */
    private static List<ArraySpec> kernelArrays(Params p, Dim first, Dim second, int[] kernel) {
        List<Dim> w = new ArrayList<>();
        w.add(first);
        w.add(second);
        if (kernel == null) {
            w.add(Dim.UNKNOWN);
        } else {
            for (int x : kernel) {
                w.add(Dim.of(x));
            }
        }
        List<ArraySpec> arrays = new ArrayList<>();
        arrays.add(new ArraySpec("weights", w, true));
        if (p.getBool("bias")) {
            arrays.add(ArraySpec.trainable("biases", Dim.of(p.getInt("channels"))));
        }
        return arrays;
    }

    private static ShapeRule.Outcome convolutionShape(Params p, List<TensorType> in) {
        TensorType t = in.get(0);
        int channels = p.getInt("channels");
        int groups = p.getInt("groups");
        if (channels % groups != 0) {
            return rejectParam("channels " + channels + " must be divisible by groups " + groups);
        }
        if (!t.rankKnown()) {
            return outputs(TensorType.ANY_REAL);
        }
        int axes = t.rank() - 1;
        Dim c = t.dim(0);
        if (c instanceof Dim.Symbolic s) {
            return rejectInput(0, "the channel dimension must have a fixed size, but it is the varying length " + s);
        }
        if (c.isFixed() && c.size() % groups != 0) {
            return rejectInput(0, "its " + c.size() + " input channels must be divisible by groups " + groups);
        }
        int[] k = p.perAxis("kernel", axes);
        int[] s = p.perAxis("stride", axes);
        int[] d = p.perAxis("dilation", axes);
        String lengthProblem = lengthProblem(p, axes, "kernel", "stride", "dilation", "padding");
        if (lengthProblem != null) {
            return rejectParam(lengthProblem);
        }
        boolean same = "same".equals(p.get("padding"));
        if (same && !allOnes(s)) {
            return rejectParam("padding \"same\" needs stride 1, but stride is " + Shapes.sizesText(s));
        }
        int[] pad = same ? null : p.perAxis("padding", axes);
        List<Dim> out = new ArrayList<>();
        out.add(Dim.of(channels));
        int[] inSizes = new int[axes];
        long[] span = new long[axes];
        boolean tooSmall = false;
        for (int i = 0; i < axes; i++) {
            Dim sd = t.dim(i + 1);
            span[i] = (long) d[i] * (k[i] - 1) + 1;
            if (same) {
                out.add(sd);
                continue;
            }
            if (!sd.isFixed()) {
                out.add(sd instanceof Dim.Symbolic && span[i] == 1 && s[i] == 1 && pad[i] == 0 ? sd : Dim.UNKNOWN);
                continue;
            }
            inSizes[i] = sd.size();
            long padded = sd.size() + 2L * pad[i];
            if (padded < span[i]) {
                tooSmall = true;
            }
            long size = Math.max(0, (padded - span[i]) / s[i] + 1);
            if (Shapes.fixedOrNull(size) == null) {
                return tooWide("with padding " + Shapes.sizesText(pad) + " ", size, i);
            }
            out.add(Dim.of((int) size));
        }
        if (tooSmall) {
            return rejectInput(0, "the kernel " + Shapes.sizesText(span) + " (dilated) is larger than the "
                    + Shapes.sizesText(inSizes) + " input with padding " + Shapes.sizesText(pad));
        }
        return outputs(TensorType.real(out));
    }

    static LayerType deconvolution() {
        return LayerType.builder("Deconvolution", Category.CONVOLUTION)
                .aliases("ConvTranspose", "TransposedConvolution")
                .doc("A transposed convolution: grows the spatial size, e.g. to upsample in a decoder.")
                .param(ParamSpec.required("channels", ParamKind.INT, 1.0, "Number of output channels."))
                .param(ParamSpec.required("kernel", ParamKind.INT_OR_LIST, 1.0, "Filter size."))
                .param(ParamSpec.optional("stride", ParamKind.INT_OR_LIST, 1, 1.0, "Upsampling factor."))
                .param(ParamSpec.optional("padding", ParamKind.INT_OR_LIST, 0, 0.0, "Removed from each side of the output."))
                .param(ParamSpec.optional("outputPadding", ParamKind.INT_OR_LIST, 0, 0.0, "Extra size added on one side of the output."))
                .param(ParamSpec.optional("bias", ParamKind.BOOL, true, null, "Whether to add a learnable bias per channel."))
                .keyParams("channels", "kernel", "stride")
                .input("Input", SPATIAL)
                .shape(spatial((p, t, axes) -> {
                    int[] k = p.perAxis("kernel", axes);
                    int[] s = p.perAxis("stride", axes);
                    int[] pad = p.perAxis("padding", axes);
                    int[] op = p.perAxis("outputPadding", axes);
                    for (int i = 0; i < axes; i++) {
                        if (op[i] >= s[i]) {
                            return rejectParam("outputPadding " + Shapes.sizesText(op) + " must be smaller than stride "
                                    + Shapes.sizesText(s));
                        }
                    }
                    List<Dim> out = new ArrayList<>();
                    out.add(Dim.of(p.getInt("channels")));
                    for (int i = 0; i < axes; i++) {
                        Dim sd = t.dim(i + 1);
                        if (!sd.isFixed()) {
                            out.add(Dim.UNKNOWN);
                            continue;
                        }
                        long o = (sd.size() - 1L) * s[i] - 2L * pad[i] + (k[i] - 1L) + op[i] + 1;
                        if (o < 1) {
                            return rejectParam("padding " + Shapes.sizesText(pad) + " leaves no output from the "
                                    + sd.size() + "-wide input");
                        }
                        if (Shapes.fixedOrNull(o) == null) {
                            return tooWide("", o, i);
                        }
                        out.add(Dim.of((int) o));
                    }
                    return outputs(TensorType.real(out));
                }, "kernel", "stride", "padding", "outputPadding"))
                .arrays((p, in, out) -> {
                    TensorType t = in.get(0);
                    return kernelArrays(p, t.rankKnown() ? t.dim(0) : Dim.UNKNOWN, Dim.of(p.getInt("channels")),
                            t.rankKnown() ? p.perAxis("kernel", t.rank() - 1) : null);
                })
                .cost((p, in, out) -> {
                    TensorType t = in.get(0);
                    if (!t.rankKnown() || !t.dim(0).isFixed() || out.isEmpty()) {
                        return -1;
                    }
                    int[] k = p.perAxis("kernel", t.rank() - 1);
                    long taps = p.getInt("channels");
                    for (int x : k) {
                        taps = Shapes.times(taps, x);
                    }
                    return Shapes.times(t.elementCount(), taps);
                })
                .build();
    }

    static LayerType pooling() {
        return LayerType.builder("Pooling", Category.CONVOLUTION)
                .aliases("MaxPool", "AvgPool", "MaxPooling", "AveragePooling")
                .doc("Takes the maximum or the mean over windows of each channel.")
                .param(ParamSpec.choice("function", "max", List.of("max", "mean"), "How each window is summarised."))
                .param(ParamSpec.required("kernel", ParamKind.INT_OR_LIST, 1.0, "Window size."))
                .param(ParamSpec.optional("stride", ParamKind.INT_OR_LIST, null, 1.0, "Step between windows (default: the kernel)."))
                .param(ParamSpec.optional("padding", ParamKind.INT_OR_LIST, 0, 0.0, "Padding on each side (at most half the kernel)."))
                .param(ParamSpec.optional("ceil", ParamKind.BOOL, false, null,
                        "Round the output size up, so a last window may hang over the end (PyTorch's ceil_mode)."))
                .keyParams("function", "kernel", "stride", "ceil")
                .input("Input", SPATIAL)
                .shape(spatial((p, t, axes) -> {
                    int[] k = p.perAxis("kernel", axes);
                    int[] s = p.has("stride") ? p.perAxis("stride", axes) : k;
                    int[] pad = p.perAxis("padding", axes);
                    for (int i = 0; i < axes; i++) {
                        if (2 * pad[i] > k[i]) {
                            return rejectParam("padding " + Shapes.sizesText(pad) + " must be at most half the kernel "
                                    + Shapes.sizesText(k));
                        }
                    }
                    List<Dim> out = new ArrayList<>();
                    out.add(t.dim(0));
                    int[] inSizes = new int[axes];
                    for (int i = 0; i < axes; i++) {
                        Dim sd = t.dim(i + 1);
                        if (!sd.isFixed()) {
                            out.add(Dim.UNKNOWN);
                            continue;
                        }
                        inSizes[i] = sd.size();
                        long padded = sd.size() + 2L * pad[i];
                        if (padded < k[i]) {
                            return rejectInput(0, "the window " + Shapes.sizesText(k) + " is larger than the "
                                    + sizesOf(t) + " input");
                        }
                        long windows = outputSize(padded, k[i], s[i], sd.size() + (long) pad[i], p.getBool("ceil"));
                        Dim size = Shapes.fixedOrNull(windows);
                        if (size == null) {
                            return tooWide("with padding " + Shapes.sizesText(pad) + " ", windows, i);
                        }
                        out.add(size);
                    }
                    return outputs(TensorType.real(out));
                }, "kernel", "stride", "padding"))
                .cost((p, in, out) -> out.isEmpty() ? -1 : 0)
                .build();
    }

    /**
     * Windows along one axis: rounded down, or up with {@code ceil} — where, as in PyTorch, a last window must
     * still start inside the input or its front padding ({@code limit}: the input's size plus that padding).
     */
    private static long outputSize(long padded, int kernel, int stride, long limit, boolean ceil) {
        long windows = ceil ? Math.floorDiv(padded - kernel + stride - 1, stride) + 1 : (padded - kernel) / stride + 1;
        if (ceil && (windows - 1) * stride >= limit) {
            windows--;
        }
        return windows;
    }

    static LayerType globalPooling() {
        return LayerType.builder("GlobalPooling", Category.CONVOLUTION)
                .aliases("GlobalAveragePooling", "GlobalMaxPooling", "GlobalAvgPool")
                .doc("Summarises each channel over all its spatial positions: c×s… becomes a vector of size c.")
                .param(ParamSpec.choice("function", "mean", List.of("mean", "max"), "How each channel is summarised."))
                .keyParams("function")
                .input("Input", SPATIAL)
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    return outputs(TensorType.real(List.of(t.rankKnown() ? t.dim(0) : Dim.UNKNOWN)));
                })
                .build();
    }

    static LayerType upsample() {
        return LayerType.builder("Upsample", Category.CONVOLUTION)
                .aliases("Resize", "Upsampling", "UpSampling2D", "Interpolate")
                .doc("Enlarges each channel by whole-number factors, repeating values (nearest) or blending neighbours"
                        + " (linear), e.g. in a U-Net's decoder. Linear is PyTorch's with align_corners=False.")
                .param(ParamSpec.required("scale", ParamKind.INT_OR_LIST, 1.0, "How many times larger each spatial axis becomes."))
                .param(ParamSpec.choice("method", "nearest", List.of("nearest", "linear"),
                        "Nearest repeats each value; linear interpolates between neighbours (bilinear on images)."))
                .keyParams("scale", "method")
                .input("Input", SPATIAL)
                .shape(spatial((p, t, axes) -> {
                    int[] scale = p.perAxis("scale", axes);
                    List<Dim> out = new ArrayList<>();
                    out.add(t.dim(0));
                    for (int i = 0; i < axes; i++) {
                        Dim sd = t.dim(i + 1);
                        if (!sd.isFixed()) {
                            out.add(Dim.UNKNOWN);
                            continue;
                        }
                        long o = (long) sd.size() * scale[i];
                        if (Shapes.fixedOrNull(o) == null) {
                            return tooWide("", o, i);
                        }
                        out.add(Dim.of((int) o));
                    }
                    return outputs(TensorType.real(out));
                }, "scale"))
                .build();
    }

    /** The rule of a layer over spatial axes, once its input's rank is known and its per-axis lists fit it. */
    @FunctionalInterface
    private interface SpatialRule {
        ShapeRule.Outcome infer(Params p, TensorType input, int axes);
    }

    /**
     * A shape rule over the input's spatial axes: any real array while the input's rank is unknown,
     * and a message when one of the {@code perAxis} list parameters does not fit the axes.
     */
    private static ShapeRule spatial(SpatialRule rule, String... perAxis) {
        return ShapeRule.ofKnownRank(TensorType.ANY_REAL, (p, t) -> {
            int axes = t.rank() - 1;
            String lengthProblem = lengthProblem(p, axes, perAxis);
            return lengthProblem != null ? rejectParam(lengthProblem) : rule.infer(p, t, axes);
        });
    }

    /** The input refused because the output on spatial axis {@code i + 1} would be too large to hold. */
    private static ShapeRule.Outcome tooWide(String why, long size, int i) {
        return rejectInput(0, why + "its output would be " + size + " wide on spatial axis " + (i + 1)
                + ", more than NetStudio can hold");
    }

    private static String sizesOf(TensorType t) {
        return Shapes.dimsText(t.dims().subList(1, t.rank()));
    }

    private static boolean allOnes(int[] v) {
        for (int x : v) {
            if (x != 1) {
                return false;
            }
        }
        return true;
    }

    /** A message when a per-axis list parameter has the wrong number of entries for the input. */
    private static String lengthProblem(Params p, int axes, String... names) {
        for (String n : names) {
            if (p.has(n) && !"same".equals(p.get(n)) && p.perAxis(n, axes) == null) {
                return n + " " + p.get(n) + " has " + ((List<?>) p.get(n)).size() + " entries, but the input has "
                        + axes + " spatial ax" + (axes == 1 ? "is" : "es");
            }
        }
        return null;
    }
}
