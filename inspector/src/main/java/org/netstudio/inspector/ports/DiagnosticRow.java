package org.netstudio.inspector.ports;

import java.util.Objects;
import org.netstudio.netgraph.inference.Diagnostic;

/** A problem of the selected node, as its full sentence. */
public record DiagnosticRow(boolean error, String message) {

    public DiagnosticRow {
        Objects.requireNonNull(message, "message");
    }

    public static DiagnosticRow of(Diagnostic d) {
        return new DiagnosticRow(d.severity() == Diagnostic.Severity.ERROR, d.message());
    }
}
