package org.netstudio.netgraph.net;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.text.Shown;

/**
 * What encoders and decoders mean for types: the tensor an encoder produces at a net input, and
 * the tensor a decoder expects at an output.
 * <ul>
 * <li>{@code Image}: {@code size} [width, height], {@code colorSpace} "Grayscale" or "RGB"
 * (optional {@code mean}, {@code std}, and {@code augmentation}, how training varies the images:
 * see {@link ImageAugmentation}) → a real {@code c×height×width} array;</li>
 * <li>{@code Class}: {@code labels} → an index in 0..labels-1 (encoder) or a probability vector of
 * size labels (decoder);</li>
 * <li>{@code Characters}: {@code alphabet} (a string) → n indices (encoder) or n×alphabet
 * probabilities (decoder). Without an alphabet, training builds it from the characters of the
 * training data (sorted, then U+FFFD) and stores it in the net. U+FFFD (�) in an alphabet stands
 * for every character outside it;</li>
 * <li>{@code Tokens}: words (runs of letters and digits; each other visible character alone) →
 * n indices into {@code vocabulary} (encoder), or n×vocabulary probabilities (decoder). Options:
 * {@code vocabulary} (a list of distinct tokens holding the unknown token), {@code unknown} (the
 * token words outside the vocabulary become, default "&lt;unk&gt;"), {@code lowercase} (default
 * true), {@code minCount} (default 1) and {@code maxSize} (no limit by default). Without a
 * vocabulary, training builds it from the training data: the unknown token, then the words seen
 * at least minCount times, most frequent first, at most maxSize entries in all;</li>
 * <li>{@code Subwords}: subword tokens from a Hugging Face {@code tokenizer.json} (WordPiece, BPE
 * or Unigram);
 * {@code tokenizer} is the file's path or "all-MiniLM-L6-v2" (the one NetStudio ships), {@code
 * size} the number of tokens of its vocabulary (filled in when the file is read) → n indices;</li>
 * <li>{@code Boolean}: a real scalar (a probability, for a decoder).</li>
 * </ul>
 * Until an alphabet or vocabulary is built, the index range (and a decoder's last size) is not
 * known.
 */
public final class Coders {

    public static final List<String> TYPES = List.of("Image", "Class", "Characters", "Tokens", "Subwords", "Boolean");

    /** The coders that turn text into index sequences. */
    public static final List<String> TEXT_TYPES = List.of("Characters", "Tokens", "Subwords");

    /** The character that stands for every character outside an alphabet that holds it. */
    public static final int UNKNOWN_CHARACTER = 0xFFFD;

    /** The unknown token of a Tokens coder that names none. */
    public static final String DEFAULT_UNKNOWN_TOKEN = "<unk>";

    /** The tokenizer NetStudio ships (all-MiniLM-L6-v2's WordPiece vocabulary). */
    public static final String BUILT_IN_TOKENIZER = "all-MiniLM-L6-v2";

    private Coders() {
    }

    /**
     * The tensor type at the port; throws IllegalArgumentException with a sentence naming the bad
     * option (a {@link CoderOptionException} says which, so that the reader adds the JSON path).
     */
    public static TensorType typeOf(Coder coder, boolean encoder) {
        Map<String, Object> o = coder.options();
        switch (coder.type()) {
            case "Image": {
                checkOnly(coder, "size", "colorSpace", "mean", "std", ImageAugmentation.OPTION);
                if (!encoder && o.containsKey(ImageAugmentation.OPTION)) {
                    throw new CoderOptionException(ImageAugmentation.OPTION, -1, "augmentation varies the images a net"
                            + " reads in training; an Image decoder has none");
                }
                ImageAugmentation.parse(o.get(ImageAugmentation.OPTION));
                List<Integer> size = intList(o.get("size"), "Image size", 2);
                Object space = o.getOrDefault("colorSpace", "RGB");
                String cs = String.valueOf(space);
                int channels = switch (space instanceof String ? cs : "") {
                    case "Grayscale" -> 1;
                    case "RGB" -> 3;
                    default -> throw new CoderOptionException("colorSpace", -1,
                            "colorSpace must be \"Grayscale\" or \"RGB\", but got " + Shown.quoted(cs));
                };
                return TensorType.real(channels, size.get(1), size.get(0));
            }
            case "Class": {
                checkOnly(coder, "labels");
                List<?> labels = labels(o.get("labels"));
                return encoder ? new TensorType(ElementKind.index(labels.size()), List.of())
                        : TensorType.real(labels.size());
            }
            case "Characters": {
                checkOnly(coder, "alphabet");
                return sequence(alphabetSize(o.get("alphabet")), encoder);
            }
            case "Tokens": {
                checkOnly(coder, "vocabulary", "unknown", "lowercase", "minCount", "maxSize");
                String unknown = unknownToken(coder);
                flag(o, "lowercase");
                positive(o, "minCount", 1);
                positive(o, "maxSize", 2);
                return sequence(vocabularySize(o.get("vocabulary"), unknown), encoder);
            }
            case "Subwords": {
                checkOnly(coder, "tokenizer", "size");
                if (!encoder) {
                    throw new CoderOptionException(null, -1, "Subwords is an encoder only; decode word pieces with"
                            + " a Class decoder over the vocabulary");
                }
                Object t = o.get("tokenizer");
                if (!(t instanceof String s) || s.isBlank()) {
                    throw new CoderOptionException("tokenizer", -1, "Subwords needs a tokenizer: the path of a"
                            + " tokenizer.json or \"" + BUILT_IN_TOKENIZER + "\", but got " + show(t));
                }
                return sequence(positive(o, "size", 1), true);
            }
            case "Boolean":
                checkOnly(coder);
                return TensorType.SCALAR;
            default:
                throw new CoderOptionException(null, -1, "unknown " + (encoder ? "encoder" : "decoder") + " type \""
                        + coder.type() + "\" (known: " + String.join(", ", TYPES) + ")");
        }
    }

