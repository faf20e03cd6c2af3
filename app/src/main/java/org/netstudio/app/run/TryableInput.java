package org.netstudio.app.run;

import java.util.List;
import java.util.Optional;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What a person can give a net to try it: an image (its input declares an Image encoder, or is a
 * 1- or 3-channel picture), text (its input has a fitted Characters, Tokens or Subwords encoder), sentences (a BERT-style encoder such as the gallery's all-MiniLM-L6-v2,
 * whose inputs are {@code input_ids} and {@code attention_mask}), or nothing yet, with a sentence
 * saying what the net takes instead.
 */
public sealed interface TryableInput {

    /** The names a BERT-style text encoder's inputs carry (as in its ONNX export); token types are optional. */
    List<String> SENTENCE_INPUTS = List.of("input_ids", "attention_mask");

    /** An image classifier or any net of one image input; {@code encoder} turns a picture into its values. */
    record Image(ImageEncoder encoder) implements TryableInput {
    }

    /** A sentence encoder: token ids and an attention mask in, one vector per token out. */
    record Sentences() implements TryableInput {
    }

    /**
     * A net that reads text through a text encoder whose alphabet or vocabulary is known (it was
     * trained on text, or came with one): with {@code generates}, a next-character net that
     * continues a prompt; else a text classifier.
     */
    record Text(boolean generates) implements TryableInput {
    }

    /** A net Try It cannot feed yet, and why, in a sentence. */
    record Unsupported(String reason) implements TryableInput {
    }

    /** Which kind of input the net takes. */
    static TryableInput of(NetNode net) {
        return of(net, NetSummary.of(net));
    }

    /** As {@link #of(NetNode)}, from the net's summary when the caller has it (inference costs on a large net). */
    static TryableInput of(NetNode net, NetSummary summary) {
        if (net instanceof Graph g && g.inputs().keySet().containsAll(SENTENCE_INPUTS)) {
            return new Sentences();
        }
        Optional<TryableInput> text = text(net, summary);
        if (text.isPresent()) {
            return text.get();
        }
        if (summary.inputs().size() == 1) {
            Optional<ImageEncoder> encoder = NetImages.encoder(net, summary.inputs().get(0).type());
            if (encoder.isPresent()) {
                return new Image(encoder.get());
            }
        }
        return new Unsupported("Try It runs nets whose input is an image, text or sentences; " + takes(summary) + ".");
    }

    /** A net of one text input: one that continues text (n×alphabet out), or a classifier (a vector out). */
    private static Optional<TryableInput> text(NetNode net, NetSummary summary) {
        Optional<String> port = TextDatasets.textInput(net);
        if (port.isEmpty() || summary.inputs().size() != 1 || summary.outputs().isEmpty()) {
            return Optional.empty();
        }
        Coder coder = PortDecls.inputs(net).get(port.get()).coder();
        if (Coders.builtFromData(coder)) {
            return Optional.of(new Unsupported("This net's " + coder.type() + " encoder learns its "
                    + (coder.type().equals("Characters") ? "alphabet" : "vocabulary") + " from the text it trains on:"
                    + " train it on a text (Trainer › Data › Text file…, or a CSV of texts), use the trained weights,"
                    + " then try it here."));
        }
        TensorType out = summary.outputs().get(0).type();
        if (out.rankKnown() && out.rank() == 2 && coder.type().equals("Characters")) {
            return Optional.of(new Text(true));
        }
        if (out.rankKnown() && out.rank() == 1) {
            return Optional.of(new Text(false));
        }
        return Optional.of(new Unsupported("Try It continues text with nets that give the next character at each"
                + " position, and classifies text with nets that give a vector of classes; this net outputs "
                + out.describe() + "."));
    }

    /** The first error that keeps the net from running ("does not check"), if any. */
    static Optional<String> problem(NetNode net) {
        return problem(NetSummary.of(net));
    }

    /** The first error among a summary's diagnostics, if any. */
    static Optional<String> problem(NetSummary summary) {
        return summary.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).map(Diagnostic::message).findFirst();
    }

    private static String takes(NetSummary s) {
        if (s.inputs().isEmpty()) {
            return "this net has no input";
        }
        if (s.inputs().size() > 1) {
            return "this net takes " + s.inputs().size() + " inputs ("
                    + String.join(", ", s.inputs().stream().map(NetSummary.Port::name).toList()) + ")";
        }
        TensorType t = s.inputs().get(0).type();
        if (t.kind() instanceof ElementKind.Index && t.rankKnown() && t.rank() == 1) {
            return "this net takes a sequence of token indices (" + t.describe() + ")";
        }
        if (!t.rankKnown()) {
            return "this net's input has no declared shape yet";
        }
        return "this net takes " + t.describe();
    }
}
