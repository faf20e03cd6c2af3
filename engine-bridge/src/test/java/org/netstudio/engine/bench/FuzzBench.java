package org.netstudio.engine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.netstudio.engine.data.DatasetFuzzTargets;
import org.netstudio.netgraph.fuzz.FuzzReport;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.NetFileFuzz;
import org.netstudio.netgraph.fuzz.NsnetFuzz;
import org.netstudio.netgraph.fuzz.OnnxFuzz;

/**
 * {@code ./bench fuzz}: the long run of the fuzzing suite over every reader (issue 15), at a
 * 512 MB heap: the net file reader with inference, the .nsnet/safetensors reader, the ONNX
 * importer (seeded also with the exported PyTorch models of the tests and all-MiniLM-L6-v2, and
 * again from the ONNX conformance models of Debian's libonnx-testdata when they are installed), the
 * IDX, CSV and image-folder readers. Prints one row per reader and every finding with the command
 * that makes it again; exits 1 when any input ended in anything but a clean refusal. Options: see
 * {@link FuzzReport}.
 */
public final class FuzzBench {

    private FuzzBench() {
    }

    public static void main(String[] args) throws IOException {
        List<FuzzTarget> targets = new ArrayList<>(List.of(new NetFileFuzz(), new NsnetFuzz(), new OnnxFuzz(onnxSeeds())));
        List<Path> conformance = conformanceModels();
        if (!conformance.isEmpty()) {
            targets.add(OnnxFuzz.ofFiles("conformance ONNX models", conformance));
        }
        targets.addAll(DatasetFuzzTargets.all());
        targets.add(new org.netstudio.engine.text.TokenizerFuzz());
        System.exit(FuzzReport.run(args, targets, System.out) ? 0 : 1);
    }

    /** The ONNX conformance set's models (Debian's libonnx-testdata, about a thousand), or none when not installed. */
    private static List<Path> conformanceModels() throws IOException {
        Path data = Path.of("/usr/share/libonnx-testdata/data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        }
    }

    /** The ONNX files of the tests' resources, and MiniLM copied from its jar into a temporary file. */
    private static List<Path> onnxSeeds() throws IOException {
        List<Path> seeds = new ArrayList<>();
        Path fixtures = Path.of("src", "test", "resources", "onnx");
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> files = Files.list(fixtures)) {
                seeds.addAll(files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList());
            }
        }
        try (InputStream in = FuzzBench.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            if (in != null) {
                Path minilm = Files.createTempFile("all-minilm-l6-v2-", ".onnx");
                minilm.toFile().deleteOnExit();
                Files.copy(in, minilm, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                seeds.add(minilm);
            }
        }
        return seeds;
    }
}