    /** Class labels of a Class coder, or an empty list for others. */
    public static List<String> labels(Coder coder) {
        if (coder == null || !coder.type().equals("Class")) {
            return List.of();
        }
        return labels(coder.options().get("labels")).stream().map(String::valueOf).toList();
    }

    /** Whether a coder turns text into (or decodes) a sequence of indices: Characters, Tokens or Subwords. */
    public static boolean isText(Coder coder) {
        return coder != null && TEXT_TYPES.contains(coder.type());
    }

    /**
     * Whether a text coder still has to build its alphabet or vocabulary from training data
     * (Characters without an alphabet, Tokens without a vocabulary).
     */
    public static boolean builtFromData(Coder coder) {
        if (coder == null) {
            return false;
        }
        return switch (coder.type()) {
            case "Characters" -> !coder.options().containsKey("alphabet");
            case "Tokens" -> !coder.options().containsKey("vocabulary");
            default -> false;
        };
    }

    /** The unknown token of a Tokens coder. */
    public static String unknownToken(Coder coder) {
        Object u = coder.options().getOrDefault("unknown", DEFAULT_UNKNOWN_TOKEN);
        if (!(u instanceof String s) || s.isEmpty()) {
            throw new CoderOptionException("unknown", -1, "unknown must be a non-empty token such as \""
                    + DEFAULT_UNKNOWN_TOKEN + "\", but got " + show(u));
        }
        return s;
    }

    /** A boolean option, or its default; throws when it is there and not a boolean. */
    public static boolean flag(Map<String, Object> options, String name, boolean fallback) {
        Object v = options.get(name);
        return v == null ? fallback : flag(options, name);
    }

    private static boolean flag(Map<String, Object> options, String name) {
        Object v = options.get(name);
        if (v != null && !(v instanceof Boolean)) {
            throw new CoderOptionException(name, -1, name + " must be true or false, but got " + show(v));
        }
        return Boolean.TRUE.equals(v);
    }

    /** A positive whole-number option of at least {@code min}, 0 when absent. */
    private static int positive(Map<String, Object> options, String name, int min) {
        Object v = options.get(name);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Integer i) || i < min) {
            throw new CoderOptionException(name, -1, name + " must be a whole number of at least " + min + ", but got "
                    + show(v));
        }
        return i;
    }

    /** n indices (encoder) or n×size probabilities (decoder); a size of 0 is not known yet. */
    private static TensorType sequence(int size, boolean encoder) {
        return encoder ? new TensorType(ElementKind.index(size), List.of(Dim.symbolic("n")))
                : TensorType.real(List.of(Dim.symbolic("n"), size > 0 ? Dim.of(size) : Dim.UNKNOWN));
    }

    private static int alphabetSize(Object a) {
        if (a == null) {
            return 0;
        }
        if (!(a instanceof String s) || s.isEmpty()) {
            throw new CoderOptionException("alphabet", -1, "Characters needs an alphabet, a non-empty string"
                    + " (or none, to build it from the training data)");
        }
        Set<Integer> seen = new HashSet<>();
        int[] points = s.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            if (!seen.add(points[i])) {
                throw new CoderOptionException("alphabet", -1, String.format(
                        "the character '%s' (U+%04X) appears twice in the alphabet (at %d)",
                        new String(Character.toChars(points[i])), points[i], i + 1));
            }
        }
        return points.length;
    }

    private static int vocabularySize(Object v, String unknown) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new CoderOptionException("vocabulary", -1, "Tokens' vocabulary must be a list of tokens (or none, to"
                    + " build it from the training data), but got " + show(v));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s) || s.isEmpty()) {
                throw new CoderOptionException("vocabulary", i, "a token must be a non-empty string, but got "
                        + show(l.get(i)));
            }
            if (!seen.add(s)) {
                throw new CoderOptionException("vocabulary", i, "the token \"" + s + "\" appears twice in the vocabulary");
            }
        }
        if (!seen.contains(unknown)) {
            throw new CoderOptionException("vocabulary", -1, "the vocabulary must hold the unknown token \"" + unknown
                    + "\", which words outside it become");
        }
        return l.size();
    }

    private static List<?> labels(Object raw) {
        if (!(raw instanceof List<?> l) || l.size() < 2) {
            throw new CoderOptionException("labels", -1, "Class needs labels, a list of at least two class names");
        }
        return l;
    }

    private static List<Integer> intList(Object raw, String what, int n) {
        if (raw instanceof List<?> l && l.size() == n && l.stream().allMatch(x -> x instanceof Integer i && i > 0)) {
            return l.stream().map(x -> (Integer) x).toList();
        }
        throw new CoderOptionException("size", -1, what + " must be " + n + " positive whole numbers, but got " + Shown.text(String.valueOf(raw)));
    }

    private static void checkOnly(Coder c, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : c.options().keySet()) {
            if (!ok.contains(k)) {
                throw new CoderOptionException(k, -1, c.type() + " has no option \"" + k + "\""
                        + (ok.isEmpty() ? "" : " (it has " + String.join(", ", ok) + ")"));
            }
        }
    }

    private static String show(Object v) {
        if (v == null) {
            return "nothing";
        }
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }
}
