package org.netstudio.netgraph.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.tensor.ElementKind;

/**
 * The layer catalog as a Markdown reference ({@code docs/layers.md}): every layer type by category
 * with its aliases, documentation, parameters (kind, bounds, default, documentation), ports and, where
 * the catalog states it, its shape rule. Generated from the catalog so the reference cannot drift
 * from it; a test compares the committed file with {@link #markdown(LayerCatalog)}.
 *
 * <p>Regenerate after changing the catalog:
 * {@code mvn -o -q -pl netgraph compile && java -cp netgraph/target/classes
 * org.netstudio.netgraph.catalog.LayerReference docs/layers.md}
 */
public final class LayerReference {

    /** The command that rewrites the committed reference, from the repository's root. */
    public static final String REGENERATE = "mvn -o -q -pl netgraph compile && java -cp netgraph/target/classes "
            + LayerReference.class.getName() + " docs/layers.md";

    private LayerReference() {
    }

    /** Writes the reference of the standard catalog to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/layers.md");
        Files.writeString(target, markdown(LayerCatalog.standard()), StandardCharsets.UTF_8);
    }

    /** The whole reference, ending with a newline. */
    public static String markdown(LayerCatalog catalog) {
        Map<Category, List<LayerType>> byCategory = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            byCategory.put(c, new ArrayList<>());
        }
        catalog.types().forEach(t -> byCategory.get(t.category()).add(t));
        byCategory.values().removeIf(List::isEmpty);

        StringBuilder md = new StringBuilder();
        md.append("# Layer reference\n\n");
        md.append("<!-- Generated from the layer catalog by ").append(LayerReference.class.getName())
                .append("; do not edit. Regenerate from the repository's root with: ").append(REGENERATE)
                .append(" -->\n\n");
        md.append("Every layer type NetStudio knows, ").append(catalog.types().size())
                .append(" of them, as the layer catalog defines them. A type's name and its parameter names are ")
                .append("the ones the net file uses (see [the net file format](net-file-format.md)); its aliases are ")
                .append("other names the palette search and the file reader accept (any case). Shapes are per example, ")
                .append("without the batch dimension and channels first; `n` is a length that may vary. A parameter ")
                .append("that is not set takes its default, and a file leaves defaults out. The containers are not ")
                .append("layer types but parts of the net model, described in the net file format: ")
                .append(containers()).append(".\n\n");

        md.append("| category | layer types |\n| --- | --- |\n");
        byCategory.forEach((category, types) -> md.append("| ").append(category.title()).append(" | ")
                .append(String.join(", ", types.stream().map(t -> "[" + t.name() + "](#" + anchor(t.name()) + ")").toList()))
                .append(" |\n"));

