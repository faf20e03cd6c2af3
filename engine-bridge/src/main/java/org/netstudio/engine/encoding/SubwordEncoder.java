package org.netstudio.engine.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.engine.text.WordPieceTokenizer;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;

/**
 * Text ↔ BERT word-piece ids, read from a HuggingFace {@code tokenizer.json} by {@link
 * WordPieceTokenizer}: the {@code Subwords} encoder. A text becomes [CLS], its word pieces and
 * [SEP], truncated to the file's maximum length, as a BERT-style net expects. Immutable and
 * thread-safe.
 */
public final class SubwordEncoder implements TextEncoder {

    private final WordPieceTokenizer tokenizer;
    private final Coder coder;

    private SubwordEncoder(WordPieceTokenizer tokenizer, Coder coder) {
        this.tokenizer = tokenizer;
        this.coder = coder;
    }

    /**
     * Reads the tokenizer a {@code Subwords} coder names: "all-MiniLM-L6-v2" (shipped with
     * NetStudio) or the path of a {@code tokenizer.json}, relative to {@code base} when not absolute.
     *
     * @param coder the coder
     * @param base  the folder relative paths start from (the net file's), or null for the working folder
     * @return the encoder, whose {@link #coder()} also says the vocabulary's size
     * @throws IOException when the file cannot be read or is not a WordPiece tokenizer, naming it;
     *     or when the coder's size differs from the file's vocabulary
     */
    public static SubwordEncoder of(Coder coder, Path base) throws IOException {
        Objects.requireNonNull(coder, "coder");
        Coders.typeOf(coder, true);
        String name = (String) coder.options().get("tokenizer");
        WordPieceTokenizer tokenizer;
        if (name.equals(Coders.BUILT_IN_TOKENIZER)) {
            try (InputStream in = SentenceEncoder.class.getResourceAsStream(SentenceEncoder.MINILM_TOKENIZER)) {
                if (in == null) {
                    throw new IOException("The tokenizer of " + Coders.BUILT_IN_TOKENIZER + " is missing from this build");
                }
                tokenizer = WordPieceTokenizer.read(in, name);
            }
        } else {
            Path file = base == null ? Path.of(name) : base.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": no such tokenizer file (the Subwords encoder's tokenizer)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                tokenizer = WordPieceTokenizer.read(in, file.toString());
            }
        }
        Object size = coder.options().get("size");
        if (size instanceof Integer s && s != tokenizer.vocabularySize()) {
            throw new IOException(name + ": the tokenizer has " + tokenizer.vocabularySize() + " tokens, but the net's"
                    + " Subwords encoder says " + s);
        }
        Map<String, Object> options = new LinkedHashMap<>(coder.options());
        options.put("size", tokenizer.vocabularySize());
        return new SubwordEncoder(tokenizer, new Coder("Subwords", options));
    }

    @Override
    public int[] encode(String text) {
        return tokenizer.encode(text).ids();
    }

    @Override
    public int size() {
        return tokenizer.vocabularySize();
    }

    @Override
    public String units() {
        return "word pieces";
    }

    /** The word pieces, joined back into words ("em", "##bed" → "embed"), separated by spaces. */
    @Override
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("Index " + indices[i] + " at position " + (i + 1)
                        + " is outside the vocabulary (0 to " + (size() - 1) + ")");
            }
            String piece = tokenizer.token(indices[i]);
            if (piece.startsWith("##")) {
                sb.append(piece, 2, piece.length());
            } else {
                sb.append(sb.length() == 0 ? "" : " ").append(piece);
            }
        }
        return sb.toString();
    }

    @Override
    public Coder coder() {
        return coder;
    }

    @Override
    public String toString() {
        return "SubwordEncoder[" + coder.options().get("tokenizer") + ", " + size() + " tokens]";
    }
}
