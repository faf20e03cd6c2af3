package org.netstudio.engine.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;

/**
 * Makes the {@link TextEncoder} of a net's text coder ({@code Characters}, {@code Tokens},
 * {@code Subwords}): as declared, or built from training data when the coder says so (a
 * Characters encoder without an alphabet, a Tokens encoder without a vocabulary). Stateless.
 */
public final class TextEncoders {

    private TextEncoders() {
    }

    /**
     * The encoder of a coder that is ready to use (its alphabet or vocabulary given).
     *
     * @param coder a text coder
     * @param base  the folder a Subwords tokenizer path is relative to, or null
     * @throws IllegalArgumentException when it is not a text coder, or still has to be built from data
     * @throws UncheckedIOException when a Subwords tokenizer cannot be read (the message names it)
     */
    public static TextEncoder of(Coder coder, Path base) {
        Objects.requireNonNull(coder, "coder");
        if (Coders.builtFromData(coder)) {
            throw new IllegalArgumentException("The " + coder.type() + " encoder has no "
                    + (coder.type().equals("Tokens") ? "vocabulary" : "alphabet") + " yet; it is built from the"
                    + " training data when the net is trained");
        }
        return switch (coder.type()) {
            case "Characters" -> new CharacterEncoder((String) coder.options().get("alphabet"));
            case "Tokens" -> TokenEncoder.of(coder);
            case "Subwords" -> subwords(coder, base);
            default -> throw new IllegalArgumentException("A " + coder.type() + " coder does not encode text");
        };
    }

    /**
     * The encoder of a coder, built from training texts when it has no alphabet or vocabulary yet
     * (else as declared; the texts are then not read).
     *
     * @param coder a text coder
     * @param texts the training texts, read once
     * @param base  the folder a Subwords tokenizer path is relative to, or null
     */
    public static TextEncoder fit(Coder coder, Iterable<String> texts, Path base) {
        Objects.requireNonNull(coder, "coder");
        if (!Coders.builtFromData(coder)) {
            return of(coder, base);
        }
        return coder.type().equals("Tokens") ? TokenEncoder.build(coder, texts) : CharacterEncoder.build(texts);
    }

    private static TextEncoder subwords(Coder coder, Path base) {
        try {
            return SubwordEncoder.of(coder, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