        byCategory.forEach((category, types) -> {
            md.append("\n## ").append(category.title()).append('\n');
            types.forEach(t -> layer(md, t));
        });
        return md.toString();
    }

    /** "`Chain` (also NetChain), `Graph` (also NetGraph) and …", from the catalog's container names. */
    private static String containers() {
        List<String> names = new ArrayList<>();
        for (String c : LayerCatalog.CONTAINERS) {
            List<String> aliases = LayerCatalog.containerAliases(c);
            names.add("`" + c + "`" + (aliases.isEmpty() ? "" : " (also " + String.join(", ", aliases) + ")"));
        }
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static void layer(StringBuilder md, LayerType t) {
        md.append("\n### ").append(t.name()).append("\n\n");
        if (!t.aliases().isEmpty()) {
            md.append("Aliases: ").append(String.join(", ", t.aliases())).append(".\n\n");
        }
        if (!t.doc().isBlank()) {
            md.append(escape(t.doc())).append("\n\n");
        }
        if (t.params().isEmpty()) {
            md.append("No parameters.\n\n");
        } else {
            md.append("| parameter | value | default | meaning |\n| --- | --- | --- | --- |\n");
            for (ParamSpec p : t.params()) {
                md.append("| `").append(p.name()).append("` | ").append(valueText(p)).append(" | ")
                        .append(defaultText(p)).append(" | ").append(escape(p.doc())).append(" |\n");
            }
            md.append('\n');
        }
        List<String> ports = new ArrayList<>();
        for (PortSpec in : t.inputs()) {
            ports.add(portText(in));
        }
        md.append("- Inputs: ").append(ports.isEmpty() ? "none" : String.join("; ", ports)).append('\n');
        md.append("- Outputs: ").append(String.join(", ", t.outputs().stream().map(o -> "`" + o + "`").toList()));
        if (SizeLimitedRule.inner(t.shapeRule()) == Shapes.SAME_SHAPE) {
            md.append(", of the input's shape");
        }
        md.append('\n');
        if (!t.keyParams().isEmpty()) {
            md.append("- Shown on the node: ").append(String.join(", ", t.keyParams())).append('\n');
        }
    }

    /** "`Input`, real numbers: an array", or "`Input1`, `Input2`, … (at least 2), …: …" for a variadic port. */
    private static String portText(PortSpec p) {
        PortRequirement r = p.requirement();
        StringBuilder s = new StringBuilder();
        if (p.variadic()) {
            s.append('`').append(p.name()).append("1`, `").append(p.name()).append("2`, … (at least ")
                    .append(p.minCount()).append(')');
        } else {
            s.append('`').append(p.name()).append('`');
        }
        String kind = kindText(r.kind());
        if (!kind.isEmpty()) {
            s.append(", ").append(kind);
        }
        return s.append(": ").append(escape(r.description())).toString();
    }

    private static String kindText(ElementKind k) {
        if (k instanceof ElementKind.Real) {
            return "real numbers";
        }
        if (k instanceof ElementKind.Index) {
            return "indices";
        }
        if (k instanceof ElementKind.Integer) {
            return "integers";
        }
        return "";
    }

    /** The kind of value with its bounds: "whole number ≥ 1", "number, 0 ≤ x &lt; 1", a list of choices. */
    static String valueText(ParamSpec p) {
        String kind = switch (p.kind()) {
            case INT -> "whole number";
            case REAL -> "number";
            case BOOL -> "`true` or `false`";
            case CHOICE -> String.join(", ", p.choices().stream().map(c -> "`\"" + c + "\"`").toList());
            case INT_OR_LIST -> "whole number, or a list of them (one per axis)";
            case PADDING -> "whole number, a list of them (one per axis), or `\"same\"`";
            case INT_LIST -> "list of whole numbers";
            case EXPRESSION -> "text";
        };
        String bounds = boundsText(p);
        return bounds.isEmpty() ? kind : kind + ", " + bounds;
    }

    private static String boundsText(ParamSpec p) {
        String lower = p.min() == null ? null : number(p.min());
        String upper = p.max() == null ? null : number(p.max());
        String x = p.kind() == ParamKind.INT_LIST || p.kind() == ParamKind.INT_OR_LIST || p.kind() == ParamKind.PADDING
                ? "each" : "";
        String lt = p.maxExclusive() ? " < " : " ≤ ";
        if (lower != null && upper != null) {
            return lower + " ≤ " + (x.isEmpty() ? "x" : x) + lt + upper;
        }
        if (lower != null) {
            return (x.isEmpty() ? "" : x + " ") + "≥ " + lower;
        }
        if (upper != null) {
            return (x.isEmpty() ? "" : x + " ") + lt.strip() + " " + upper;
        }
        return "";
    }

    private static String defaultText(ParamSpec p) {
        if (p.required()) {
            return "required";
        }
        Object d = p.defaultValue();
        if (d == null) {
            return "—";
        }
        return "`" + valueLiteral(d) + "`";
    }

    /** A value as the net file writes it: 0.00001, "max", [1, 1], true. */
    static String valueLiteral(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(LayerReference::valueLiteral).toList()) + "]";
        }
        return String.valueOf(v);
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Table cells and prose: no pipes or line breaks that would end a table row. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ").strip();
    }

    /** The anchor a Markdown renderer (GitHub's, and the Help viewer's) gives a heading. */
    public static String anchor(String heading) {
        StringBuilder a = new StringBuilder();
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                a.append(c);
            } else if (c == ' ') {
                a.append('-');
            }
        }
        return a.toString();
    }
}
