package org.netstudio.netgraph.io.pytorch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;

/**
 * Writes encoders.py: NetStudio's encoders and decoders of a net's ports as small Python
 * functions, {@code encode_<port>(raw)} per input with an encoder and {@code decode_<port>(tensor)}
 * per output with a decoder, computing what the engine's encoders compute (image resizing and
 * normalisation, class labels, characters). Coders it cannot express (Tokens, Subwords) get a
 * comment saying so.
 */
final class EncoderSource {

    private EncoderSource() {
    }

    static String of(NetNode net) {
        StringBuilder sb = new StringBuilder();
        sb.append("\"\"\"NetStudio's encoders and decoders of this net's ports, as plain functions.\"\"\"\n")
                .append(usesTokens(net) ? "import unicodedata\n\n" : "")
                .append("import torch\nimport torch.nn.functional as F\n\n");
        List<String> body = new ArrayList<>();
        Map<String, PortDecl> inputs = declarations(net, true);
        Map<String, PortDecl> outputs = declarations(net, false);
        inputs.forEach((port, decl) -> {
            if (decl.coder() != null) {
                body.add(encoder(PythonNames.sanitised(port), decl.coder()));
            }
        });
        outputs.forEach((port, decl) -> {
            if (decl.coder() != null) {
                body.add(decoder(PythonNames.sanitised(port), decl.coder()));
            }
        });
        if (body.isEmpty()) {
            body.add("# The net declares no encoders or decoders: its ports take and give plain tensors.\n");
        }
        sb.append("\n").append(String.join("\n\n", body));
        return sb.toString();
    }

    private static Map<String, PortDecl> declarations(NetNode net, boolean in) {
        Map<String, PortDecl> out = new java.util.LinkedHashMap<>();
        if (net instanceof Chain c) {
            out.put(in ? "Input" : "Output", in ? c.input() : c.output());
        } else if (net instanceof Graph g) {
            out.putAll(in ? g.inputs() : g.outputs());
        }
        return out;
    }

