package org.netstudio.inspector.ports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.netstudio.inspector.edit.EditRunner;
import org.netstudio.netgraph.edit.SetPortDecl;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Edits what a net (or container) declares about one of its ports: a shape of real numbers or
 * indices, or an encoder (Image, Class, Characters, Tokens, word pieces, Boolean) at an input, a
 * decoder (Class, Characters, Tokens, Boolean) at an output. An empty alphabet, and a Tokens coder,
 * are built from the training data when the net is trained; a built vocabulary (or a word-piece
 * tokenizer) is kept as the net holds it. The fields hold text as typed; {@link #commit()} builds the
 * declaration and executes one {@link SetPortDecl}, or keeps it and says why it cannot be declared.
 * Typing survives refreshes that do not change this port's declaration.
 */
public final class PortDeclEditor {

    /** What the port is declared as. */
    public enum Kind {
        NONE("Not declared"), REAL("Real numbers"), INDICES("Indices"), IMAGE("Image"), CLASS("Class"),
        CHARACTERS("Characters"), TOKENS("Tokens (words)"), SUBWORDS("Word pieces (tokenizer.json)"), BOOLEAN("Boolean");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The colour spaces of the Image encoder. */
    public static final List<String> COLOR_SPACES = List.of("Grayscale", "RGB");

    /**
     * The form's fields, as typed; each kind reads some of them.
     *
     * @param kind         what the port is declared as
     * @param shape        real numbers, indices: "1×28×28", "n×20" (a word is a length that varies), "n"; at an
     *                     input not declared yet, a shape typed here declares real numbers of that shape
     * @param range        indices: how many values, "97" for 0..96
     * @param size         image: "width×height", "28×28"
     * @param colorSpace   image: "Grayscale" or "RGB"
     * @param augmentation image: how training varies the pictures, "crop 4, flip", or "none" (see
     *                     {@link ImageAugmentation#text()})
     * @param labels       class: the labels separated by commas, "cat, dog"
     * @param alphabet     characters: the alphabet as one string
     */
    public record Fields(ObjectProperty<Kind> kind, StringProperty shape, StringProperty range, StringProperty size,
                         ObjectProperty<String> colorSpace, StringProperty augmentation, StringProperty labels,
                         StringProperty alphabet) {

        Fields() {
            this(new SimpleObjectProperty<>(Kind.NONE), new SimpleStringProperty(""), new SimpleStringProperty(""),
                    new SimpleStringProperty(""), new SimpleObjectProperty<>("RGB"), new SimpleStringProperty("none"),
                    new SimpleStringProperty(""), new SimpleStringProperty(""));
        }

        /** What the fields hold now, to tell typing from what was shown. */
        List<Object> values() {
            return java.util.Arrays.asList(kind.get(), shape.get(), range.get(), size.get(), colorSpace.get(),
                    augmentation.get(), labels.get(), alphabet.get());
        }
    }

    private final NodePath container;
    private final String port;
    private final boolean input;
    private final EditRunner edits;

    private final Fields fields = new Fields();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<PortRow> resolved = new ReadOnlyObjectWrapper<>(this, "resolved");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(this, "editable");
    private PortDecl shown;
    private List<Object> shownFields = List.of();
    private TensorType resolvedType = TensorType.ANY;

    public PortDeclEditor(NodePath container, String port, boolean input, EditRunner edits) {
        this.container = Objects.requireNonNull(container, "container");
        this.port = Objects.requireNonNull(port, "port");
        this.input = input;
        this.edits = Objects.requireNonNull(edits, "edits");
    }

    public String getPort() {
        return port;
    }

    public boolean isInput() {
        return input;
    }

    /** The kinds this side can declare: encoders at inputs, decoders at outputs. */
    public List<Kind> getKinds() {
        return input ? List.of(Kind.values())
                : List.of(Kind.NONE, Kind.REAL, Kind.CLASS, Kind.CHARACTERS, Kind.TOKENS, Kind.BOOLEAN);
    }

    /** The fields the user types in; {@link #commit()} declares what they say. */
    public Fields fields() {
        return fields;
    }

    /** Why the fields cannot be declared, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The type inference resolved at the port. */
    public ReadOnlyObjectProperty<PortRow> resolvedProperty() {
        return resolved.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    // ---- edits -----------------------------------------------------------------------------

    /**
     * Chooses another kind: fields it needs that are empty are filled from the resolved type
     * (a 1×28×28 input becomes a 28×28 grayscale image; a 10-vector output gets labels 0 … 9), and
     * the declaration is applied when complete.
     */
    public boolean chooseKind(Kind k) {
        fields.kind().set(Objects.requireNonNull(k, "kind"));
        if (k == Kind.NONE) {
            fields.shape().set("");
        }
        prefill(k);
        return commit();
    }

    /** Builds the declaration from the fields and applies it; false (with the message) when it cannot be. */
    public boolean commit() {
        Object built = build();
        if (built instanceof String why) {
            error.set(why);
            return false;
        }
        PortDecl decl = (PortDecl) built;
        if (decl.equals(shown)) {
            error.set(null);
            return true;
        }
        Optional<String> refused = edits.execute(new SetPortDecl(container, port, input, decl));
        error.set(refused.orElse(null));
        return refused.isEmpty();
    }

    /** Puts the fields back to the document's declaration (Escape). */
    public void revert() {
        fill(shown);
        error.set(null);
    }

    // ---- refresh ---------------------------------------------------------------------------

    /** Shows the declaration in the document and the type inference found at the port. */
    public void show(PortDecl decl, TensorType type, boolean canEdit) {
        boolean same = Objects.equals(decl, shown);
        boolean typing = same && (error.get() != null || !fields.values().equals(shownFields));
        shown = decl;
        if (!typing) {
            fill(decl);
            error.set(null);
        }
        resolvedType = type;
        resolved.set(PortRow.of(input, port, type, ""));
        editable.set(canEdit);
    }

    /** Shows the declaration: its kind and that kind's fields; other kinds' fields keep what they hold. */
    private void fill(PortDecl decl) {
        Coder c = decl == null ? null : decl.coder();
        TensorType t = decl == null ? TensorType.ANY : decl.type();
        if (c != null) {
            switch (c.type()) {
                case "Image" -> {
                    fields.kind().set(Kind.IMAGE);
                    fields.size().set(c.options().get("size") instanceof List<?> s ? join(s, "×") : "");
                    fields.colorSpace().set(String.valueOf(c.options().getOrDefault("colorSpace", "RGB")));
                    fields.augmentation().set(ImageAugmentation.of(c).text());
                }
                case "Class" -> {
                    fields.kind().set(Kind.CLASS);
                    fields.labels().set(String.join(", ", Coders.labels(c)));
                }
                case "Characters" -> {
                    fields.kind().set(Kind.CHARACTERS);
                    fields.alphabet().set(String.valueOf(c.options().getOrDefault("alphabet", "")));
                }
                case "Tokens" -> fields.kind().set(Kind.TOKENS);
                case "Subwords" -> fields.kind().set(Kind.SUBWORDS);
                default -> fields.kind().set(Kind.BOOLEAN);
            }
        } else if (t.equals(TensorType.ANY)) {
            fields.kind().set(Kind.NONE);
            fields.shape().set("");
        } else if (t.kind() instanceof ElementKind.Index i) {
            fields.kind().set(Kind.INDICES);
            fields.range().set(i.rangeKnown() ? Integer.toString(i.size()) : "");
            fields.shape().set(t.rankKnown() ? t.shapeText() : "");
        } else {
            fields.kind().set(Kind.REAL);
            fields.shape().set(t.rankKnown() ? t.shapeText() : "");
        }
        shownFields = fields.values();
    }

    private void prefill(Kind k) {
        TensorType t = shown != null && !shown.type().equals(TensorType.ANY) ? shown.type() : resolvedType;
        switch (k) {
            case REAL, INDICES -> {
                if (fields.shape().get().isBlank() && t.dimsKnown() && !t.dims().isEmpty()) {
                    fields.shape().set(t.shapeText());
                }
                if (k == Kind.INDICES && fields.range().get().isBlank() && t.kind() instanceof ElementKind.Index i && i.rangeKnown()) {
                    fields.range().set(Integer.toString(i.size()));
                }
            }
            case IMAGE -> {
                if (fields.size().get().isBlank() && t.isFullyKnown() && t.rank() == 3) {
                    fields.size().set(t.dim(2).size() + "×" + t.dim(1).size());
                    fields.colorSpace().set(t.dim(0).size() == 1 ? "Grayscale" : "RGB");
                }
            }
            case CLASS -> {
                int n = classCount(t);
                if (fields.labels().get().isBlank() && n >= 2) {
                    List<String> l = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        l.add(Integer.toString(i));
                    }
                    fields.labels().set(String.join(", ", l));
                }
            }
            default -> {
            }
        }
    }

    private int classCount(TensorType t) {
        if (t.kind() instanceof ElementKind.Index i && i.rangeKnown()) {
            return i.size();
        }
        return t.isFullyKnown() && t.rank() == 1 ? t.dim(0).size() : -1;
    }

    // ---- building --------------------------------------------------------------------------

    /** The declaration, or a sentence saying what is wrong. */
    private Object build() {
        try {
            PortDecl decl = switch (fields.kind().get()) {
                // An undeclared input offers its shape right away: typing one declares real numbers.
                case NONE -> input && !fields.shape().get().isBlank()
                        ? PortDecl.of(TensorType.real(parseShape(fields.shape().get(), true))) : PortDecl.UNSPECIFIED;
                case REAL -> {
                    List<Dim> dims = parseShape(fields.shape().get(), true);
                    yield PortDecl.of(TensorType.real(dims));
                }
                case INDICES -> {
                    int n = parseRange(fields.range().get());
                    List<Dim> dims = fields.shape().get().isBlank() ? null : parseShape(fields.shape().get(), false);
                    yield PortDecl.of(new TensorType(ElementKind.index(n), dims));
                }
                case IMAGE -> coder("Image", imageOptions());
                case CLASS -> coder("Class", Map.of("labels", parseLabels(fields.labels().get())));
                // An empty alphabet is built from the training data when the net is trained.
                case CHARACTERS -> coder("Characters", fields.alphabet().get().isEmpty() ? Map.of()
                        : Map.of("alphabet", fields.alphabet().get()));
                case TOKENS -> coder("Tokens", shownOptions("Tokens", Map.of()));
                case SUBWORDS -> coder("Subwords", shownOptions("Subwords", Map.of("tokenizer", Coders.BUILT_IN_TOKENIZER)));
                case BOOLEAN -> coder("Boolean", Map.of());
            };
            Optional<String> why = PortDecls.unwritable(decl, input);
            if (why.isPresent()) {
                return "This cannot be declared: " + why.get() + ".";
            }
            return decl;
        } catch (IllegalArgumentException e) {
            return sentence(e.getMessage());
        }
    }

    private PortDecl coder(String type, Map<String, Object> options) {
        Coder c = new Coder(type, options);
        return input ? PortDecls.encoder(c) : PortDecls.decoder(c);
    }

    /** The options of the coder shown, when it is of this type (a built vocabulary is kept), else the defaults. */
    private Map<String, Object> shownOptions(String type, Map<String, Object> defaults) {
        return shown != null && shown.coder() != null && shown.coder().type().equals(type) ? shown.coder().options()
                : defaults;
    }

    private Map<String, Object> imageOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (shown != null && shown.coder() != null && shown.coder().type().equals("Image")) {
            o.putAll(shown.coder().options());
        }
        List<Dim> wh = parseShape(fields.size().get(), true);
        if (wh.size() != 2 || !wh.stream().allMatch(Dim::isFixed)) {
            throw new IllegalArgumentException("Image size must be width×height, e.g. 28×28, but got \"" + fields.size().get().strip() + "\"");
        }
        o.put("size", List.of(wh.get(0).size(), wh.get(1).size()));
        o.put("colorSpace", fields.colorSpace().get() == null ? "RGB" : fields.colorSpace().get());
        ImageAugmentation varied = ImageAugmentation.parseText(fields.augmentation().get());
        if (varied.any()) {
            o.put(ImageAugmentation.OPTION, varied.toOption());
        } else {
            o.remove(ImageAugmentation.OPTION);
        }
        return o;
    }

    /** "1×28×28", "1 x 28 x 28", "1, 28, 28", "n×20" → dimensions; words are varying lengths. */
    static List<Dim> parseShape(String text, boolean required) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("Type a shape such as 1×28×28, or n×20 for a sequence of varying length n");
            }
            return List.of();
        }
        List<Dim> dims = new ArrayList<>();
        for (String part : s.split("\\s*[×,;*]\\s*|(?<=\\d)\\s*[xX]\\s*(?=\\w)|\\s+", -1)) {
            if (part.matches("[0-9]+")) {
                int v;
                try {
                    v = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    v = 0;
                }
                if (v < 1) {
                    throw new IllegalArgumentException("every size in a shape must be a positive whole number, but got \"" + text.strip() + "\"");
                }
                dims.add(Dim.of(v));
            } else if (part.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                dims.add(Dim.symbolic(part));
            } else {
                throw new IllegalArgumentException("a shape lists sizes and names of varying lengths, like 1×28×28 or n×20, but got \""
                        + text.strip() + "\"");
            }
        }
        return dims;
    }

    private static int parseRange(String text) {
        String s = text == null ? "" : text.strip();
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("the number of index values must be a positive whole number (97 for 0..96), but got \"" + s + "\"");
    }

    private static List<String> parseLabels(String text) {
        List<String> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("Class needs at least two labels separated by commas, e.g. cat, dog, but got "
                    + out.size());
        }
        if (out.stream().distinct().count() != out.size()) {
            throw new IllegalArgumentException("every class label must be different, but got " + String.join(", ", out));
        }
        return out;
    }

    private static String join(List<?> values, String sep) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(String.valueOf(v)));
        return String.join(sep, parts);
    }

    private static String sentence(String s) {
        if (s == null || s.isEmpty()) {
            return "This cannot be declared.";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
