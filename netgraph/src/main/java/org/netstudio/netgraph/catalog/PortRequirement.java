package org.netstudio.netgraph.catalog;

import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What an input port accepts, as data: an element kind and a range of ranks, with a description
 * for messages ("a sequence of vectors (n×d)"). Checked cheaply while a wire is dragged and again
 * by whole-net inference.
 *
 * @param kind        {@code REAL}, an {@code Index} (any range), or {@code ANY}
 * @param minRank     smallest accepted rank
 * @param maxRank     largest accepted rank, or -1 for no limit
 * @param description noun phrase naming what is accepted
 */
public record PortRequirement(ElementKind kind, int minRank, int maxRank, String description) {

    public static PortRequirement anyReal(String description) {
        return new PortRequirement(ElementKind.REAL, 0, -1, description);
    }

    public static PortRequirement realOfRank(int min, int max, String description) {
        return new PortRequirement(ElementKind.REAL, min, max, description);
    }

    public static PortRequirement indices(int min, int max, String description) {
        return new PortRequirement(ElementKind.index(0), min, max, description);
    }

    public static PortRequirement anything(String description) {
        return new PortRequirement(ElementKind.ANY, 0, -1, description);
    }

    /** The result of a check: compatible, or a mismatch with a reason phrase. */
    public sealed interface Compatibility permits Compatible, Mismatch {
    }

    public record Compatible() implements Compatibility {
    }

    /** {@code reason}: "a vector is not compatible with a matrix". */
    public record Mismatch(String reason) implements Compatibility {
    }

    public static final Compatibility COMPATIBLE = new Compatible();

    /** Checks what is known of {@code t}; unknown parts are given the benefit of the doubt. */
    public Compatibility check(TensorType t) {
        ElementKind k = t.kind();
        if (!(kind instanceof ElementKind.AnyKind) && !(k instanceof ElementKind.AnyKind)
                && kind.unify(k) == null) {
            return new Mismatch(kindWord(k) + " cannot be used where " + kindWord(kind) + " are expected");
        }
        if (!t.rankKnown()) {
            return COMPATIBLE;
        }
        int r = t.rank();
        if (r < minRank || (maxRank >= 0 && r > maxRank)) {
            return new Mismatch(TensorType.rankNoun(r) + " is not compatible with " + expectedRankNoun());
        }
        return COMPATIBLE;
    }

    private String expectedRankNoun() {
        if (minRank == maxRank) {
            return TensorType.rankNoun(minRank);
        }
        if (maxRank < 0) {
            return "an array of rank " + minRank + " or more";
        }
        return "an array of rank " + minRank + " to " + maxRank;
    }

    private static String kindWord(ElementKind k) {
        if (k instanceof ElementKind.Index) {
            return "indices";
        }
        if (k instanceof ElementKind.Integer) {
            return "integers";
        }
        return "real numbers";
    }
}
