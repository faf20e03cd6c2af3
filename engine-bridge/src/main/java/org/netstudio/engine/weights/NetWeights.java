package org.netstudio.engine.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetArray;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Binds the arrays of a {@link CompiledNet} to netgraph's {@link Weights}: keys
 * {@code "<node path>/<array name>"} with the catalog's array names and shapes (PyTorch's layouts),
 * float32 values. Reading and loading back is bit-identical, and so is a trip through a
 * safetensors or {@code .nsnet} file.
 *
 * <p>Stateless. Each call must not overlap with training or another load of the same net; calls
 * on different nets may run on any threads at once.
 */
public final class NetWeights {

    private NetWeights() {
    }

    /**
     * Copies every array of an initialised net into Java memory.
     *
     * @param net the net, initialised
     * @return its weights, state arrays (batch-norm moving statistics) included; no metadata
     * @throws IllegalStateException when the net is not initialised
     */
    public static Weights read(CompiledNet net) {
        return read(net, Map.of());
    }

    /**
     * Copies every array of an initialised net into Java memory, with metadata.
     *
     * @param net      the net, initialised
     * @param metadata free-form strings to keep with the weights (e.g. the dataset trained on)
     * @return its weights
     * @throws IllegalStateException when the net is not initialised
     */
    public static Weights read(CompiledNet net, Map<String, String> metadata) {
        List<WeightArray> arrays = new ArrayList<>();
        for (NetArray a : net.arrays()) {
            if (!a.parameter().isInitialized()) {
                throw new IllegalStateException("Array " + a.key() + " has no values yet; initialise the net first");
            }
            NDArray values = a.parameter().getArray();
            float[] floats = values.getDataType() == DataType.FLOAT32 ? values.toFloatArray()
                    : values.toType(DataType.FLOAT32, false).toFloatArray();
            arrays.add(WeightArray.of(a.key(), values.getShape().getShape(), floats));
        }
        return Weights.of(arrays, metadata);
    }

