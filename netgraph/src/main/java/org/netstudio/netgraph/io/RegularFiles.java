package org.netstudio.netgraph.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Says, before a reader opens a file, when it is not a regular file: a folder, a named pipe (which
 * would block the reader forever), a device such as {@code /dev/zero} (which never ends), or a link
 * to one of them. Readers refuse these with the sentence given instead of opening them. Stateless.
 */
public final class RegularFiles {

    private static final int TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {
    }

    /**
     * Why {@code file} is not a regular file NetStudio reads, as a sentence without the file name
     * ("it is a named pipe (FIFO), not a regular file"), or empty when it is one — or when it does
     * not exist, which opening it reports as usual.
     */
    public static Optional<String> problem(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (a.isRegularFile()) {
            return Optional.empty();
        }
        String kind = a.isDirectory() ? "a folder" : otherKind(file);
        String link = "";
        if (Files.isSymbolicLink(file)) {
            try {
                link = "a link to " + Files.readSymbolicLink(file) + ", which is ";
            } catch (IOException | UnsupportedOperationException e) {
                link = "a link to ";
            }
        }
        return Optional.of("it is " + link + kind + ", not a regular file");
    }

    private static String otherKind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                int type = m & TYPE_BITS;
                if (type == FIFO) {
                    return "a named pipe (FIFO)";
                }
                if (type == SOCKET) {
                    return "a socket";
                }
                return "a device";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not a Unix file system: say what is common to all of them.
        }
        return "a device, pipe or socket";
    }

    /** Refuses a file that is not a regular one with a {@link NetFileException} naming it. */
    public static void require(Path file) throws NetFileException {
        Optional<String> problem = problem(file);
        if (problem.isPresent()) {
            throw new NetFileException(file.toString(), null, problem.get());
        }
    }
}
