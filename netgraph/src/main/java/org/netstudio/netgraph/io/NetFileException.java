package org.netstudio.netgraph.io;

import java.io.IOException;

/**
 * A net, weights or {@code .nsnet} file that cannot be read: malformed, corrupt, or holding
 * something NetStudio does not understand. The message is one line that names the file, where in
 * it the problem is (a JSON path such as {@code $.net.layers[3].kernel}, a tensor, a zip entry, or
 * a line and column), and what is wrong, e.g.
 * {@code lenet.json: $.net.layers[3].kernel: kernel must be a whole number or a list of them, but got "big"}.
 * Readers throw it instead of returning anything partial: a file either loads whole or not at all.
 */
public final class NetFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String location;
    private final String detail;

    /**
     * @param file     how the file is named to people (a path or file name), never null
     * @param location where in the file, or null when the problem is about the file as a whole
     * @param detail   what is wrong, a sentence without the file or location
     */
    public NetFileException(String file, String location, String detail) {
        this(file, location, detail, null);
    }

    public NetFileException(String file, String location, String detail, Throwable cause) {
        super(format(file, location, detail), cause);
        this.file = file;
        this.location = location;
        this.detail = detail;
    }

    private static String format(String file, String location, String detail) {
        return file + ": " + (location == null ? "" : location + ": ") + detail;
    }

    /** How the file is named in the message. */
    public String file() {
        return file;
    }

    /** The JSON path, tensor, entry or "line L, column C" of the problem, or null. */
    public String location() {
        return location;
    }

    /** The problem itself, without file and location. */
    public String detail() {
        return detail;
    }
}