    private static String encoder(String port, Coder coder) {
        Map<String, Object> o = coder.options();
        switch (coder.type()) {
            case "Image": {
                List<?> size = (List<?>) o.get("size");
                int channels = "Grayscale".equals(String.valueOf(o.getOrDefault("colorSpace", "RGB"))) ? 1 : 3;
                String mean = "0.0";
                String std = "1.0";
                if (o.get("mean") instanceof List<?> m && o.get("std") instanceof List<?> s) {
                    mean = perChannel(m);
                    std = perChannel(s);
                }
                return "IMAGE_SIZE_" + port + " = (" + size.get(1) + ", " + size.get(0) + ")  # height, width\n"
                        + "MEAN_" + port + " = " + mean + "\n"
                        + "STD_" + port + " = " + std + "\n\n\n"
                        + "def encode_" + port + "(images):\n"
                        + "    \"\"\"uint8 images (N, H, W) or (N, H, W, C) -> float32 (N, " + channels + ", " + size.get(1)
                        + ", " + size.get(0) + "), as NetStudio reads images:\n"
                        + "    bilinear resizing (pixel centres aligned), "
                        + (channels == 1 ? "grayscale (0.299 R + 0.587 G + 0.114 B)" : "RGB")
                        + ", scaled to [0, 1], then (v - mean) / std.\"\"\"\n"
                        + "    x = torch.as_tensor(images)\n"
                        + "    if x.dim() == 3:\n"
                        + "        x = x.unsqueeze(-1)\n"
                        + "    x = x.to(torch.float32).permute(0, 3, 1, 2)\n"
                        + (channels == 1
                            ? "    if x.shape[1] >= 3:\n"
                              + "        x = 0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3]\n"
                            : "    if x.shape[1] == 1:\n"
                              + "        x = x.expand(-1, 3, -1, -1)\n"
                              + "    x = x[:, :3]\n")
                        + "    if tuple(x.shape[2:]) != IMAGE_SIZE_" + port + ":\n"
                        + "        x = F.interpolate(x, size=IMAGE_SIZE_" + port + ", mode=\"bilinear\", align_corners=False)\n"
                        + "    x = x / 255\n"
                        + "    mean = torch.tensor(MEAN_" + port + ").reshape(-1, 1, 1)\n"
                        + "    std = torch.tensor(STD_" + port + ").reshape(-1, 1, 1)\n"
                        + "    return (x - mean) / std\n";
            }
            case "Class":
                return "LABELS_" + port + " = " + ModelSource.pyList(labels(o)) + "\n\n\n"
                        + "def encode_" + port + "(labels):\n"
                        + "    \"\"\"Class labels -> their indices, int64 (N).\"\"\"\n"
                        + "    index = {label: i for i, label in enumerate(LABELS_" + port + ")}\n"
                        + "    return torch.tensor([index[str(label)] for label in labels], dtype=torch.int64)\n";
            case "Characters": {
                String alphabet = String.valueOf(o.getOrDefault("alphabet", ""));
                return "ALPHABET_" + port + " = " + ModelSource.py(alphabet) + "\n\n\n"
                        + "def encode_" + port + "(texts):\n"
                        + "    \"\"\"Texts -> (int64 (N, longest) character indices padded with 0, int64 (N) lengths).\n\n"
                        + "    A character outside the alphabet becomes U+FFFD when the alphabet has it, else is an error.\n"
                        + "    \"\"\"\n"
                        + "    index = {c: i for i, c in enumerate(ALPHABET_" + port + ")}\n"
                        + "    unknown = index.get(\"\\ufffd\")\n"
                        + "    rows = []\n"
                        + "    for text in texts:\n"
                        + "        row = []\n"
                        + "        for c in text:\n"
                        + "            if c not in index and unknown is None:\n"
                        + "                raise ValueError(f\"the character {c!r} of {text[:40]!r} is not in the alphabet\")\n"
                        + "            row.append(index.get(c, unknown))\n"
                        + "        rows.append(row)\n"
                        + "    lengths = torch.tensor([len(r) for r in rows], dtype=torch.int64)\n"
                        + "    padded = torch.zeros(len(rows), max([len(r) for r in rows], default=0), dtype=torch.int64)\n"
                        + "    for i, r in enumerate(rows):\n"
                        + "        padded[i, :len(r)] = torch.tensor(r, dtype=torch.int64)\n"
                        + "    return padded, lengths\n";
            }
            case "Tokens":
                return tokens(port, o);
            default:
                return "# encode_" + port + ": NetStudio's " + coder.type() + " encoder has no Python version here;"
                        + " give the port its tensor.\n";
        }
    }

    private static String decoder(String port, Coder coder) {
        Map<String, Object> o = coder.options();
        switch (coder.type()) {
            case "Class":
                return "LABELS_" + port + " = " + ModelSource.pyList(labels(o)) + "\n\n\n"
                        + "def decode_" + port + "(probabilities):\n"
                        + "    \"\"\"(N, classes) -> the most probable class's label per example.\"\"\"\n"
                        + "    return [LABELS_" + port + "[i] for i in probabilities.argmax(-1).tolist()]\n";
            case "Characters":
                return "ALPHABET_" + port + " = " + ModelSource.py(String.valueOf(o.getOrDefault("alphabet", ""))) + "\n\n\n"
                        + "def decode_" + port + "(probabilities, lengths=None):\n"
                        + "    \"\"\"(N, n, alphabet) -> the most probable character at each step, one text per example.\"\"\"\n"
                        + "    best = probabilities.argmax(-1).tolist()\n"
                        + "    if lengths is not None:\n"
                        + "        best = [row[:n] for row, n in zip(best, lengths.tolist())]\n"
                        + "    return [\"\".join(ALPHABET_" + port + "[i] for i in row) for row in best]\n";
            case "Boolean":
                return "def decode_" + port + "(probabilities):\n"
                        + "    \"\"\"Probabilities -> True where above one half.\"\"\"\n"
                        + "    return (probabilities > 0.5).reshape(-1).tolist()\n";
            default:
                return "# decode_" + port + ": NetStudio's " + coder.type() + " decoder has no Python version here.\n";
        }
    }

