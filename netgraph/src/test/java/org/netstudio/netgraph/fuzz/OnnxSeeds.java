package org.netstudio.netgraph.fuzz;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import java.util.Random;

/**
 * Small valid ONNX models, written in code, that cover what the importer maps and what it keeps
 * opaque: a perceptron (MatMul, Add, Gemm, Softmax), a convolutional net (Conv, BatchNorm,
 * MaxPool, Flatten), token embeddings with a shape computation (Gather, Shape, Concat, Reshape),
 * a residual block with opaque operators (Erf, Clip, Where, a custom domain) and a recurrent net.
 */
public final class OnnxSeeds {

    private OnnxSeeds() {
    }

    public static List<ModelProto> all() {
        return List.of(perceptron(), convolutional(), embeddings(), residual(), recurrent());
    }

    static ModelProto perceptron() {
        GraphProto g = GraphProto.newBuilder().setName("mlp")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", 4))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", 3))
                .addInitializer(floats("W1", 4, 8)).addInitializer(floats("b1", 8))
                .addInitializer(floats("W2", 3, 8)).addInitializer(floats("b2", 3))
                .addNode(node("MatMul", "dense1", List.of("x", "W1"), "h"))
                .addNode(node("Add", "bias1", List.of("h", "b1"), "hb"))
                .addNode(node("Relu", "relu1", List.of("hb"), "r"))
                .addNode(node("Gemm", "dense2", List.of("r", "W2", "b2"), "z", i("transB", 1)))
                .addNode(node("Softmax", "softmax", List.of("z"), "y", i("axis", -1)))
                .build();
        return model(g);
    }

    static ModelProto convolutional() {
        GraphProto g = GraphProto.newBuilder().setName("cnn")
                .addInput(value("image", TensorProto.DataType.FLOAT_VALUE, "batch", 1, 8, 8))
                .addOutput(value("logits", TensorProto.DataType.FLOAT_VALUE, "batch", 5))
                .addInitializer(floats("K", 4, 1, 3, 3)).addInitializer(floats("KB", 4))
                .addInitializer(floats("gamma", 4)).addInitializer(floats("beta", 4))
                .addInitializer(floats("mean", 4)).addInitializer(floats("var", 4))
                .addInitializer(floats("W", 5, 36)).addInitializer(floats("B", 5))
                .addNode(node("Conv", "conv", List.of("image", "K", "KB"), "c", ints("kernel_shape", 3, 3),
                        ints("pads", 1, 1, 1, 1)))
                .addNode(node("BatchNormalization", "bn", List.of("c", "gamma", "beta", "mean", "var"), "n"))
                .addNode(node("Relu", "relu", List.of("n"), "r"))
                .addNode(node("MaxPool", "pool", List.of("r"), "p", ints("kernel_shape", 3, 3), ints("strides", 3, 3)))
                .addNode(node("Flatten", "flat", List.of("p"), "f", i("axis", 1)))
                .addNode(node("Gemm", "dense", List.of("f", "W", "B"), "logits", i("transB", 1)))
                .build();
        return model(g);
    }

    static ModelProto embeddings() {
        GraphProto g = GraphProto.newBuilder().setName("tokens")
                .addInput(value("ids", TensorProto.DataType.INT64_VALUE, "batch", "n"))
                .addOutput(value("out", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 6))
                .addInitializer(floats("table", 20, 6))
                .addInitializer(longs("axes", 0)).addInitializer(longs("six", 6))
                .addNode(node("Constant", "zero_c", List.of(), "zero").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                                .setT(longs("zero_t", 0).toBuilder().clearDims())).build())
                .addNode(node("Constant", "m1_c", List.of(), "minus1").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                                .setT(longs("m1", -1))).build())
                .addNode(node("Gather", "embed", List.of("table", "ids"), "e"))
                .addNode(node("Shape", "shape", List.of("e"), "s"))
                .addNode(node("Gather", "first", List.of("s", "zero"), "s0", i("axis", 0)))
                .addNode(node("Unsqueeze", "unsq", List.of("s0", "axes"), "u"))
                .addNode(node("Concat", "cat", List.of("u", "minus1", "six"), "target", i("axis", 0)))
                .addNode(node("Reshape", "reshape", List.of("e", "target"), "rs"))
                .addNode(node("Tanh", "tanh", List.of("rs"), "out"))
                .build();
        return model(g);
    }

    static ModelProto residual() {
        GraphProto g = GraphProto.newBuilder().setName("residual")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 8))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", "n", 8))
                .addInitializer(floats("W", 8, 8)).addInitializer(floats("lo", 1)).addInitializer(floats("hi", 1))
                .addInitializer(floats("ln_w", 8)).addInitializer(floats("ln_b", 8))
                .addNode(node("MatMul", "proj", List.of("x", "W"), "p"))
                .addNode(node("Erf", "erf", List.of("p"), "e"))
                .addNode(node("Clip", "clip", List.of("e", "lo", "hi"), "c"))
                .addNode(node("Greater", "gt", List.of("c", "lo"), "mask"))
                .addNode(node("Where", "where", List.of("mask", "c", "x"), "w"))
                .addNode(node("Add", "skip", List.of("w", "x"), "s"))
                .addNode(node("LayerNormalization", "ln", List.of("s", "ln_w", "ln_b"), "l", i("axis", -1)))
                .addNode(node("Gelu", "gelu", List.of("l"), "g").toBuilder().setDomain("com.example").build())
                .addNode(node("ReduceMean", "mean", List.of("g"), "m", ints("axes", -1), i("keepdims", 1)))
                .addNode(node("Mul", "scale", List.of("g", "m"), "y"))
                .build();
        return model(g);
    }

    static ModelProto recurrent() {
        GraphProto g = GraphProto.newBuilder().setName("rnn")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "n", "batch", 3))
                .addOutput(value("h", TensorProto.DataType.FLOAT_VALUE, 1, "batch", 4))
                .addInitializer(floats("Wi", 1, 16, 3)).addInitializer(floats("Ri", 1, 16, 4)).addInitializer(floats("Bi", 1, 32))
                .addNode(node("LSTM", "lstm", List.of("x", "Wi", "Ri", "Bi"), "seq", i("hidden_size", 4)).toBuilder()
                        .addOutput("h").build())
                .build();
        return model(g);
    }

    private static ModelProto model(GraphProto g) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("netstudio-fuzz").setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
    }

    static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out)
                .addAllAttribute(List.of(attributes)).build();
    }

    static AttributeProto i(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        a.setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A tensor value of an element type and dimensions (Integer sizes, String names). */
    public static ValueInfoProto value(String name, int type, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof Integer i ? TensorShapeProto.Dimension.newBuilder().setDimValue(i)
                    : TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    static TensorProto floats(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        Random r = new Random(name.hashCode());
        for (long i = 0; i < n; i++) {
            t.addFloatData((float) r.nextGaussian() * 0.1f);
        }
        return t.build();
    }

    static TensorProto longs(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()).build();
    }
}
