package org.netstudio.netgraph.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.RandomNets;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * Fuzzes the net file reader and whole-net inference: random valid nets (every layer family,
 * nested chains and graphs) and a few nets made to break inference (sizes near 2^31, deep
 * expressions, self-loops), mutated in their JSON structure and in their bytes. Reading is what
 * {@code netstudio check} does: read, infer, summarise. Refusal: a {@link NetFileException}.
 */
public final class NetFileFuzz implements FuzzTarget {

    private static final String HEAD = "{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", ";

    private static final List<String> HOSTILE = List.of(
            HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [3, 46341, 46341]}, \"layers\": ["
                    + "{\"type\": \"Convolution\", \"channels\": 8, \"kernel\": 3}, {\"type\": \"Flatten\"},"
                    + " {\"type\": \"Linear\", \"units\": 10}]}}",
            HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 65536]}, \"layers\": ["
                    + "{\"type\": \"LSTM\", \"units\": 1073741824}, {\"type\": \"GRU\", \"units\": 8, \"returnSequences\": false}]}}",
            HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [4]}, \"layers\": ["
                    + "{\"type\": \"Elementwise\", \"function\": \"min(max(x, 0), 6) * tanh(x)^2\"}, {\"type\": \"Softmax\"}]}}",
            HEAD + "\"net\": {\"type\": \"Graph\", \"inputs\": {\"x\": {\"shape\": [8]}}, \"nodes\": {\"a\": {\"type\": \"Ramp\"},"
                    + " \"b\": {\"type\": \"Total\"}, \"c\": {\"type\": \"Catenate\"}}, \"edges\": [{\"from\": \"x\", \"to\": \"a\"},"
                    + " {\"from\": \"a\", \"to\": \"b.Input1\"}, {\"from\": \"b\", \"to\": \"b.Input2\"}, {\"from\": \"b\", \"to\": \"c.Input1\"},"
                    + " {\"from\": \"a\", \"to\": \"c.Input2\"}, {\"from\": \"c\", \"to\": \"y\"}], \"outputs\": {\"y\": {}}}}",
            HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [1, 2147483647]}, \"layers\": ["
                    + "{\"type\": \"Deconvolution\", \"channels\": 2, \"kernel\": 2, \"stride\": 2}, {\"type\": \"Pooling\","
                    + " \"kernel\": 2, \"stride\": 1, \"padding\": 1}, {\"type\": \"Reshape\", \"shape\": [-1, 65536]}]}}",
            HEAD + "\"net\": {\"type\": \"Graph\", \"inputs\": {\"k\": {\"shape\": [\"n\", 64]}, \"q\": {\"shape\": [\"m\", 64]}},"
                    + " \"nodes\": {\"att\": {\"type\": \"Attention\", \"heads\": 8}}, \"edges\": [{\"from\": \"k\", \"to\": \"att.Key\"},"
                    + " {\"from\": \"k\", \"to\": \"att.Value\"}, {\"from\": \"q\", \"to\": \"att.Query\"}, {\"from\": \"att\", \"to\": \"y\"}],"
                    + " \"outputs\": {\"y\": {}}}}");

    @Override
    public String name() {
        return "net file + inference";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        byte[] seed = r.nextInt(4) == 0 ? HOSTILE.get(r.nextInt(HOSTILE.size())).getBytes(StandardCharsets.UTF_8)
                : NetFileWriter.toBytes(RandomNets.document(r.nextLong()));
        String made;
        byte[] bytes;
        switch (r.nextInt(5)) {
            case 0 -> {
                made = "valid";
                bytes = seed;
            }
            case 1 -> {
                made = "bytes mutated";
                bytes = Mutations.mutate(seed, r);
            }
            case 2 -> {
                made = "JSON and bytes mutated";
                bytes = Mutations.mutate(JsonMutations.mutate(seed, r), r);
            }
            default -> {
                made = "JSON mutated";
                bytes = JsonMutations.mutate(seed, r);
            }
        }
        return new FuzzInput(Files.write(dir.resolve("net.json"), bytes), made);
    }

    @Override
    public Object read(Path input) throws Exception {
        NetDocument doc = NetFileReader.read(input);
        InferenceResult r = ShapeInference.infer(doc.net());
        NetSummary.of(doc.net(), r);
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof NetFileException && FuzzTarget.isSentence(t.getMessage());
    }
}
