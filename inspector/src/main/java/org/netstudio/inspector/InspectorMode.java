package org.netstudio.inspector;

/** What the inspector is showing, decided by the selection. */
public enum InspectorMode {
    /** No document. */
    EMPTY,
    /** Nothing selected: the net's summary and its inputs and outputs. */
    NET,
    /** One catalog layer: its parameters, ports and arrays. */
    LAYER,
    /** Several nodes: the parameters the layers share, and their summary. */
    SEVERAL,
    /** One Chain or Graph: its ports and what is inside. */
    CONTAINER,
    /** One port the net or a container declares (its input or output node): its declaration. */
    PORT
}
