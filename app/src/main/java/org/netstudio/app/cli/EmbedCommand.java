package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.app.gallery.NotDownloadedException;
import org.netstudio.app.gallery.SentenceClassifier;
import org.netstudio.app.run.Embeddings;
import org.netstudio.app.run.SentenceEmbedder;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netstudio embed SENTENCE... [--net ID] [--json]}: sentence embeddings from a gallery
 * sentence encoder (all-MiniLM-L6-v2, {@code minilm}, unless {@code --net} names another), run by
 * ONNX Runtime on its model file, and how similar the sentences are to each other.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed sentences with a pretrained sentence encoder of the gallery (all-MiniLM-L6-v2 unless --net"
                + " says otherwise; 384 values each, unit length) and print the first values of each embedding and the"
                + " cosine similarity of every two sentences.")
public final class EmbedCommand extends Subcommand {

    @Parameters(arity = "1..*", paramLabel = "SENTENCE", description = "Texts to embed; quote each one.")
    private List<String> sentences;

    @Mixin
    private JsonOption json;

    @Option(names = "--values", paramLabel = "N", defaultValue = "5",
            description = "How many values of each embedding the summary shows (default ${DEFAULT-VALUE}).")
    private int values;

    @Option(names = "--net", paramLabel = "NET", defaultValue = SentenceClassifier.ENCODER_ID,
            description = "The gallery's sentence encoder: minilm (default, included), bge-small-en-v1.5 or e5-small-v2"
                    + " (downloaded first with: netstudio gallery download ID); or a net file of an encoder, as Try It"
                    + " embeds with the net open in the window (one you edited or fine-tuned).")
    private String net;

    @Override
    public Integer call() {
        float[][] embeddings;
        int dimension;
        String model;
        Gallery gallery = Gallery.standard();
        if (java.nio.file.Files.exists(java.nio.file.Path.of(net))) {
            // A net file runs as the net it is, with its weights, as Try It runs the net in front.
            LoadedNet loaded = new NetArgument() {
                @Override
                String value() {
                    return net;
                }
            }.load();
            Weights weights = loaded.weights().orElse(null);
            try (SentenceEmbedder embedder = SentenceEmbedder.load(loaded.document().net(), weights,
                    gallery.recipe(loaded.document().net(), weights))) {
                Embeddings e = embedder.embed(sentences);
                embeddings = e.vectors();
                dimension = e.dimension();
                model = loaded.document().name();
            } catch (IllegalArgumentException e) {
                throw CommandFailure.invalid(net + ": " + e.getMessage());
            } catch (NotDownloadedException | GalleryException | UncheckedIOException | IllegalStateException e) {
                throw CommandFailure.unreadable(e.getMessage());
            }
        } else {
            try (SentenceEncoder encoder = gallery.encoder(net)) {
                model = gallery.find(net).orElseThrow().name();
                embeddings = encoder.embed(sentences);
                dimension = encoder.dimension();
            } catch (IllegalArgumentException e) {
                throw CommandFailure.invalid(e.getMessage());
            } catch (NotDownloadedException | GalleryException | UncheckedIOException | IllegalStateException e) {
                throw CommandFailure.unreadable(e.getMessage());
            }
        }
        double[][] similarities = SentenceEncoder.similarities(embeddings);
        PrintWriter out = out();
        if (json.on()) {
            JsonOutput.print(out, toJson(model, dimension, sentences, embeddings, similarities));
        } else {
            out.print(summary(model, dimension, sentences, embeddings, similarities, Math.max(0, values)));
            out.flush();
        }
        return ExitCodes.OK;
    }

    static ObjectNode toJson(String model, int dimension, List<String> sentences, float[][] embeddings,
                             double[][] similarities) {
        ObjectNode root = JsonOutput.NODES.objectNode();
        root.put("model", model);
        root.put("dimension", dimension);
        ArrayNode texts = root.putArray("sentences");
        sentences.forEach(texts::add);
        ArrayNode rows = root.putArray("embeddings");
        for (float[] e : embeddings) {
            ArrayNode row = rows.addArray();
            for (float v : e) {
                row.add(v);
            }
        }
        ArrayNode sims = root.putArray("similarities");
        for (double[] r : similarities) {
            ArrayNode row = sims.addArray();
            for (double v : r) {
                row.add(v);
            }
        }
        return root;
    }

    static String summary(String model, int dimension, List<String> sentences, float[][] embeddings,
                          double[][] similarities, int values) {
        StringBuilder sb = new StringBuilder();
        int n = sentences.size();
        sb.append(String.format(Locale.ROOT, "%s: %d %s, %d values each (unit length)\n\n", model, n,
                n == 1 ? "sentence" : "sentences", dimension));
        int shown = Math.min(values, dimension);
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%d  %s\n  ", i + 1, sentences.get(i)));
            for (int k = 0; k < shown; k++) {
                sb.append(String.format(Locale.ROOT, " %8.5f", embeddings[i][k]));
            }
            sb.append(shown < dimension ? String.format(Locale.ROOT, "  … (%d more)\n", dimension - shown) : "\n");
        }
        sb.append("\nCosine similarity\n");
        int width = String.valueOf(n).length();
        sb.append(" ".repeat(width));
        for (int j = 0; j < n; j++) {
            sb.append(String.format(Locale.ROOT, " %7d", j + 1));
        }
        sb.append("\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "d", i + 1));
            for (int j = 0; j < n; j++) {
                sb.append(String.format(Locale.ROOT, " %7.4f", similarities[i][j]));
            }
            sb.append("\n");
        }
        return sb.toString();
    }
}