    /**
     * Sets every array of a net to the given weights, initialising the net first when it is not
     * (with shapes from the weights where inference cannot size an array). The weights must hold
     * exactly the net's arrays, with the shapes inference gives them.
     *
     * @param net     the net
     * @param weights its weights
     * @param manager owns the arrays when the net is initialised here (and sets their device)
     * @throws WeightsMismatchException naming the missing, unexpected or misshapen arrays; no
     *                                  value is changed then
     */
    public static void load(CompiledNet net, Weights weights, NDManager manager) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(manager, "manager");
        check(net.arrays(), weights);
        apply(net.arrays(), weights, manager, net);
    }

    /**
     * The arrays of {@code weights} that fit the net: it has an array of that key, the values are
     * real numbers, and the shape is the one inference gives (or inference cannot tell). What a
     * fine-tuning starts from when the net has changed since the weights were made (a new output
     * layer for other classes, say).
     */
    public static Weights fitting(CompiledNet net, Weights weights) {
        Objects.requireNonNull(weights, "weights");
        List<WeightArray> kept = new ArrayList<>();
        for (NetArray a : net.arrays()) {
            WeightArray w = weights.arrays().get(a.key());
            if (w != null && w.isReal() && (a.knownShape() == null || a.knownShape().equals(new Shape(w.shape())))) {
                kept.add(w);
            }
        }
        return Weights.of(kept, weights.metadata());
    }

    /**
     * Starts an uninitialised net from the weights where they fit ({@link #fitting}); its other
     * arrays get their seeded initial values, as if there were no weights.
     *
     * @return the keys of the arrays that start from initial values, in the net's order
     * @throws IllegalArgumentException when none of the weights fits, naming why for the first
     *                                  arrays; nothing is changed then
     * @throws IllegalStateException    when the net is initialised already, or an array that does
     *                                  not fit has a size inference cannot tell
     */
    public static List<String> loadFitting(CompiledNet net, Weights weights, NDManager manager) {
        Objects.requireNonNull(manager, "manager");
        Weights fit = fitting(net, weights);
        List<NetArray> arrays = net.arrays();
        if (fit.isEmpty() && !arrays.isEmpty()) {
            try {
                check(arrays, weights);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("The weights do not fit the net",
                        "None of the weights fits the net"), e);
            }
        }
        List<NetArray> loaded = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (NetArray a : arrays) {
            if (a.parameter().isInitialized()) {
                throw new IllegalStateException("The net is initialised already; load its weights with load()");
            }
            if (fit.arrays().containsKey(a.key())) {
                loaded.add(a);
            } else if (a.knownShape() == null) {
                throw new IllegalStateException("Array " + a.key() + " has no weights that fit and a size inference cannot tell");
            } else {
                fresh.add(a.key());
            }
        }
        apply(loaded, fit, manager, net);
        return fresh;
    }

    /**
     * Gives {@code arrays} the values in {@code weights}; the net's other uninitialised arrays get
     * their seeded initial values, sized by inference.
     */
    private static void apply(List<NetArray> arrays, Weights weights, NDManager manager, CompiledNet net) {
        Map<String, Shape> shapes = new HashMap<>();
        for (NetArray a : arrays) {
            shapes.put(a.key(), new Shape(weights.arrays().get(a.key()).shape()));
        }
        for (NetArray a : arrays) {
            Parameter p = a.parameter();
            if (p.isInitialized() && !p.getArray().getShape().equals(shapes.get(a.key()))) {
                throw new IllegalArgumentException("Array " + a.key() + " has shape " + p.getArray().getShape()
                        + " in the net, but " + shapes.get(a.key()) + " in the weights");
            }
        }
        // Arrays without values are created with the loaded ones; arrays that have values get them
        // copied in. (Copying into an array is what makes libtorch print a deprecation warning, so
        // loading into a fresh net, as the CLI does, stays quiet.)
        List<NetArray> existing = new ArrayList<>();
        Map<Parameter, Initializer> seeded = new HashMap<>();
        for (NetArray a : arrays) {
            Parameter p = a.parameter();
            if (p.isInitialized()) {
                existing.add(a);
            } else {
                seeded.put(p, p.getInitializer());
                float[] values = weights.arrays().get(a.key()).floats();
                p.setInitializer((m, shape, type) -> {
                    NDArray created = m.create(values, shape);
                    return type == DataType.FLOAT32 ? created : created.toType(type, false);
                });
            }
        }
        try {
            net.initializeParameters(manager, shapes);
        } finally {
            seeded.forEach(Parameter::setInitializer);
        }
        for (NetArray a : existing) {
            NDArray target = a.parameter().getArray();
            float[] values = weights.arrays().get(a.key()).floats();
            try (NDArray source = target.getManager().create(values, target.getShape())) {
                NDArray typed = target.getDataType() == DataType.FLOAT32 ? source
                        : source.toType(target.getDataType(), false);
                typed.copyTo(target);
            }
        }
    }

    /**
     * What keeps {@code weights} from fitting the net exactly: arrays it lacks, arrays the net does
     * not have, arrays whose shape is not the one inference gives, arrays of whole numbers. Each
     * entry names its arrays; empty when the weights fit. Compiling a net is enough (nothing
     * native is allocated), so callers may check weights before loading anything.
     *
     * @param net     the compiled net, initialised or not
     * @param weights the weights
     * @return the problems, missing arrays first
     */
    public static List<String> problems(CompiledNet net, Weights weights) {
        return problems(net.arrays(), Objects.requireNonNull(weights, "weights"));
    }

    private static List<String> problems(List<NetArray> arrays, Weights weights) {
        Set<String> expected = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (NetArray a : arrays) {
            expected.add(a.key());
            WeightArray w = weights.arrays().get(a.key());
            if (w == null) {
                continue;
            }
            if (!w.isReal()) {
                problems.add(a.key() + " holds whole numbers, not real numbers");
            } else if (a.knownShape() != null && !a.knownShape().equals(new Shape(w.shape()))) {
                problems.add(a.key() + " must have shape " + a.knownShape() + ", but has " + new Shape(w.shape()));
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(weights.arrays().keySet());
        Set<String> extra = new TreeSet<>(weights.arrays().keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + list(missing));
        }
        if (!extra.isEmpty()) {
            problems.add("arrays the net does not have: " + list(extra));
        }
        return problems;
    }

    /** Refuses weights that do not hold exactly the net's arrays, or hold them with the wrong shapes. */
    private static void check(List<NetArray> arrays, Weights weights) {
        List<String> problems = problems(arrays, weights);
        if (!problems.isEmpty()) {
            throw new WeightsMismatchException(problems);
        }
    }

    private static String list(Set<String> keys) {
        List<String> shown = keys.stream().limit(5).toList();
        return String.join(", ", shown) + (keys.size() > shown.size() ? " and " + (keys.size() - shown.size())
                + " more" : "");
    }

    /**
     * Saves a net with the current values of its arrays, atomically: a {@code .nsnet} file holds
     * both; a JSON net file gets its weights beside it (see {@link NetFiles}).
     *
     * @param file     where to save
     * @param document the net's document; its net must be the one {@code net} was compiled from
     * @param net      the compiled net, initialised
     * @throws IOException when the file cannot be written
     */
    public static void save(Path file, NetDocument document, CompiledNet net) throws IOException {
        if (!document.net().equals(net.net())) {
            throw new IllegalArgumentException("The document's net is not the net that was compiled");
        }
        NetFiles.write(file, document, read(net));
    }
}
