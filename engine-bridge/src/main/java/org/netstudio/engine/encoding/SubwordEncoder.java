package org.netstudio.engine.encoding;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;

/**
 * Text ↔ subword ids, read from any Hugging Face {@code tokenizer.json} (WordPiece, BPE, Unigram) by
 * {@link SubwordTokenizer}: the {@code Subwords} encoder. A text becomes its tokens framed as the
 * file says ([CLS] … [SEP] for BERT, &lt;s&gt; … &lt;/s&gt; for RoBERTa), truncated to the file's maximum
 * length, as the net the tokenizer belongs to expects. Immutable and thread-safe.
 */
public final class SubwordEncoder implements TextEncoder {

    private final SubwordTokenizer tokenizer;
    private final Coder coder;

    private SubwordEncoder(SubwordTokenizer tokenizer, Coder coder) {
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
     * @throws IOException when the file cannot be read or is not a tokenizer, naming it;
     *     or when the coder's size differs from the file's vocabulary
     */
    public static SubwordEncoder of(Coder coder, Path base) throws IOException {
        Objects.requireNonNull(coder, "coder");
        Coders.typeOf(coder, true);
        String name = (String) coder.options().get("tokenizer");
        SubwordTokenizer tokenizer;
        if (name.equals(Coders.BUILT_IN_TOKENIZER)) {
            tokenizer = SubwordTokenizer.miniLm();
        } else {
            Path file = base == null ? Path.of(name) : base.resolve(name);
            try {
                tokenizer = SubwordTokenizer.read(file);
            } catch (NoSuchFileException e) {
                throw new IOException(file + ": no such tokenizer file (the Subwords encoder's tokenizer)", e);
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

    /** The text of subword ids, as the tokenizer's decoder joins them ("em", "##bed" → "embed"). */
    @Override
    public String decode(int[] indices) {
        return tokenizer.decode(indices);
    }

    /** The id the tokenizer pads short texts with (its file's). */
    public int padId() {
        return tokenizer.padId();
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
