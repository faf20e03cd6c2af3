package org.netstudio.netgraph.fuzz;

import java.nio.file.Path;

/**
 * One generated input: the path to read, how it was made (for the findings), and, when the
 * reader must read it back to a known value if it accepts it at all (a mutation that cannot
 * change the content without being noticed), that value; else null.
 */
public record FuzzInput(Path path, String made, Object expected) {

    public FuzzInput(Path path, String made) {
        this(path, made, null);
    }
}
