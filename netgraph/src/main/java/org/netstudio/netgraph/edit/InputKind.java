package org.netstudio.netgraph.edit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.PortDecl;

/**
 * The typed inputs a person can start a net with (the palette's Inputs): each is a complete
 * declaration with common sizes, meant to be adjusted in the inspector afterwards.
 */
public enum InputKind {
    /**
     * An image, read by the Image encoder: 28×28 grayscale to start with, as Fashion-MNIST and MNIST (a
     * 1×28×28 array).
     */
    IMAGE(PortDecls.encoder(new Coder("Image", Map.of("size", List.of(28, 28), "colorSpace", "Grayscale")))),
    /** A vector of real numbers: 2 to start with, as a point of the spirals, moons or XOR data. */
    VECTOR(PortDecls.shape(2)),
    /** A sequence of varying length n of vectors: n×8 real numbers to start with. */
    SEQUENCE(PortDecls.shape("n", 8)),
    /**
     * Text, read by the Characters encoder: n indices, one per character of its alphabet (a lower-case
     * alphabet with a space to start with).
     */
    TEXT(PortDecls.encoder(new Coder("Characters", Map.of("alphabet", "abcdefghijklmnopqrstuvwxyz "))));

    private static final String ID_PREFIX = "input:";

    private final PortDecl decl;

    InputKind(PortDecl decl) {
        this.decl = decl;
    }

    /** The name a new port of this kind gets, the kind's name as a word ("Image"; "Image2" when that is taken). */
    public String portName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** "Image input", as the palette lists it. */
    public String label() {
        return portName() + " input";
    }

    /** The declaration a port of this kind starts with. */
    public PortDecl decl() {
        return decl;
    }

    /** The palette id of this kind, "input:Image"; distinct from every layer type's name. */
    public String id() {
        return ID_PREFIX + portName();
    }

    /** The kind with this palette id, if it is one. */
    public static Optional<InputKind> ofId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }
}
