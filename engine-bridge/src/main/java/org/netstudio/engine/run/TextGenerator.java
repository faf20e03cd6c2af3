package org.netstudio.engine.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.netstudio.engine.compile.Carry;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.encoding.CharacterEncoder;
import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Generates text with a trained next-character net, as the Wolfram Language's
 * {@code NetStateObject} does: the prompt runs once, then one sampled character at a time, each
 * recurrent layer carrying its state from step to step instead of reading the text again. Nets
 * with layers that look at the whole sequence (attention, a reversal, pooling) are run over the
 * whole text at each step instead, which gives the same characters, only slower.
 *
 * <p>The net takes a sequence of characters (an input with a Characters encoder) and gives, per
 * position, probabilities over the same alphabet (or scores before a final Softmax). Owns native
 * memory until {@link #close()}; one generation at a time.
 */
public final class TextGenerator implements AutoCloseable {

    /** Characters added when a person does not say how many (the CLI's generate and Try It). */
    public static final int DEFAULT_LENGTH = 300;
    /** The sampling temperature when a person does not give one: a little tamer than the net's own probabilities. */
    public static final double DEFAULT_TEMPERATURE = 0.8;

    /** Layers that treat each element of a sequence alone, or carry a state forwards: safe to run step by step. */
    private static final Set<String> STEPWISE = Set.of("Embedding", "UnitVector", "LSTM", "GRU", "RNN", "Linear",
            "Ramp", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "LeakyReLU", "Softplus", "Elementwise", "Dropout",
            "LayerNorm", "Total", "Threading", "Softmax", "LogSoftmax");

    private final CompiledNet net;
    private final CharacterEncoder alphabet;
    private final NDManager manager;
    private final boolean stepwise;
    private final boolean probabilities;

    private TextGenerator(CompiledNet net, CharacterEncoder alphabet, NDManager manager, boolean stepwise) {
        this.net = net;
        this.alphabet = alphabet;
        this.manager = manager;
        this.stepwise = stepwise;
        this.probabilities = net.outputIsSoftmax(0);
    }

    /**
     * Prepares a generator.
     *
     * @param net     a net whose one input is a sequence of characters and whose output gives, at each
     *                position, the probabilities of the next character
     * @param weights its trained weights
     * @return the generator; close it when done
     * @throws IllegalArgumentException when the net cannot generate text, saying why
     */
    public static TextGenerator load(NetNode net, Weights weights) {
        Objects.requireNonNull(weights, "weights");
        CompiledNet compiled = NetCompiler.compile(net, 0);
        if (compiled.inputNames().size() != 1 || compiled.outputNames().size() < 1) {
            throw new IllegalArgumentException("Generating text needs a net with one input (a sequence of characters),"
                    + " but this one has " + compiled.inputNames().size() + " inputs");
        }
        CharacterEncoder alphabet = alphabet(net).orElseThrow(() -> new IllegalArgumentException(
                "Generating text needs a net whose input has a Characters encoder (its alphabet turns the prompt into"
                        + " indices and the indices back into text), but this one takes "
                        + compiled.inputTypes().get(0).describe()));
        TensorType out = compiled.outputTypes().get(0);
        if (!out.rankKnown() || out.rank() != 2 || !out.dim(1).isFixed() || out.dim(1).size() != alphabet.size()
                || !(out.kind() instanceof ElementKind.Real)) {
            throw new IllegalArgumentException("Generating text needs a net that gives, for each position, the"
                    + " probabilities of the next of the " + alphabet.size() + " characters (n×" + alphabet.size()
                    + "), but this one outputs " + out.describe());
        }
        // A Fold carries its own state, whatever is inside it; a Bidirectional reads the whole text backwards too.
        boolean stepwise = compiled.inference().operators().values().stream()
                .noneMatch(o -> o.operator() instanceof BidirectionalOperator);
        for (LayerInfo layer : compiled.inference().layers()) {
            if (compiled.inference().operators().values().stream()
                    .anyMatch(o -> o.operator() instanceof FoldOperator && layer.path().startsWith(o.path()))) {
                continue;
            }
            String type = layer.layer().type();
            boolean lastAxisSoftmax = !type.endsWith("Softmax") || layer.params().getInt("axis") == -1
                    || layer.params().getInt("axis") == layer.inputs().get(0).rank() - 1;
            boolean allSteps = !List.of("LSTM", "GRU", "RNN").contains(type) || layer.params().getBool("returnSequences");
            stepwise &= STEPWISE.contains(type) && lastAxisSoftmax && allSteps;
        }
        NDManager manager = NDManager.newBaseManager();
        try (Autograd off = Autograd.off()) {
            NetWeights.load(compiled, weights, manager);
            return new TextGenerator(compiled, alphabet, manager, stepwise);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The alphabet of the net's input's Characters encoder, if it has one. */
    static java.util.Optional<CharacterEncoder> alphabet(NetNode net) {
        PortDecl input = net instanceof Chain c ? c.input()
                : net instanceof Graph g && !g.inputs().isEmpty() ? g.inputs().values().iterator().next() : null;
        Coder coder = input == null ? null : input.coder();
        if (coder == null || !coder.type().equals("Characters") || !(coder.options().get("alphabet") instanceof String a)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CharacterEncoder(a));
    }

    /** The characters the net knows. */
    public String alphabet() {
        return alphabet.alphabet();
    }

    /** Whether each step feeds one character and carries the recurrent state (else the whole text runs again). */
    public boolean carriesState() {
        return stepwise;
    }

    /**
     * Generates text after a prompt.
     *
     * @param prompt      the start, at least one character, every one in the alphabet
     * @param length      how many characters to add
     * @param temperature 0 takes the most probable character each time; 1 samples from the net's
     *                    probabilities; more is wilder
     * @param seed        the sampling's seed: the same seed gives the same text
     * @param onCharacter receives each new character as it is made (on the calling thread), or null
     * @return the characters added (without the prompt)
     * @throws IllegalArgumentException when the prompt is empty or has a character outside the alphabet
     */
    public synchronized String generate(String prompt, int length, double temperature, long seed,
                                        Consumer<String> onCharacter) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("The prompt must have at least one character");
        }
        if (length < 0 || !(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("The length must be 0 or more and the temperature a number of at least 0,"
                    + " but got " + length + " and " + temperature);
        }
        int[] start = alphabet.encode(prompt);
        Random random = new Random(seed);
        StringBuilder made = new StringBuilder();
        int[] text = start.clone();
        Carry carry = new Carry();
        try (NDManager scope = manager.newSubManager(); Autograd off = Autograd.off()) {
            ParameterStore store = new ParameterStore(scope, false);
            float[] next = lastRow(stepwise ? net.forward(store, new NDList(tokens(scope, start)), carry)
                    : net.forward(store, new NDList(tokens(scope, start)), false));
            for (int i = 0; i < length; i++) {
                int c = sample(next, probabilities, temperature, random);
                String character = alphabet.decode(new int[] {c});
                made.append(character);
                if (onCharacter != null) {
                    onCharacter.accept(character);
                }
                if (i == length - 1) {
                    break;
                }
                if (stepwise) {
                    next = lastRow(net.forward(store, new NDList(tokens(scope, new int[] {c})), carry));
                } else {
                    text = java.util.Arrays.copyOf(text, text.length + 1);
                    text[text.length - 1] = c;
                    next = lastRow(net.forward(store, new NDList(tokens(scope, text)), false));
                }
            }
        }
        return made.toString();
    }

    private static NDArray tokens(NDManager m, int[] indices) {
        long[] l = new long[indices.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = indices[i];
        }
        return m.create(l, new Shape(1, l.length));
    }

    /** The output at the last position, as floats. */
    private static float[] lastRow(NDList outputs) {
        NDArray out = outputs.head();
        long n = out.getShape().get(1);
        return out.get(0).get(n - 1).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /**
     * Samples an index from probabilities (or scores, when {@code probabilities} is false)
     * sharpened or flattened by the temperature: {@code p^(1/T)}, normalised.
     */
    static int sample(float[] values, boolean probabilities, double temperature, Random random) {
        if (temperature == 0) {
            return ArgMax.of(values, 0, values.length);
        }
        double[] w = new double[values.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            w[i] = (probabilities ? Math.log(Math.max(values[i], 1e-30)) : values[i]) / temperature;
            max = Math.max(max, w[i]);
        }
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(w[i] - max);
            total += w[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r <= 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
