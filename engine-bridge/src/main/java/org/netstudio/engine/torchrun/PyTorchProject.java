package org.netstudio.engine.torchrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.NetFacts;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/**
 * Writes a net as a PyTorch project that trains with the same recipe as NetStudio's trainer,
 * under {@code torchrun} on one or many processes and machines:
 * <ul>
 * <li>{@code model.py}, {@code netstudio_io.py}, {@code encoders.py}, {@code weights.safetensors}:
 *     the net (netgraph's PyTorch writer);
 * <li>{@code train.py}: DistributedDataParallel training, one JSON progress line per epoch,
 *     resumable checkpoints, the best weights as safetensors with NetStudio's names;
 * <li>{@code data.py} and {@code data/*.safetensors}: the examples exactly as NetStudio feeds them,
 *     with NetStudio's validation split;
 * <li>{@code recipe.json}: the training options; {@code README.md}, {@code requirements.txt}.
 * </ul>
 * The folder appears whole or not at all: everything is written into a temporary folder beside it,
 * then moved into place.
 */
public final class PyTorchProject {

    /** The files every project holds besides the net's own. */
    static final List<String> TRAINING_FILES = List.of("train.py", "data.py", "README.md", "requirements.txt");

    private PyTorchProject() {
    }

    /**
     * The layers a PyTorch project cannot hold (imported opaque ONNX operators), by name; empty when
     * the net can be exported.
     *
     * @param net the net
     * @return the names, in the net's order
     */
    public static List<String> unsupported(NetNode net) {
        return ModelFiles.unsupported(net);
    }

    /**
     * Writes the project.
     *
     * @param doc the net
     * @param weights its weights, or empty to start from the values NetStudio's trainer would start
     *     from (the options' seed), written as weights.safetensors too
     * @param options the training recipe
     * @param data the examples
     * @param dir the project folder; must not exist yet, or be empty
     * @throws IOException when a file cannot be written, or {@code dir} holds files already
     * @throws IllegalArgumentException when the net cannot be exported (its opaque layers named),
     *     does not fit the data, or the options have no PyTorch form
     */
    public static void write(NetDocument doc, Optional<Weights> weights, TrainingOptions options, TrainingData data,
                             Path dir) throws IOException {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(data, "data");
        List<String> opaque = unsupported(doc.net());
        if (!opaque.isEmpty()) {
            throw new IllegalArgumentException("These layers cannot be exported to PyTorch: " + String.join(", ", opaque));
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the folder exists and is not empty");
        }
        CompiledNet compiled = NetCompiler.compile(doc.net(), options.seed());
        Binding binding = NetTrain.bind(doc.net(), data.table(), data.mapping());
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Created plainly (not as a private temporary folder): the project keeps the user's default permissions.
        Path temp = Files.createDirectory(parent.resolve("." + target.getFileName() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp"));
        try {
            ModelFiles.write(doc, Optional.of(weights.filter(w -> !w.isEmpty())
                    .orElseGet(() -> initialWeights(doc, options.seed()))), temp);
            Map<String, Object> dataRecipe = writeData(binding, data, options, temp);
            Files.writeString(temp.resolve("recipe.json"),
                    Recipe.json(doc.name(), options, compiled, binding, dataRecipe));
            for (String name : TRAINING_FILES) {
                Files.writeString(temp.resolve(name), template(name).replace("{{NET}}", doc.name()));
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temp);
        }
    }

    /**
     * Writes the project for a dataset a person chose, opened as NetStudio's trainer opens it
     * ({@link DatasetCatalog}), its columns fed by name and default.
     *
     * @see #write(NetDocument, Optional, TrainingOptions, TrainingData, Path)
     */
    public static void write(NetDocument doc, Optional<Weights> weights, TrainingOptions options, DataChoice data,
                             Path dir) throws IOException {
        ExampleTable table = DatasetCatalog.standard().openTable(data, NetFacts.of(doc.net()));
        String label = data.source().id() != null ? data.source().id() : String.valueOf(data.path());
        write(doc, weights, options, TrainingData.of(label, table), dir);
    }

    /** Writes the examples; returns recipe.json's "data" object. */
    private static Map<String, Object> writeData(Binding binding, TrainingData data, TrainingOptions options,
                                                 Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Set<String> columns = new LinkedHashSet<>(binding.inputs().values());
        columns.addAll(binding.targets().values());
        List<String> used = new ArrayList<>(columns);
        ExampleTable table = binding.data();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", data.label());
        d.put("examples", table.size());
        d.put("columns", ExampleFile.describe(table, used));
        d.put("train", "data/train.safetensors");
        if (data.validation() != null) {
            ExampleFile.write(data.validation(), used, Map.of(), dir.resolve("data/validation.safetensors"));
            d.put("validation", "data/validation.safetensors");
            ExampleFile.write(table, used, Map.of(), dir.resolve("data/train.safetensors"));
        } else {
            ValidationSplit split = ValidationSplit.of(table.size(), options.validationFraction(), options.seed());
            // NetStudio's own split, by index: the same examples validate on both sides.
            ExampleFile.write(table, used, Map.of("split.validation", split.validation()),
                    dir.resolve("data/train.safetensors"));
            d.put("validation", null);
        }
        Optional<ExampleTable> test = table.test();
        if (test.isPresent() && used.stream().allMatch(c -> test.get().column(c).isPresent())) {
            ExampleFile.write(test.get(), used, Map.of(), dir.resolve("data/test.safetensors"));
            d.put("test", "data/test.safetensors");
        } else {
            d.put("test", null);
        }
        return d;
    }

    /** The values NetStudio's trainer starts a net without weights from, for the options' seed. */
    private static Weights initialWeights(NetDocument doc, long seed) {
        try (NetRunner runner = NetRunner.untrained(doc.net(), seed)) {
            return runner.weights();
        }
    }

    /** A file of the project as shipped with NetStudio. */
    static String template(String name) {
        try (InputStream in = PyTorchProject.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("NetStudio is missing its PyTorch project file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
