package org.netstudio.netgraph.catalog;

/** Palette groups; the canvas colours nodes by category through CSS tokens. */
public enum Category {
    CORE("Core"),
    CONVOLUTION("Convolution & pooling"),
    ACTIVATION("Activation"),
    NORMALIZATION("Normalization & regularization"),
    STRUCTURE("Structure"),
    MERGE("Merge"),
    SEQUENCE("Sequence"),
    LOSS("Loss"),
    CONTAINER("Container");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The CSS style class of nodes of this category, e.g. {@code category-convolution}. */
    public String styleClass() {
        return "category-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
