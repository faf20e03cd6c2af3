package org.netstudio.netgraph.edit;

import java.util.List;
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
    /** A 28×28 grayscale image (Fashion-MNIST, MNIST), read by the Image encoder: a 1×28×28 array. */
    IMAGE("Image", "An image, read by the Image encoder: 28×28 grayscale to start with (a 1×28×28 array).",
            PortDecls.encoder(new Coder("Image", Map.of("size", List.of(28, 28), "colorSpace", "Grayscale")))),
    /** A vector of 2 real numbers (a point of the spirals, moons or XOR data). */
    VECTOR("Vector", "A vector of real numbers: 2 to start with, as a point of the spirals data.",
            PortDecls.shape(2)),
    /** A sequence of varying length n of 8 real numbers each. */
    SEQUENCE("Sequence", "A sequence of varying length n of vectors: n×8 real numbers to start with.",
            PortDecls.shape("n", 8)),
    /** Text read character by character: n indices into a lower-case alphabet with a space. */
    TEXT("Text", "Text, read by the Characters encoder: n indices, one per character of its alphabet"
            + " (a to z and space to start with).",
            PortDecls.encoder(new Coder("Characters", Map.of("alphabet", "abcdefghijklmnopqrstuvwxyz "))));

    private static final String ID_PREFIX = "input:";

    private final String portName;
    private final String description;
    private final PortDecl decl;

    InputKind(String portName, String description, PortDecl decl) {
        this.portName = portName;
        this.description = description;
        this.decl = decl;
    }

    /** The name a new port of this kind gets ("Image"; "Image2" when that is taken). */
    public String portName() {
        return portName;
    }

    /** What it is, in a sentence. */
    public String description() {
        return description;
    }

    /** "Image input", as the palette lists it. */
    public String label() {
        return portName + " input";
    }

    /** The declaration a port of this kind starts with. */
    public PortDecl decl() {
        return decl;
    }

    /** The palette id of this kind, "input:Image"; distinct from every layer type's name. */
    public String id() {
        return ID_PREFIX + portName;
    }

    /** The kind with this palette id, if it is one. */
    public static Optional<InputKind> ofId(String id) {
        for (InputKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