    /** The Tokens encoder: words as NetStudio's TokenEncoder splits them, looked up in the vocabulary. */
    private static String tokens(String port, Map<String, Object> o) {
        List<String> vocabulary = new ArrayList<>();
        if (o.get("vocabulary") instanceof List<?> l) {
            l.forEach(v -> vocabulary.add(String.valueOf(v)));
        }
        String unknown = String.valueOf(o.getOrDefault("unknown", Coders.DEFAULT_UNKNOWN_TOKEN));
        boolean lower = !Boolean.FALSE.equals(o.get("lowercase"));
        return "VOCABULARY_" + port + " = " + ModelSource.pyList(vocabulary) + "\n"
                + "UNKNOWN_" + port + " = " + ModelSource.py(unknown) + "\n\n\n"
                + "def _is_word_part(c):\n"
                + "    return unicodedata.category(c)[0] == \"L\" or unicodedata.category(c) in (\"Nd\", \"Nl\", \"No\", \"Mn\", \"Mc\", \"Me\")\n\n\n"
                + "def words_" + port + "(text):\n"
                + "    \"\"\"The words of a text as NetStudio splits them: runs of letters and digits (an apostrophe\n"
                + "    inside one kept), every other visible character alone" + (lower ? ", lower-cased" : "") + ".\"\"\"\n"
                + (lower ? "    text = text.lower()\n" : "")
                + "    out, i = [], 0\n"
                + "    while i < len(text):\n"
                + "        c = text[i]\n"
                + "        if c.isspace() or unicodedata.category(c) in (\"Zs\", \"Zl\", \"Zp\", \"Cc\"):\n"
                + "            i += 1\n"
                + "        elif _is_word_part(c):\n"
                + "            end = i + 1\n"
                + "            while end < len(text) and (_is_word_part(text[end]) or (text[end] in \"'\\u2019\"\n"
                + "                                                             and end + 1 < len(text) and _is_word_part(text[end + 1]))):\n"
                + "                end += 1\n"
                + "            out.append(text[i:end])\n"
                + "            i = end\n"
                + "        else:\n"
                + "            out.append(c)\n"
                + "            i += 1\n"
                + "    return out\n\n\n"
                + "def encode_" + port + "(texts):\n"
                + "    \"\"\"Texts -> (int64 (N, most words) token indices padded with 0, int64 (N) lengths); unknown\n"
                + "    words become the unknown token.\"\"\"\n"
                + "    index = {t: i for i, t in enumerate(VOCABULARY_" + port + ")}\n"
                + "    unknown = index[UNKNOWN_" + port + "]\n"
                + "    rows = [[index.get(w, unknown) for w in words_" + port + "(text)] for text in texts]\n"
                + "    lengths = torch.tensor([len(r) for r in rows], dtype=torch.int64)\n"
                + "    padded = torch.zeros(len(rows), max([len(r) for r in rows], default=0), dtype=torch.int64)\n"
                + "    for i, r in enumerate(rows):\n"
                + "        padded[i, :len(r)] = torch.tensor(r, dtype=torch.int64)\n"
                + "    return padded, lengths\n";
    }

    private static List<String> labels(Map<String, Object> o) {
        List<String> out = new ArrayList<>();
        if (o.get("labels") instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static String perChannel(List<?> values) {
        List<String> s = new ArrayList<>();
        values.forEach(v -> s.add(Double.toString(((Number) v).doubleValue())));
        return s.size() == 1 ? s.get(0) : "[" + String.join(", ", s) + "]";
    }

    private static boolean usesTokens(NetNode net) {
        return declarations(net, true).values().stream().anyMatch(d -> d.coder() != null && d.coder().type().equals("Tokens"));
    }
}
