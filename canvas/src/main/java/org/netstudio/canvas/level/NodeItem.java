package org.netstudio.canvas.level;

import java.util.List;

/**
 * What one canvas node shows, computed from the document and the inference result: a layer, a
 * container, or one of the graph's own input or output ports. Pure data; views only bind to it.
 *
 * @param id       the node name, or "$Port" for a graph port
 * @param title    the type name ("Convolution") or the port name ("Input")
 * @param detail   key parameters ("32, 3×3") or, for a port node, its declared type
 * @param shape    the output shape ("32×26×26"), "?" when unknown
 * @param params   the parameter count ("320 params"), "" when none
 * @param category the CSS style class of its category ("category-convolution")
 * @param x        left edge in canvas units (valid when {@code placed})
 * @param y        top edge in canvas units
 * @param problems full-sentence diagnostics about this node and its ports
 * @param innerProblems number of diagnostics inside a container
 */
public record NodeItem(String id, Kind kind, String typeName, String title, String detail, String shape,
                       String params, String category, List<PortItem> inputs, List<PortItem> outputs,
                       double x, double y, boolean placed, double width, double height,
                       List<String> problems, int innerProblems) {

    public enum Kind { LAYER, CONTAINER, INPUT, OUTPUT }

    public NodeItem {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty() || innerProblems > 0;
    }

    public boolean isGraphPort() {
        return kind == Kind.INPUT || kind == Kind.OUTPUT;
    }

    public PortItem input(String name) {
        return inputs.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public PortItem output(String name) {
        return outputs.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public NodeItem at(double nx, double ny) {
        return new NodeItem(id, kind, typeName, title, detail, shape, params, category, inputs, outputs, nx, ny,
                true, width, height, problems, innerProblems);
    }

    /** This node with other problems. */
    public NodeItem withProblems(List<String> next) {
        return new NodeItem(id, kind, typeName, title, detail, shape, params, category, inputs, outputs, x, y,
                placed, width, height, next, innerProblems);
    }

    /** Centre x in canvas units. */
    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean contains(double px, double py) {
        return placed && px >= x && px <= x + width && py >= y && py <= y + height;
    }
}
